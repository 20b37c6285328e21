package io.alertpilot.console;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.alert.Target;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.NotificationEvent;
import io.alertpilot.model.incident.NotificationOutcome;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.WindowMatcher;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The events the console's tests publish: one incident's life on a target, close to now (inside the retention). */
final class ConsoleEvents {

    private ConsoleEvents() {
    }

    static Instant ago(Duration duration) {
        return Instant.now().minus(duration);
    }

    static Target target(String namespace, String name) {
        return new Target("prod", namespace, "Deployment", name, null, null, null, null, null);
    }

    static AlertEvent firing(String fingerprint, Map<String, String> labels, Map<String, String> annotations,
            String runbookUrl) {
        Alerts.Builder alert = Alerts.firing("PodCrashLooping", labels).fingerprint(fingerprint)
                .target(target("shop", "checkout")).summary("checkout crash loops").runbookUrl(runbookUrl)
                .receivedAt(ago(Duration.ofMinutes(10))).startsAt(ago(Duration.ofMinutes(10)));
        annotations.forEach(alert::annotation);
        return alert.build();
    }

    static Incident incident(String id, IncidentState state, long version, Map<String, String> labels,
            String runbookUrl, String acknowledgedBy) {
        Instant created = ago(Duration.ofMinutes(10));
        Instant acknowledged = acknowledgedBy == null ? null : ago(Duration.ofMinutes(5));
        return new Incident(1, id, id, state, "PodCrashLooping", Severity.CRITICAL, "checkout crash loops", labels,
                target("shop", "checkout"), "default", 0, 0, null, created,
                acknowledged == null ? created : acknowledged, acknowledged, acknowledgedBy, null, null, version,
                "alertmanager", "dk-" + id, created, null, List.of(), List.of("pagerduty:primary"), List.of(), null,
                "the checkout pods restart", runbookUrl, null, created);
    }

    static RemediationEvent remediation(String remediationId, String fingerprint, RemediationPhase phase,
            String by) {
        return remediation(remediationId, fingerprint, phase, by, null, ago(Duration.ofMinutes(9)));
    }

    /** An event of remediation {@code remediationId} with its {@code message}, at {@code at}. */
    static RemediationEvent remediation(String remediationId, String fingerprint, RemediationPhase phase,
            String by, String message, Instant at) {
        return new RemediationEvent(1, UUID.randomUUID().toString(), remediationId, "e-" + fingerprint, fingerprint,
                "PodCrashLooping", "restart-crashlooping", "restart", Map.of("grace", "30s"),
                target("shop", "checkout"), phase,
                phase == RemediationPhase.PENDING_APPROVAL ? "approval required" : null, message, false, at, by,
                phase == RemediationPhase.PENDING_APPROVAL ? Instant.now().plus(Duration.ofMinutes(15)) : null);
    }

    static NotificationEvent page(String incidentId) {
        return new NotificationEvent(1, UUID.randomUUID().toString(), incidentId, "pagerduty", "trigger", 0, 0,
                "primary", NotificationOutcome.DELIVERED, 1, 202, 12, null, ago(Duration.ofMinutes(8)));
    }

    static MaintenanceWindow window(String id, String namespace) {
        Instant start = ago(Duration.ofMinutes(30));
        return new MaintenanceWindow(id, List.of(WindowMatcher.equal("namespace", namespace)), start,
                Instant.now().plus(Duration.ofHours(2)), null, false, true, "node upgrade", "ops", start, null, null);
    }
}
