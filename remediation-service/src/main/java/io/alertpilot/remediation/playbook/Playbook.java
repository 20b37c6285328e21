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
        Duration verifyTimeout) {

    public Playbook {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(match, "match");
        actions = List.copyOf(actions);
        guard = guard == null ? GuardSpec.NONE : guard;
    }
}
