package io.alertpilot.benchmarks;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.alert.Target;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.NotificationEvent;
import io.alertpilot.model.incident.NotificationOutcome;
import io.alertpilot.model.maintenance.MaintenanceEvent;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.WindowMatcher;
import io.alertpilot.model.remediation.RemediationCommand;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.readmodel.ReadModel;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * A realistic mix of events for the read model, as the topics would hold them after a busy week: per incident, alert
 * occurrences (firing, resolved, firing again), two or three remediations (planned, started, succeeded, verified; some
 * waiting for approval, some skipped by a guard, some approved or rejected by a command), pages at each escalation
 * step with retries, and incident versions (triggered, acknowledged, resolved); plus maintenance windows with their
 * events. Seeded, so every run loads the same events.
 */
final class ReadModelLoad {

    static final String[] NAMESPACES = namespaces();
    static final String[] PLAYBOOKS = {"restart-crashlooping", "scale-on-latency", "cordon-bad-node", "rollback"};
    private static final String[] ALERTS = {"KubePodCrashLooping", "HighLatency", "NodeNotReady", "ErrorBudgetBurn"};
    private static final String[] CLUSTERS = {"aks-prod-weu", "aks-prod-neu", "aks-staging"};

    private final Random random = new Random(42);
    private final Instant start;
    private int events;

    ReadModelLoad(Instant now) {
        this.start = now.minus(Duration.ofDays(7));
    }

    /** Applies {@code total} events over about {@code total / 20} incidents; answers the incident ids. */
    List<String> load(ReadModel model, int total) {
        List<String> ids = new ArrayList<>();
        int incident = 0;
        for (int w = 0; w < 100; w++) {
            window(model, w);
        }
        while (events < total) {
            ids.add(incident(model, incident++, total));
        }
        return ids;
    }

    private String incident(ReadModel model, int n, int total) {
        String id = String.format("%016x", (long) n * 0x9E3779B97F4A7C15L);
        String namespace = NAMESPACES[random.nextInt(NAMESPACES.length)];
        String name = "workload-" + random.nextInt(400);
        Target target = new Target(CLUSTERS[random.nextInt(CLUSTERS.length)], namespace, "Deployment", name, null,
                null, null, null, null);
        String alertName = ALERTS[n % ALERTS.length];
        Severity severity = Severity.values()[random.nextInt(Severity.values().length)];
        Map<String, String> labels = Map.of("alertname", alertName, "namespace", namespace, "deployment", name,
                "team", "team-" + (n % 12), "severity", severity.name().toLowerCase(Locale.ROOT));
        Instant t = start.plusSeconds((long) n * 7 * 24 * 3600 / (total / 20));
        int remediations = 2 + random.nextInt(2);
        for (int occurrence = 0; occurrence < 3 && events < total; occurrence++) {
            AlertStatus status = occurrence == 1 ? AlertStatus.RESOLVED : AlertStatus.FIRING;
            model.onAlert(new AlertEvent(1, id + "-a" + occurrence, AlertSource.ALERTMANAGER, id, status, alertName,
                    severity, null, alertName + " on " + name + " in " + namespace, "what happened", null, null,
                    labels, Map.of("summary", "summary"), target, t, null, t.plusSeconds(occurrence * 600L), null,
                    null, null));
            events++;
        }
        model.onIncident(incident(id, alertName, severity, labels, target, t, IncidentState.TRIGGERED, t, -1, 1));
        events++;
        for (int r = 0; r < remediations && events < total; r++) {
            remediation(model, id, alertName, target, t.plusSeconds(5 + r * 60L), r);
        }
        int pages = 5 + random.nextInt(3);
        for (int p = 0; p < pages && events < total; p++) {
            NotificationOutcome outcome = p % 4 == 3 ? NotificationOutcome.RETRYABLE : NotificationOutcome.DELIVERED;
            model.onNotification(new NotificationEvent(1, id + "-n" + p, id, p % 2 == 0 ? "pagerduty" : "slack",
                    "trigger", p / 2, 0, "primary", outcome, 1 + p % 3, outcome == NotificationOutcome.DELIVERED
                            ? 202 : 503, 40, outcome == NotificationOutcome.DELIVERED ? null : "503 from provider",
                    t.plusSeconds(120 + p * 300L)));
            events++;
        }
        if (random.nextInt(3) > 0 && events < total) {
            model.onIncident(incident(id, alertName, severity, labels, target, t, IncidentState.ACKNOWLEDGED,
                    t.plusSeconds(900), 0, 2));
            events++;
        }
        if (random.nextInt(2) == 0 && events < total) {
            model.onIncident(incident(id, alertName, severity, labels, target, t, IncidentState.RESOLVED,
                    t.plusSeconds(3600), 1, 3));
            events++;
        }
        return id;
    }

    private void remediation(ReadModel model, String fingerprint, String alertName, Target target, Instant at,
            int r) {
        String id = fingerprint + "-r" + r;
        int shape = random.nextInt(10);
        List<RemediationPhase> phases = shape == 0 ? List.of(RemediationPhase.PENDING_APPROVAL)
                : shape == 1 ? List.of(RemediationPhase.SKIPPED)
                : shape == 2 ? List.of(RemediationPhase.PENDING_APPROVAL, RemediationPhase.STARTED,
                        RemediationPhase.SUCCEEDED, RemediationPhase.VERIFIED)
                : List.of(RemediationPhase.PLANNED, RemediationPhase.STARTED, RemediationPhase.SUCCEEDED,
                        RemediationPhase.VERIFIED);
        String playbook = PLAYBOOKS[random.nextInt(PLAYBOOKS.length)];
        for (int i = 0; i < phases.size(); i++) {
            RemediationPhase phase = phases.get(i);
            String by = shape == 2 && i > 0 ? "ann" : null;
            model.onRemediation(new RemediationEvent(1, id + "-" + i, id, fingerprint + "-a0", fingerprint, alertName,
                    playbook, "restart", Map.of("grace", "30s"), target, phase,
                    phase == RemediationPhase.SKIPPED ? "cooldown" : null, "step " + i, false, at.plusSeconds(i * 10L),
                    by, phase == RemediationPhase.PENDING_APPROVAL ? at.plusSeconds(900) : null));
            events++;
        }
        if (shape == 2) {
            model.onCommand(new RemediationCommand(RemediationCommand.Type.APPROVE, id, "ann", "slack",
                    at.plusSeconds(5)));
            events++;
        }
    }

    private static Incident incident(String id, String alertName, Severity severity, Map<String, String> labels,
            Target target, Instant created, IncidentState state, Instant at, int step, long version) {
        boolean acknowledged = state == IncidentState.ACKNOWLEDGED || state == IncidentState.RESOLVED;
        Instant resolvedAt = state == IncidentState.RESOLVED ? at : null;
        return new Incident(1, id, id, state, alertName, severity, alertName + " on " + target.name(), labels, target,
                "default", step, 0, null, created, at, acknowledged ? created.plusSeconds(900) : null,
                acknowledged ? "bob" : null, resolvedAt, null, version, "alertmanager", "dk-" + id, at, null,
                List.of(), List.of("pagerduty:primary"), List.of(), resolvedAt == null ? null : "alert", null, null,
                null, created);
    }

    private void window(ReadModel model, int w) {
        Instant from = start.plusSeconds(w * 6000L);
        MaintenanceWindow window = new MaintenanceWindow("w-" + w,
                List.of(WindowMatcher.equal("namespace", NAMESPACES[w % NAMESPACES.length])), from,
                from.plusSeconds(w % 10 == 0 ? 30 * 24 * 3600 : 7200), null, false, true, "upgrade " + w, "ops", from,
                null, null);
        model.onWindow(window.id(), window);
        model.onMaintenanceEvent(new MaintenanceEvent("w-" + w + "-c", MaintenanceEvent.Type.CREATED, window.id(),
                "ops", from, window.reason(), window));
        model.onMaintenanceEvent(new MaintenanceEvent("w-" + w + "-e", MaintenanceEvent.Type.EXPIRED, window.id(),
                MaintenanceEvent.SCHEDULE, window.endsAt(), window.reason(), window));
        events += 3;
    }

    private static String[] namespaces() {
        String[] names = new String[50];
        for (int i = 0; i < names.length; i++) {
            names[i] = "team-ns-" + i;
        }
        return names;
    }
}
