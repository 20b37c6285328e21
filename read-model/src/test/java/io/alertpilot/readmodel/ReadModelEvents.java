package io.alertpilot.readmodel;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.alert.Target;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.NotificationEvent;
import io.alertpilot.model.incident.NotificationOutcome;
import io.alertpilot.model.maintenance.MaintenanceEvent;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.WindowMatcher;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.model.remediation.RemediationEvent;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The events of the read model's tests: one incident's life on a target, by offset in seconds from {@link #T0}. */
final class ReadModelEvents {

    static final Instant T0 = Alerts.T0;

    private ReadModelEvents() {
    }

    static Instant at(long seconds) {
        return T0.plusSeconds(seconds);
    }

    static Target target(String namespace, String name) {
        return new Target("prod", namespace, "Deployment", name, null, null, null, null, null);
    }

    static AlertEvent firing(String fingerprint, String namespace, long seconds) {
        return Alerts.firing("PodCrashLooping", Map.of("namespace", namespace, "team", "shop"))
                .fingerprint(fingerprint).target(target(namespace, "checkout")).summary("checkout crash loops")
                .receivedAt(at(seconds)).startsAt(at(seconds)).build();
    }

    static AlertEvent resolved(AlertEvent firing, long seconds) {
        return Alerts.resolve(firing, at(seconds));
    }

    static RemediationEvent remediation(String id, String fingerprint, RemediationPhase phase, long seconds,
            String reason, String by) {
        return new RemediationEvent(1, UUID.randomUUID().toString(), id, "e-" + fingerprint, fingerprint,
                "PodCrashLooping", "restart-crashlooping", "restart", Map.of(), target("shop", "checkout"), phase,
                reason, null, false, at(seconds), by,
                phase == RemediationPhase.PENDING_APPROVAL ? at(seconds + 900) : null);
    }

    static NotificationEvent page(String incidentId, int step, NotificationOutcome outcome, long seconds) {
        return new NotificationEvent(1, UUID.randomUUID().toString(), incidentId, "pagerduty", "trigger", step, 0,
                "primary", outcome, 1, 202, 12, null, at(seconds));
    }

    static Incident incident(String id, IncidentState state, long version, String namespace, Severity severity,
            long createdSeconds) {
        return incident(id, state, version, namespace, severity, createdSeconds, null, null, null, null);
    }

    static Incident incident(String id, IncidentState state, long version, String namespace, Severity severity,
            long createdSeconds, Instant acknowledgedAt, String acknowledgedBy, Instant resolvedAt,
            String resolvedBy) {
        Instant updated = resolvedAt != null ? resolvedAt : acknowledgedAt != null ? acknowledgedAt : at(createdSeconds);
        return new Incident(1, id, id, state, "PodCrashLooping", severity, "checkout crash loops in " + namespace,
                Map.of("namespace", namespace, "team", "shop"), target(namespace, "checkout"), "default", 0, 0, null,
                at(createdSeconds), updated, acknowledgedAt, acknowledgedBy, resolvedAt, null, version, "alertmanager",
                "dk-" + id, at(createdSeconds), null, List.of(), List.of(), List.of(), resolvedBy, null, null, null,
                at(createdSeconds));
    }

    static MaintenanceWindow window(String id, String namespace, long startSeconds, Long endSeconds) {
        return new MaintenanceWindow(id, List.of(WindowMatcher.equal("namespace", namespace)), at(startSeconds),
                endSeconds == null ? null : at(endSeconds), null, false, true, "node upgrade", "ops", at(startSeconds),
                null, null);
    }

    static MaintenanceEvent windowEvent(MaintenanceEvent.Type type, MaintenanceWindow window, String by,
            long seconds) {
        return new MaintenanceEvent(UUID.randomUUID().toString(), type, window.id(), by, at(seconds),
                window.reason(), window);
    }
}
