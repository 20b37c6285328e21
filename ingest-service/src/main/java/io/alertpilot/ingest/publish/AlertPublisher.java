package io.alertpilot.ingest.publish;

import io.alertpilot.ingest.IngestMetrics;
import io.alertpilot.ingest.IngestProperties;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import io.micrometer.core.instrument.Timer;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Puts the alerts of one request on the alerts topic, key = fingerprint, and returns only after Kafka acknowledged
 * every one of them. Thread safe.
 */
@Component
public class AlertPublisher {

    private final RecordSender sender;
    private final IngestProperties properties;
    private final IngestMetrics metrics;

    AlertPublisher(RecordSender sender, IngestProperties properties, IngestMetrics metrics) {
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
        List<RecordSender.Outgoing> records = alerts.stream()
                .map(alert -> new RecordSender.Outgoing(properties.topics().alerts(), alert.fingerprint(), alert,
                        "AlertEvent", alert.schemaVersion(), sourceName))
                .toList();
        Timer.Sample sample = Timer.start();
        try {
            sender.sendAll(records, properties.publishTimeout());
        } catch (PublishFailedException e) {
            sample.stop(metrics.publishTimer(source, false));
            throw e;
        }
        sample.stop(metrics.publishTimer(source, true));
        alerts.forEach(alert -> metrics.accepted(source, alert.status()));
    }
}
