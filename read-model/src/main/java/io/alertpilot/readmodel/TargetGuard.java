package io.alertpilot.readmodel;

import java.time.Instant;

/**
 * The guard state of one target under one playbook, as remediation's {@code GET /api/v1/playbooks/targets} answers
 * it (items of a {@link ListAnswer}) and the console's playbooks page shows it.
 *
 * @param targetKey the target's key ({@code cluster/namespace/kind/name}, or the targetless key)
 * @param cooldownUntil until when a new action is refused by the cooldown, or null when none is running
 * @param attemptsInWindow actions taken within the playbook's attempt window
 * @param maxAttempts the playbook's bound on them
 * @param flappingCount how often the alert fired within the flapping window
 * @param lockHolder who holds the target's lock now, or null when nobody does
 * @param lastPhase the phase of the last remediation of it, or null
 * @param lastActionAt when the last action on it started, or null
 */
public record TargetGuard(String playbook, String targetKey, Instant cooldownUntil, int attemptsInWindow,
        int maxAttempts, int flappingCount, String lockHolder, String lastPhase, Instant lastActionAt) {
}
