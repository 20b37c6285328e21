package io.alertpilot.remediation.guard;

import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ResolvedTarget;

/** Reads the state of a target from its cluster for the blast-radius guards. Read-only. */
public interface TargetInspector {

    /**
     * The state of {@code target} as far as {@code action} is concerned.
     *
     * @throws GuardCheckUnavailableException when the cluster cannot be asked (breaker open, errors)
     */
    WorkloadState inspect(ResolvedTarget target, Action action);
}
