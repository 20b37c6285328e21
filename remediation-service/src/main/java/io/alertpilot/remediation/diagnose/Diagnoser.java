package io.alertpilot.remediation.diagnose;

import io.alertpilot.model.remediation.Diagnosis;
import io.alertpilot.remediation.action.ResolvedTarget;

/**
 * Gathers a read-only {@link Diagnosis} of a workload or pod. Never fails: what could not be gathered (a missing
 * permission, a timeout, an open breaker) is a note of the diagnosis. Bounded in time and size. Thread safe.
 */
@FunctionalInterface
public interface Diagnoser {

    /** The diagnosis of {@code target}, keeping at most {@code logLines} lines of the crashed container's log. */
    Diagnosis diagnose(ResolvedTarget target, int logLines);
}
