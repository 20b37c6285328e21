package io.alertpilot.model.incident;

import io.alertpilot.model.alert.Target;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A remediation that waits for a human, as an approval page tells it: taken from the PENDING_APPROVAL
 * {@code RemediationEvent} and carried on the page's {@link PendingNotification}, so that the page can say what would
 * run on which target and why, until when, and link to the approval.
 *
 * @param remediationId the id to approve or reject ({@code POST /api/v1/remediations/<id>/approve})
 * @param action the first action the approval releases ({@code restart}, {@code scale}, ...)
 * @param parameters that action's parameters after substitution
 * @param why the remediation service's own words: the playbook, the action, the target and the alert
 * @param deadline when the request times out (the remediation is then skipped and the incident escalates), or null
 */
public record ApprovalRequest(
        String remediationId,
        String playbook,
        String action,
        Map<String, String> parameters,
        Target target,
        String why,
        Instant deadline) {

    public ApprovalRequest {
        Objects.requireNonNull(remediationId, "remediationId");
        target = target == null ? Target.NONE : target;
        parameters = parameters == null ? Collections.emptySortedMap()
                : Collections.unmodifiableSortedMap(new TreeMap<>(parameters));
    }
}
