package io.alertpilot.ingest;

import io.alertpilot.formats.TruncationListener;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.AlertStatus;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The ingest meters, all registered at start-up for every source and reason so that dashboards show zeros, not gaps:
 * {@code alertpilot.ingest.alerts} (source, status), {@code alertpilot.ingest.rejected} (source, reason),
 * {@code alertpilot.ingest.publish} (timer, source, outcome), {@code alertpilot.ingest.truncated} (field: label,
 * annotation). It is the {@link TruncationListener} the webhooks give the normalizers.
 */
@Component
public class IngestMetrics implements TruncationListener {

    /** Every reason a request can be refused for; all but {@code unauthorized} are kept on the rejected topic. */
    public static final List<String> REJECT_REASONS = List.of(
            "invalid-json", "invalid-field", "too-large", "unsupported-media-type", "unauthorized");

    /** The source names used in paths, tags and rejected records. */
    public static final Map<AlertSource, String> SOURCE_NAMES = Map.of(
            AlertSource.ALERTMANAGER, "alertmanager",
            AlertSource.AZURE_MONITOR, "azure-monitor",
            AlertSource.GENERIC, "generic");

    private final Map<AlertSource, Map<AlertStatus, Counter>> accepted = new EnumMap<>(AlertSource.class);
    private final Map<String, Counter> rejected = new HashMap<>();
    private final Map<AlertSource, Timer> published = new EnumMap<>(AlertSource.class);
    private final Map<AlertSource, Timer> failed = new EnumMap<>(AlertSource.class);
    private final Map<Field, Counter> truncated = new EnumMap<>(Field.class);

    public IngestMetrics(MeterRegistry registry) {
        for (AlertSource source : AlertSource.values()) {
            String name = SOURCE_NAMES.get(source);
            Map<AlertStatus, Counter> byStatus = new EnumMap<>(AlertStatus.class);
            for (AlertStatus status : AlertStatus.values()) {
                byStatus.put(status, Counter.builder("alertpilot.ingest.alerts")
                        .description("Alerts put on Kafka and acknowledged")
                        .tag("source", name)
                        .tag("status", status.name().toLowerCase(Locale.ROOT))
                        .register(registry));
            }
            accepted.put(source, byStatus);
            for (String reason : REJECT_REASONS) {
                rejected.put(key(name, reason), Counter.builder("alertpilot.ingest.rejected")
                        .description("Request bodies refused, kept on the rejected topic")
                        .tag("source", name)
                        .tag("reason", reason)
                        .register(registry));
            }
            published.put(source, publishTimer(registry, name, "acknowledged"));
            failed.put(source, publishTimer(registry, name, "failed"));
        }
        for (Field field : Field.values()) {
            truncated.put(field, Counter.builder("alertpilot.ingest.truncated")
                    .description("Label and annotation values cut to alertpilot.formats.max-value-length")
                    .tag("field", field.tag())
                    .register(registry));
        }
    }

    private static Timer publishTimer(MeterRegistry registry, String source, String outcome) {
        return Timer.builder("alertpilot.ingest.publish")
                .description("Time from the first send to Kafka's acknowledgement of every alert of a request")
                .tag("source", source)
                .tag("outcome", outcome)
                .publishPercentileHistogram()
                .register(registry);
    }

    public void accepted(AlertSource source, AlertStatus status) {
        accepted.get(source).get(status).increment();
    }

    public void rejected(String source, String reason) {
        Counter counter = rejected.get(key(source, reason));
        if (counter != null) {
            counter.increment();
        }
    }

    @Override
    public void truncated(Field field) {
        truncated.get(field).increment();
    }

    public Timer publishTimer(AlertSource source, boolean acknowledged) {
        return (acknowledged ? published : failed).get(source);
    }

    private static String key(String source, String reason) {
        return source + "|" + reason;
    }
}
