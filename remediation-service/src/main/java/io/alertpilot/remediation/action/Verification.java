package io.alertpilot.remediation.action;

/** One look at a target after an action: done, not yet, or failed for good. */
public sealed interface Verification {

    /** The change took effect: rollout complete, replicas ready, selector in place. */
    record Verified(String message) implements Verification {
    }

    /** Not yet; look again later (until the playbook's verify timeout). */
    record Pending(String message) implements Verification {
    }

    /** It cannot succeed any more (the object is gone, the rollout failed). */
    record Failed(String reason, String message) implements Verification {
    }
}
