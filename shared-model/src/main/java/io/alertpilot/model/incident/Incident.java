package io.alertpilot.model.incident;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.alert.Target;
import io.alertpilot.model.remediation.Diagnosis;
import io.alertpilot.model.remediation.RemediationEvent;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
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
 * @param source the alert's source in lower case ({@code alertmanager}, ...), part of the dedup key
 * @param dedupKey the one key the paging providers know this incident by (PagerDuty {@code dedup_key}, Opsgenie
 *     {@code alias}); the same for every step and every routing key
 * @param lastAlertAt the {@code receivedAt} of the newest alert event applied; older (redelivered) events are ignored
 * @param escalatedAt when escalation started, or null
 * @param outbox notifications decided but not confirmed sent (see {@link PendingNotification})
 * @param paged {@code channel:recipient} of every target a trigger was delivered to, so acknowledge and resolve reach
 *     each of them
 * @param notices one-time messages already decided ({@code info}, {@code acknowledge}, {@code resolve},
 *     {@code approval:<remediationId>}), so none is sent twice
 * @param resolvedBy who or what resolved it ({@code alert}, {@code api:<user>}, {@code pagerduty:<user>})
 * @param description the alert's description, for the page's body
 * @param runbookUrl the alert's runbook link, or null
 * @param generatorUrl the link to the alert's source (a Prometheus graph), or null
 * @param startsAt when the alert started firing, or null
 * @param priority the alert's raw priority as its source wrote it ({@code P1}, {@code Sev1}, {@code SEV-1}), or null
 * @param groupKey for an incident of a group of alerts, the group (Alertmanager's {@code groupKey}, or the policy's
 *     {@code groupBy} labels); null for an incident of one alert
 * @param alerts for a grouped incident, its alerts; empty for an incident of one alert
 * @param sla the service-level clock and the breaches so far
 * @param diagnosis the newest read-only diagnosis of the target a remediation event carried (pods, events, log tail,
 *     rollouts), shown in pages and the console; null when none was gathered
 * @param heldRemediations for an incident a remediation event opened before its alert arrived (two topics, no order
 *     between them), those events in the order they came: kept, nothing sent, until the alert routes the incident
 *     (they are applied then) or the decision window ends (it escalates by the default policy); empty otherwise.
 *     Records written before this component read as empty
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
        long version,
        String source,
        String dedupKey,
        Instant lastAlertAt,
        Instant escalatedAt,
        List<PendingNotification> outbox,
        List<String> paged,
        List<String> notices,
        String resolvedBy,
        String description,
        String runbookUrl,
        String generatorUrl,
        Instant startsAt,
        String priority,
        String groupKey,
        List<GroupedAlert> alerts,
        IncidentSla sla,
        Diagnosis diagnosis,
        List<RemediationEvent> heldRemediations) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    public Incident {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(state, "state");
        Objects.requireNonNull(createdAt, "createdAt");
        labels = labels == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(labels));
        target = target == null ? Target.NONE : target;
        outbox = outbox == null ? List.of() : List.copyOf(outbox);
        paged = paged == null ? List.of() : List.copyOf(paged);
        notices = notices == null ? List.of() : List.copyOf(notices);
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
        sla = sla == null ? IncidentSla.NONE : sla;
        heldRemediations = heldRemediations == null ? List.of() : List.copyOf(heldRemediations);
    }

    /** The components before the held remediation events were added. */
    public Incident(int schemaVersion, String id, String fingerprint, IncidentState state, String alertName,
            Severity severity, String summary, Map<String, String> labels, Target target, String policy, int step,
            int repeat, Instant nextEscalationAt, Instant createdAt, Instant updatedAt, Instant acknowledgedAt,
            String acknowledgedBy, Instant resolvedAt, String lastRemediation, long version, String source,
            String dedupKey, Instant lastAlertAt, Instant escalatedAt, List<PendingNotification> outbox,
            List<String> paged, List<String> notices, String resolvedBy, String description, String runbookUrl,
            String generatorUrl, Instant startsAt, String priority, String groupKey, List<GroupedAlert> alerts,
            IncidentSla sla, Diagnosis diagnosis) {
        this(schemaVersion, id, fingerprint, state, alertName, severity, summary, labels, target, policy, step, repeat,
                nextEscalationAt, createdAt, updatedAt, acknowledgedAt, acknowledgedBy, resolvedAt, lastRemediation,
                version, source, dedupKey, lastAlertAt, escalatedAt, outbox, paged, notices, resolvedBy, description,
                runbookUrl, generatorUrl, startsAt, priority, groupKey, alerts, sla, diagnosis, null);
    }

    /** The components before priority, grouping, service levels and the diagnosis were added. */
    public Incident(int schemaVersion, String id, String fingerprint, IncidentState state, String alertName,
            Severity severity, String summary, Map<String, String> labels, Target target, String policy, int step,
            int repeat, Instant nextEscalationAt, Instant createdAt, Instant updatedAt, Instant acknowledgedAt,
            String acknowledgedBy, Instant resolvedAt, String lastRemediation, long version, String source,
            String dedupKey, Instant lastAlertAt, Instant escalatedAt, List<PendingNotification> outbox,
            List<String> paged, List<String> notices, String resolvedBy, String description, String runbookUrl,
            String generatorUrl, Instant startsAt) {
        this(schemaVersion, id, fingerprint, state, alertName, severity, summary, labels, target, policy, step, repeat,
                nextEscalationAt, createdAt, updatedAt, acknowledgedAt, acknowledgedBy, resolvedAt, lastRemediation,
                version, source, dedupKey, lastAlertAt, escalatedAt, outbox, paged, notices, resolvedBy, description,
                runbookUrl, generatorUrl, startsAt, null, null, null, null, null, null);
    }

    /**
     * When something is next due for this incident: the next escalation step or a service-level deadline (the timers
     * are rebuilt from it after a restart); null when nothing is.
     */
    public Instant nextDueAt() {
        Instant sla = this.sla.nextDueAt();
        if (nextEscalationAt == null) {
            return sla;
        }
        return sla == null || nextEscalationAt.isBefore(sla) ? nextEscalationAt : sla;
    }

    /** The first schema's components, for code written before the notifier's fields were added. */
    public Incident(int schemaVersion, String id, String fingerprint, IncidentState state, String alertName,
            Severity severity, String summary, Map<String, String> labels, Target target, String policy, int step,
            int repeat, Instant nextEscalationAt, Instant createdAt, Instant updatedAt, Instant acknowledgedAt,
            String acknowledgedBy, Instant resolvedAt, String lastRemediation, long version) {
        this(schemaVersion, id, fingerprint, state, alertName, severity, summary, labels, target, policy, step, repeat,
                nextEscalationAt, createdAt, updatedAt, acknowledgedAt, acknowledgedBy, resolvedAt, lastRemediation,
                version, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null,
                null, null, null);
    }
}
