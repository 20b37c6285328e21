package io.alertpilot.notifier.publish;

import io.alertpilot.notifier.incident.IncidentCommand;
import io.alertpilot.notifier.incident.IncidentForwarder;
import io.alertpilot.notifier.incident.IncidentStoreException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;

/** Puts commands on the command topic, key = incident id, so they reach the replica that owns the incident. */
class KafkaIncidentForwarder implements IncidentForwarder {

    private final KafkaTemplate<String, Object> template;
    private final String topic;
    private final Duration timeout;

    KafkaIncidentForwarder(KafkaTemplate<String, Object> template, String topic, Duration timeout) {
        this.template = template;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public void forward(IncidentCommand command) {
        try {
            template.send(topic, command.incidentId(), command).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IncidentStoreException(command.incidentId(), e.getCause());
        } catch (TimeoutException e) {
            throw new IncidentStoreException(command.incidentId(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IncidentStoreException(command.incidentId(), e);
        } catch (RuntimeException e) {
            throw new IncidentStoreException(command.incidentId(), e);
        }
    }
}
