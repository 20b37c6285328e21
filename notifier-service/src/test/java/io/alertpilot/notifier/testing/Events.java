package io.alertpilot.notifier.testing;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.alert.Target;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** The notifier's alerts (built with the shared {@link Alerts} fixtures) and remediation events for tests. */
public final class Events {

    public static final Target TARGET = new Target("aks-shop-prod-weu", "shop", "Deployment", "checkout-api",
            "checkout-api-7d9f8b6c5d-x2x4q", "checkout-api", null, null, null);

    private Events() {
    }

    public static AlertEvent firing(String fingerprint, Severity severity, Instant receivedAt) {
        return alert(fingerprint, "KubePodCrashLooping", severity, AlertStatus.FIRING, receivedAt,
                Map.of("alertname", "KubePodCrashLooping", "namespace", "shop", "team", "shop"));
    }

    public static AlertEvent resolved(String fingerprint, Severity severity, Instant receivedAt) {
        return alert(fingerprint, "KubePodCrashLooping", severity, AlertStatus.RESOLVED, receivedAt,
                Map.of("alertname", "KubePodCrashLooping", "namespace", "shop", "team", "shop"));
    }

    public static AlertEvent alert(String fingerprint, String name, Severity severity, AlertStatus status,
            Instant receivedAt, Map<String, String> labels) {
        return Alerts.firing(name, labels).status(status).fingerprint(fingerprint).severity(severity)
                .summary("checkout-api keeps restarting in shop/checkout-api-7d9f8b6c5d-x2x4q")
                .description("Container checkout-api has been waiting in CrashLoopBackOff for more than 15 minutes.")
                .runbookUrl("https://runbooks.shop.example.com/kubernetes/pod-crash-looping")
                .generatorUrl("https://prometheus.shop.example.com/graph")
                .target(TARGET)
                .startsAt(Instant.parse("2026-11-23T07:58:12.512Z"))
                .endsAt(status == AlertStatus.RESOLVED ? receivedAt : null)
                .receivedAt(receivedAt)
                .group("{}/{severity=\"critical\"}:{alertname=\"KubePodCrashLooping\"}", "alertpilot", null)
                .build();
    }

    public static RemediationEvent remediation(String fingerprint, RemediationPhase phase, Instant at) {
        return remediation(fingerprint, "rem-" + fingerprint, phase, at, false);
    }

    /** The PENDING_APPROVAL of remediation {@code remediationId}: a restart of {@link #TARGET} until {@code deadline}. */
    public static RemediationEvent approvalRequest(String fingerprint, String remediationId, Instant at,
            Instant deadline) {
        return new RemediationEvent(RemediationEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), remediationId,
                UUID.randomUUID().toString(), fingerprint, "KubePodCrashLooping", "restart-crashlooping-pods",
                "restart", Map.of("strategy", "rollout"), TARGET, RemediationPhase.PENDING_APPROVAL, "approval",
                "playbook restart-crashlooping-pods needs approval to restart Deployment shop/checkout-api in cluster"
                        + " aks-shop-prod-weu for KubePodCrashLooping", false, at, null, deadline);
    }

    public static RemediationEvent remediation(String fingerprint, String remediationId, RemediationPhase phase,
            Instant at, boolean dryRun) {
        return new RemediationEvent(RemediationEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), remediationId,
                UUID.randomUUID().toString(), fingerprint, "KubePodCrashLooping", "restart-crashlooping-pods",
                "restart", Map.of(), TARGET, phase, phase == RemediationPhase.SKIPPED ? "cooldown" : null, null,
                dryRun, at);
    }
}
