package io.alertpilot.remediation.guard;

import java.time.Instant;

/**
 * What the ledger guards (cooldown, max-attempts, flapping) read of a target's {@link LedgerEntry} at one instant,
 * under one playbook's {@link GuardSettings}: the numbers their verdicts state.
 *
 * @param lastActionAt when the last action started (in dry run: the last one started or planned), or null
 * @param cooldownUntil until when the cooldown refuses a new action, or null when it does not
 * @param attempts actions started within the attempt window
 * @param transitions status changes within the flapping window
 */
public record LedgerReading(Instant lastActionAt, Instant cooldownUntil, long attempts, long transitions) {
}
