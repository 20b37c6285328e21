package io.alertpilot.remediation.action;

/**
 * Carries actions out against the outside world. Implementations call the API through the target cluster's circuit
 * breaker and retries, and answer with a value: they never throw for a failed call.
 */
public interface ActionExecutor {

    /** Runs {@code action} on {@code target}; must be safe to call once per approved plan (not repeated by callers). */
    ActionResult execute(ResolvedTarget target, Action action, ExecutionContext context);

    /**
     * Looks at {@code target} once to see whether {@code action} took effect. Read-only, except for an action carried
     * out in passes ({@code drain}): its verify makes the next pass (evicts the pods a PodDisruptionBudget refused
     * before, through the Eviction API, never forcing), so that the caller's repeated looks, not a sleeping thread,
     * carry it on until the deadline its {@code done} names ({@link ActionResult.Done#DEADLINE}). Such a pass is
     * idempotent; callers call verify under the target lock (the Verifier does).
     */
    Verification verify(ResolvedTarget target, Action action, ActionResult.Done done);

    /**
     * Context an action may need besides its target.
     *
     * @param alertJson the alert as JSON, for the webhook action's body
     * @param revertSelector for a failover revert, the selector to restore; null otherwise
     */
    record ExecutionContext(String remediationId, String alertJson, java.util.Map<String, String> revertSelector) {
    }
}
