package io.alertpilot.remediation.run;

import io.alertpilot.remediation.playbook.GuardSpec;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.Step;
import java.time.Duration;
import java.util.List;

/**
 * One step of a playbook's ladder seen as a playbook of its own, so that the one decision path (plan, guards,
 * approval) decides it as any playbook: its actions are the step's, its approval the step's (or the playbook's), its
 * steps the rest of the ladder from this step on (the first is the current one), and from step 2 on its cooldown is
 * zero (the cooldown the previous step started does not hold the next back; every other guard does). Pure.
 */
final class LadderStep {

    private LadderStep() {
    }

    /** True when {@code playbook} (or a step view of it) is a ladder: several steps, or a step with holdFor. */
    static boolean isLadder(Playbook playbook) {
        List<Step> steps = playbook.steps();
        return !steps.isEmpty()
                && (steps.size() > 1 || steps.getFirst().number() > 1 || steps.getFirst().holdFor() != null);
    }

    /** The step {@code view} (a playbook or a view made by {@link #view}) stands for; null for a plain playbook. */
    static Integer number(Playbook view) {
        return isLadder(view) ? view.steps().getFirst().number() : null;
    }

    /** The step {@code view} stands for; null for a plain playbook. */
    static Step current(Playbook view) {
        return isLadder(view) ? view.steps().getFirst() : null;
    }

    /**
     * Step {@code number} (1-based) of {@code playbook} as a playbook of its own.
     *
     * @throws IllegalArgumentException when the playbook has no such step
     */
    static Playbook view(Playbook playbook, int number) {
        List<Step> steps = playbook.steps();
        if (number < 1 || number > steps.size()) {
            throw new IllegalArgumentException("playbook " + playbook.name() + " has no step " + number);
        }
        Step step = steps.get(number - 1);
        GuardSpec guard = playbook.guard();
        if (number > 1) {
            guard = new GuardSpec(Duration.ZERO, guard.maxAttempts(), guard.window(), guard.flapTransitions(),
                    guard.flapWindow(), guard.minReadyReplicas());
        }
        boolean approval = step.approvalRequired() != null ? step.approvalRequired() : playbook.approvalRequired();
        return new Playbook(playbook.name(), playbook.file(), playbook.match(), playbook.target(), step.actions(), guard,
                playbook.dryRun(), approval, playbook.approvalTimeout(), playbook.verifyTimeout(), playbook.order(),
                playbook.continueMatching(), steps.subList(number - 1, steps.size()), playbook.diagnose());
    }

    /** True when {@code number} is the last step of {@code playbook}. */
    static boolean last(Playbook playbook, int number) {
        return number >= playbook.steps().getLast().number();
    }
}
