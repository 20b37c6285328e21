package io.alertpilot.remediation.playbook;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One playbook: when it applies, what it acts on, its actions in order, and how carefully.
 *
 * @param file the file it was read from, for messages
 * @param target null when every action is {@code escalate} or {@code webhook}
 * @param dryRun true forces dry run for this playbook; null follows the service setting
 * @param approvalRequired true when a human must approve before any action runs
 * @param approvalTimeout how long an approval may wait before the action is skipped and escalated
 * @param verifyTimeout how long verification may take before the action counts as FAILED; a failed action always
 *     reaches a human
 * @param order where the playbook is tried (ascending; equal orders keep file order); 0 when not written
 * @param continueMatching {@code continue: true}: after this playbook matched, the search goes on to the next (as
 *     Alertmanager's routes); false: the first match ends the search
 * @param steps the ladder; a playbook written with plain {@code actions} has one step holding them
 * @param diagnose true: a read-only diagnosis of the target is gathered and attached before the alert goes to a human
 */
public record Playbook(
        String name,
        String file,
        MatchRule match,
        TargetSpec target,
        List<ActionSpec> actions,
        GuardSpec guard,
        Boolean dryRun,
        boolean approvalRequired,
        Duration approvalTimeout,
        Duration verifyTimeout,
        int order,
        boolean continueMatching,
        List<Step> steps,
        boolean diagnose) {

    public Playbook {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(match, "match");
        actions = List.copyOf(actions);
        guard = guard == null ? GuardSpec.NONE : guard;
        steps = steps == null ? List.of() : List.copyOf(steps);
    }

    /** A playbook of one step, tried in file order, that ends the search (the shape before ladders and order). */
    public Playbook(String name, String file, MatchRule match, TargetSpec target, List<ActionSpec> actions,
            GuardSpec guard, Boolean dryRun, boolean approvalRequired, Duration approvalTimeout, Duration verifyTimeout) {
        this(name, file, match, target, actions, guard, dryRun, approvalRequired, approvalTimeout, verifyTimeout, 0,
                false, List.of(new Step(1, actions, null, Step.Otherwise.NEXT, null)), false);
    }
}
