package io.alertpilot.ingest.publish;

import io.alertpilot.ingest.IngestMetrics;
import io.alertpilot.ingest.IngestProperties;
import io.alertpilot.model.alert.RejectedPayload;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Keeps a refused body and its reason on the rejected topic (key = source) and waits for the acknowledgement, so that
 * bad input is never silently dropped. Thread safe.
 */
@Component
public class RejectedPayloadPublisher {

    private final RecordSender sender;
    private final IngestProperties properties;
    private final IngestMetrics metrics;

    RejectedPayloadPublisher(RecordSender sender, IngestProperties properties, IngestMetrics metrics) {
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
        sender.sendAll(List.of(new RecordSender.Outgoing(properties.topics().rejected(), payload.source(), payload,
                "RejectedPayload", payload.schemaVersion(), payload.source())), properties.publishTimeout());
    }
}
