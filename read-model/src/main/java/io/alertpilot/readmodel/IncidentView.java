package io.alertpilot.readmodel;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.alert.Target;
import io.alertpilot.model.incident.GroupedAlert;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.SlaBreach;
import io.alertpilot.model.remediation.Diagnosis;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One incident as the read APIs and the console show it. The escalation step is counted as people count it (and as
 * the pages say it): {@code step} 1 is the policy's first step, 0 means no step was sent yet.
 *
 * @param step the number of the last escalation step sent, 1-based; 0 before the first
 * @param paged {@code channel:recipient} of everyone paged
 * @param priority the alert's raw priority ({@code P1}, {@code Sev1}), or null
 * @param groupKey the group of a grouped incident, or null
 * @param alerts a grouped incident's alerts with their status; empty for an incident of one alert
 * @param breaches the service levels missed
 * @param diagnosis the newest read-only diagnosis of the target (pods, events, log tail, rollouts), or null
 */
public record IncidentView(String id, String fingerprint, IncidentState state, String alertName, Severity severity,
        String summary, String description, Map<String, String> labels, Target target, String policy, int step,
        int repeat, Instant createdAt, Instant updatedAt, Instant acknowledgedAt, String acknowledgedBy,
        Instant resolvedAt, String resolvedBy, Instant nextEscalationAt, Instant escalatedAt, String lastRemediation,
        String runbookUrl, String generatorUrl, Instant startsAt, String source, String dedupKey, List<String> paged,
        long version, String priority, String groupKey, List<GroupedAlert> alerts, List<SlaBreach> breaches,
        Diagnosis diagnosis) {

    public IncidentView {
        alerts = alerts == null ? List.of() : List.copyOf(alerts);
        breaches = breaches == null ? List.of() : List.copyOf(breaches);
    }

    /** A view without priority, group, breaches and diagnosis (the shape before they were added). */
    public IncidentView(String id, String fingerprint, IncidentState state, String alertName, Severity severity,
            String summary, String description, Map<String, String> labels, Target target, String policy, int step,
            int repeat, Instant createdAt, Instant updatedAt, Instant acknowledgedAt, String acknowledgedBy,
            Instant resolvedAt, String resolvedBy, Instant nextEscalationAt, Instant escalatedAt,
            String lastRemediation, String runbookUrl, String generatorUrl, Instant startsAt, String source,
            String dedupKey, List<String> paged, long version) {
        this(id, fingerprint, state, alertName, severity, summary, description, labels, target, policy, step, repeat,
                createdAt, updatedAt, acknowledgedAt, acknowledgedBy, resolvedAt, resolvedBy, nextEscalationAt,
                escalatedAt, lastRemediation, runbookUrl, generatorUrl, startsAt, source, dedupKey, paged, version,
                null, null, null, null, null);
    }

    /** The view of {@code incident} as stored on the incident topic (whose {@code step} is 0-based, -1 for none). */
    public static IncidentView of(Incident incident) {
        return new IncidentView(incident.id(), incident.fingerprint(), incident.state(), incident.alertName(),
                incident.severity(), incident.summary(), incident.description(), incident.labels(), incident.target(),
                incident.policy(), incident.step() + 1, incident.repeat(), incident.createdAt(), incident.updatedAt(),
                incident.acknowledgedAt(), incident.acknowledgedBy(), incident.resolvedAt(), incident.resolvedBy(),
                incident.nextEscalationAt(), incident.escalatedAt(), incident.lastRemediation(), incident.runbookUrl(),
                incident.generatorUrl(), incident.startsAt(), incident.source(), incident.dedupKey(), incident.paged(),
                incident.version(), incident.priority(), incident.groupKey(), incident.alerts(),
                incident.sla().breaches(), incident.diagnosis());
    }
}
