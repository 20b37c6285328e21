package io.alertpilot.readmodel;

import io.alertpilot.model.alert.Target;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * One remediation: its latest state and every event of it, oldest first.
 *
 * @param targetKey the target's key ({@code cluster/namespace/kind/name})
 * @param by who approved or rejected it, or null
 * @param deadline while it waits for approval, when the request times out; otherwise null
 * @param firstAt when its first event occurred
 * @param lastAt when its latest event occurred
 */
public record RemediationView(String remediationId, String playbook, String action, String targetKey,
        String fingerprint, String alertName, RemediationPhase phase, String reason, String message, boolean dryRun,
        List<RemediationEvent> events, Map<String, String> parameters, Instant deadline, Target target, String by,
        Instant firstAt, Instant lastAt) {

    /** The view of a remediation from its events, oldest first (at least one). */
    public static RemediationView of(List<RemediationEvent> events) {
        RemediationEvent first = events.getFirst();
        RemediationEvent latest = events.getLast();
        String by = null;
        for (RemediationEvent e : events) {
            if (e.by() != null) {
                by = e.by();
            }
        }
        return new RemediationView(latest.remediationId(), latest.playbook(), latest.action(), latest.key(),
                latest.fingerprint(), latest.alertName(), latest.phase(), latest.reason(), latest.message(),
                latest.dryRun(), List.copyOf(events), latest.parameters(),
                latest.phase() == RemediationPhase.PENDING_APPROVAL ? latest.deadline() : null, latest.target(), by,
                first.occurredAt(), latest.occurredAt());
    }
}
