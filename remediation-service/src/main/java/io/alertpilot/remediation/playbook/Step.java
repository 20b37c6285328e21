package io.alertpilot.remediation.playbook;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One rung of a playbook's ladder ({@code steps}): its actions, how long to wait for the alert to clear and stay
 * clear, and what comes next when it does not. A playbook written with plain {@code actions} is one step without
 * {@code holdFor}.
 *
 * @param number 1-based position in the ladder
 * @param holdFor how long the alert must clear within and stay cleared after the step; null: the step holds when its
 *     actions are verified (the behaviour of a playbook without steps)
 * @param otherwise what comes when the step does not hold
 * @param approvalRequired true when a human must approve this step before it runs; null follows the playbook
 */
public record Step(int number, List<ActionSpec> actions, Duration holdFor, Otherwise otherwise,
        Boolean approvalRequired) {

    public Step {
        actions = List.copyOf(actions);
        Objects.requireNonNull(otherwise, "otherwise");
    }

    /** What comes after a step that did not hold. */
    public enum Otherwise {
        /** The next step runs; after the last step the alert escalates. */
        NEXT,
        /** The ladder ends and the alert goes to a human. */
        ESCALATE,
        /** The ladder ends; the alert goes to a human as for any remediation that did not fix it. */
        STOP
    }
}
