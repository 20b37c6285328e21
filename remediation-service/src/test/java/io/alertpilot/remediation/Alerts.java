package io.alertpilot.remediation;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.alert.Target;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/** Builds alerts for tests. */
public final class Alerts {

    private Alerts() {
    }

    public static AlertEvent firing(String name, Map<String, String> labels) {
        return alert(name, AlertStatus.FIRING, labels, "fp-" + UUID.randomUUID());
    }

    public static AlertEvent alert(String name, AlertStatus status, Map<String, String> labels, String fingerprint) {
        Map<String, String> all = new HashMap<>(labels);
        all.put("alertname", name);
        String sev = all.getOrDefault("severity", "critical");
        Severity severity = switch (sev) {
            case "critical" -> Severity.CRITICAL;
            case "warning" -> Severity.WARNING;
            case "info" -> Severity.INFO;
            default -> Severity.HIGH;
        };
        String kind = all.containsKey("deployment") ? "Deployment" : all.containsKey("node") ? "Node" : null;
        String targetName = all.containsKey("deployment") ? all.get("deployment") : all.get("node");
        Target target = new Target(all.get("cluster"), all.get("namespace"), kind, targetName, all.get("pod"), null,
                all.get("node"), all.get("service"), null);
        Instant now = Instant.now();
        return new AlertEvent(AlertEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), AlertSource.ALERTMANAGER,
                fingerprint, status, name, severity, sev, name, null, null, null, all, Map.of(), target, now,
                status == AlertStatus.RESOLVED ? now : null, now, null, null, null);
    }
}
