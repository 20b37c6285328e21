package io.alertpilot.remediation.report;

import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.remediation.run.EventSink;
import io.alertpilot.support.kafka.AcknowledgedSender;
import io.alertpilot.support.kafka.KafkaNotAcknowledgedException;
import java.time.Duration;

/**
 * Publishes RemediationEvents on the remediations topic, keyed by the target key so that every event of a target is
 * in order on one partition, and waits for the acknowledgement. Thread safe.
 */
public final class KafkaEventSink implements EventSink {

    private final AcknowledgedSender sender;
    private final String topic;
    private final Duration timeout;

    public KafkaEventSink(AcknowledgedSender sender, String topic, Duration timeout) {
        this.sender = sender;
        this.topic = topic;
        this.timeout = timeout;
    }

    /**
     * Publishes {@code event} and waits for the acknowledgement.
     *
     * @throws IllegalStateException when it was not acknowledged within the timeout
     */
    @Override
    public void publish(RemediationEvent event) {
        try {
            sender.send(new AcknowledgedSender.Outgoing(topic, event.key(), event, "RemediationEvent",
                    event.schemaVersion(), null), timeout);
        } catch (KafkaNotAcknowledgedException e) {
            throw new IllegalStateException("remediation event " + event.eventId() + " was not acknowledged within "
                    + timeout, e);
        }
    }
}
