package io.alertpilot.ingest.publish;

import io.alertpilot.ingest.IngestMetrics;
import io.alertpilot.ingest.IngestProperties;
import io.alertpilot.model.alert.RejectedPayload;
import io.alertpilot.support.kafka.AcknowledgedSender;
import io.alertpilot.support.kafka.KafkaNotAcknowledgedException;
import org.springframework.stereotype.Component;

/**
 * Keeps a refused body and its reason on the rejected topic (key = source) and waits for the acknowledgement, so that
 * bad input is never silently dropped. Thread safe.
 */
@Component
public class RejectedPayloadPublisher {

    private final AcknowledgedSender sender;
    private final IngestProperties properties;
    private final IngestMetrics metrics;

    RejectedPayloadPublisher(AcknowledgedSender sender, IngestProperties properties, IngestMetrics metrics) {
        this.sender = sender;
        this.properties = properties;
        this.metrics = metrics;
    }

    /**
     * Publishes {@code payload} and counts it.
     *
     * @throws PublishFailedException when Kafka did not acknowledge it in time
     */
    public void publish(RejectedPayload payload) {
        metrics.rejected(payload.source(), payload.reason());
        try {
            sender.send(new AcknowledgedSender.Outgoing(properties.topics().rejected(), payload.source(), payload,
                    "RejectedPayload", payload.schemaVersion(), payload.source()), properties.publishTimeout());
        } catch (KafkaNotAcknowledgedException e) {
            throw new PublishFailedException(e.getMessage(), e);
        }
    }
}
