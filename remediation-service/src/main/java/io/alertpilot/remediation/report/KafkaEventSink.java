package io.alertpilot.remediation.report;

import io.alertpilot.model.kafka.EventHeaders;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.remediation.run.EventSink;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Publishes RemediationEvents on the remediations topic, keyed by the target key so that every event of a target is
 * in order on one partition, and waits for the acknowledgement. Thread safe.
 */
public final class KafkaEventSink implements EventSink {

    private final KafkaTemplate<String, Object> template;
    private final String topic;
    private final Duration timeout;

    public KafkaEventSink(KafkaTemplate<String, Object> template, String topic, Duration timeout) {
        this.template = template;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public void publish(RemediationEvent event) {
        ProducerRecord<String, Object> record = new ProducerRecord<>(topic, event.key(), event);
        record.headers().add(EventHeaders.TYPE, "RemediationEvent".getBytes(StandardCharsets.UTF_8));
        record.headers().add(EventHeaders.SCHEMA_VERSION,
                Integer.toString(event.schemaVersion()).getBytes(StandardCharsets.UTF_8));
        try {
            template.send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while publishing remediation event " + event.eventId(), e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("remediation event " + event.eventId() + " was not acknowledged within "
                    + timeout, e);
        }
    }
}
