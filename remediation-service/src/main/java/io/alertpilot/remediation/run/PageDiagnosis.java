package io.alertpilot.remediation.run;

import io.alertpilot.model.remediation.Diagnosis;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.action.ResolvedTarget;

/**
 * The diagnosis to attach to a remediation event that sends the alert to a human, gathered just before the event is
 * emitted; see {@link DiagnoseBeforePage}. Must be bounded in time and must not throw. Thread safe.
 */
@FunctionalInterface
public interface PageDiagnosis {

    /** Attaches nothing. */
    PageDiagnosis NONE = (playbook, target, phase, reason) -> null;

    /**
     * The diagnosis for the event of {@code playbook} on {@code target} in {@code phase} (with {@code reason}), or
     * null when none is to be attached.
     */
    Diagnosis before(String playbook, ResolvedTarget target, RemediationPhase phase, String reason);
}
