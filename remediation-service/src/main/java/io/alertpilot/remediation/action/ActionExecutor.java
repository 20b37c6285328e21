package io.alertpilot.remediation.action;

import java.time.Instant;
import java.util.Map;

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
     * Looks at {@code target}, read-only, to tell whether the call of action {@code context.remediationId()} (whose
     * intent was written at {@code context.decidedAt()}) took effect, for an intent found without its done after a
     * crash. An implementation answers {@link Effect#TOOK_EFFECT} or {@link Effect#NOT_TAKEN} only when it can tell
     * for certain (the action id on the target, a precondition, an idempotency key that makes a second call a
     * no-op); {@link Effect#UNKNOWN} otherwise, which is the default.
     */
    default Effect tookEffect(ResolvedTarget target, Action action, ExecutionContext context) {
        return Effect.UNKNOWN;
    }

    /** Whether an action's call took effect on its target, as {@link #tookEffect} finds it. */
    enum Effect {
        /** The target shows the action's id (or its effect for certain): the action happened. */
        TOOK_EFFECT,
        /** The target shows for certain that the action did not happen (or a second call is a no-op). */
        NOT_TAKEN,
        /** Cannot be told: a human must look. */
        UNKNOWN
    }

    /**
     * Context an action may need besides its target.
     *
     * @param remediationId the action's id: it travels to the target ({@code alertpilot.io/action-id}, an
     *     Idempotency-Key), so a retry is a no-op and a look after a crash can find it
     * @param alertJson the alert as JSON, for the webhook action's body
     * @param revertSelector for a failover revert, the selector to restore; null otherwise
     * @param decidedAt the time decided once for the action (its intent's {@code at}): a restart writes it as
     *     {@code restartedAt}, also when carried out again after a crash; null: now
     */
    record ExecutionContext(String remediationId, String alertJson, Map<String, String> revertSelector,
            Instant decidedAt) {

        /** The annotation that carries the action id on the target. */
        public static final String ACTION_ID = "alertpilot.io/action-id";

        /** A context without a decided time (the action decides it when it runs). */
        public ExecutionContext(String remediationId, String alertJson, Map<String, String> revertSelector) {
            this(remediationId, alertJson, revertSelector, null);
        }

        /** The decided time, or now when none was decided. */
        public Instant decidedOrNow() {
            return decidedAt != null ? decidedAt : Instant.now();
        }
    }
}
