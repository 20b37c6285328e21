package io.alertpilot.model.alert;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One received occurrence of an alert, normalized from any source; the value on {@code alertpilot.alerts.v1}, keyed
 * by {@link #fingerprint()}.
 *
 * <p>The {@code fingerprint} is stable across FIRING and RESOLVED of the same alert, so all events of one alert land
 * on one partition, in order. {@code eventId} is unique per received occurrence. Labels and annotations are kept as
 * received, sorted by key. {@code endsAt} is null while an alert is firing.
 */
public record AlertEvent(
        int schemaVersion,
        String eventId,
        AlertSource source,
        String fingerprint,
        AlertStatus status,
        String name,
        Severity severity,
        String sourceSeverity,
        String summary,
        String description,
        String runbookUrl,
        String generatorUrl,
        Map<String, String> labels,
        Map<String, String> annotations,
        Target target,
        Instant startsAt,
        Instant endsAt,
        Instant receivedAt,
        String groupKey,
        String receiver,
        String externalUrl) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    public AlertEvent {
        if (schemaVersion < 1) {
            throw new IllegalArgumentException("schemaVersion must be at least 1");
        }
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(status, "status");
        Objects.requireNonNull(severity, "severity");
        Objects.requireNonNull(receivedAt, "receivedAt");
        if (fingerprint == null || fingerprint.isBlank()) {
            throw new IllegalArgumentException("fingerprint must not be blank");
        }
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("name must not be blank");
        }
        labels = sorted(labels);
        annotations = sorted(annotations);
        target = target == null ? Target.NONE : target;
    }

    /** True when the alert is firing. */
    public boolean firing() {
        return status == AlertStatus.FIRING;
    }

    /** The label value for {@code name}, or null. */
    public String label(String labelName) {
        return labels.get(labelName);
    }

    private static Map<String, String> sorted(Map<String, String> map) {
        if (map == null || map.isEmpty()) {
            return Collections.emptySortedMap();
        }
        return Collections.unmodifiableSortedMap(new TreeMap<>(map));
    }
}
