package io.alertpilot.model.incident;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.alert.Target;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * The state of one incident; the value on the compacted {@code alertpilot.incidents.v1}, keyed by {@link #id()}.
 * Escalation timers are rebuilt from {@link #nextEscalationAt()} after a restart.
 *
 * @param id the incident id, derived from the alert fingerprint
 * @param policy the escalation policy that routes it
 * @param step the index of the last escalation step that was sent, -1 before the first
 * @param repeat how many times the policy has been repeated so far
 * @param nextEscalationAt when the next step is due, or null when nothing is due
 * @param version increases with every change, so a stale copy can be recognized
 */
public record Incident(
        int schemaVersion,
        String id,
        String fingerprint,
        IncidentState state,
        String alertName,
        Severity severity,
        String summary,
        Map<String, String> labels,
        Target target,
        String policy,
        int step,
        int repeat,
        Instant nextEscalationAt,
        Instant createdAt,
        Instant updatedAt,
        Instant acknowledgedAt,
        String acknowledgedBy,
        Instant resolvedAt,
        String lastRemediation,
        long version) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        labels = labels == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        target = target == null ? Target.NONE : target;
    }
}
