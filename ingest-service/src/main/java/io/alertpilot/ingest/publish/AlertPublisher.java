package io.alertpilot.ingest.publish;

import io.alertpilot.ingest.IngestMetrics;
import io.alertpilot.ingest.IngestProperties;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.support.kafka.AcknowledgedSender;
import io.alertpilot.support.kafka.KafkaNotAcknowledgedException;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Puts the alerts of one request on the alerts topic, key = fingerprint, and returns only after Kafka acknowledged
 * every one of them. Thread safe.
 */
@Component
public class AlertPublisher {

    private final AcknowledgedSender sender;
    private final IngestProperties properties;
    private final IngestMetrics metrics;

    AlertPublisher(AcknowledgedSender sender, IngestProperties properties, IngestMetrics metrics) {
        this.sender = sender;
        this.properties = properties;
        this.metrics = metrics;
    }

    /**
     * Publishes {@code alerts} and waits for all acknowledgements, at most {@code alertpilot.ingest.publish-timeout}.
     *
     * @throws PublishFailedException when Kafka did not acknowledge all of them in time
     */
    public void publish(AlertSource source, List<AlertEvent> alerts) {
        String sourceName = IngestMetrics.SOURCE_NAMES.get(source);
        List<AcknowledgedSender.Outgoing> records = alerts.stream()
                .map(alert -> new AcknowledgedSender.Outgoing(properties.topics().alerts(), alert.fingerprint(), alert,
                        "AlertEvent", alert.schemaVersion(), sourceName))
                .toList();
        Timer.Sample sample = Timer.start();
        try {
            sender.sendAll(records, properties.publishTimeout());
        } catch (KafkaNotAcknowledgedException e) {
            sample.stop(metrics.publishTimer(source, false));
            throw new PublishFailedException(e.getMessage(), e);
        }
        sample.stop(metrics.publishTimer(source, true));
        alerts.forEach(alert -> metrics.accepted(source, alert.status()));
    }
}
