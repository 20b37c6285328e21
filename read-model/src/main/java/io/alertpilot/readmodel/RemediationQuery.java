package io.alertpilot.readmodel;

import io.alertpilot.model.remediation.RemediationPhase;

/**
 * A filter of the remediations: those waiting for approval first, then the others newest first; every null field
 * matches all.
 *
 * @param target the target's key
 * @param limit how many items to answer, 1 to 1000
 */
public record RemediationQuery(RemediationPhase phase, String playbook, String fingerprint, String namespace,
        String action, String target, int limit) {

    /** Every remediation, the first {@code limit}. */
    public static RemediationQuery all(int limit) {
        return new RemediationQuery(null, null, null, null, null, null, limit);
    }
}
