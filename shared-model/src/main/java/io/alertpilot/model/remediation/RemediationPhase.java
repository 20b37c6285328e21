package io.alertpilot.model.remediation;

/** The life cycle of one remediation action, in the order the events are emitted. */
public enum RemediationPhase {
    /** The action would run now; the only event in dry run. */
    PLANNED,
    /** The action waits for a human to approve or reject it. */
    PENDING_APPROVAL,
    /** The call to Kubernetes (or the webhook) is about to be made. */
    STARTED,
    /** The call was accepted. */
    SUCCEEDED,
    /** The outcome was checked after the action: rollout finished, replicas ready. */
    VERIFIED,
    /** The action or its verification failed; the notifier escalates. */
    FAILED,
    /** A guard or a condition stopped the action; {@code reason} names it and the notifier escalates. */
    SKIPPED;

    /** True for the phases after which nothing more happens for this action. */
    public boolean terminal() {
        return this == VERIFIED || this == FAILED || this == SKIPPED;
    }

    /** True for the phases after which a human must be told. */
    public boolean needsHuman() {
        return this == FAILED || this == SKIPPED || this == PENDING_APPROVAL;
    }
}
