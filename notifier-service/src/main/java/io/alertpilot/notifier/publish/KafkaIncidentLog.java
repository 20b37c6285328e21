package io.alertpilot.notifier.publish;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.notifier.incident.IncidentLog;
import io.alertpilot.notifier.incident.IncidentStoreException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.springframework.kafka.core.KafkaTemplate;

/** Writes incident versions to the compacted incident topic (key = incident id) and waits for the acknowledgement. */
class KafkaIncidentLog implements IncidentLog {

    private final KafkaTemplate<String, Object> template;
    private final String topic;
    private final Duration timeout;

    KafkaIncidentLog(KafkaTemplate<String, Object> template, String topic, Duration timeout) {
        this.template = template;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public void write(Incident incident) {
        try {
            template.send(topic, incident.id(), incident).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            throw new IncidentStoreException(incident.id(), e.getCause());
        } catch (TimeoutException e) {
            throw new IncidentStoreException(incident.id(), null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IncidentStoreException(incident.id(), e);
        } catch (RuntimeException e) {
            throw new IncidentStoreException(incident.id(), e);
        }
    }
}
