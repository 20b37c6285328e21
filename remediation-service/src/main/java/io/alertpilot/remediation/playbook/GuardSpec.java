package io.alertpilot.remediation.playbook;

import java.time.Duration;

/**
 * A playbook's own guard settings; every null component falls back to the service-wide default.
 *
 * @param cooldown the least time between two actions on one target
 * @param maxAttempts the most actions on one target within {@code window}
 * @param flapTransitions the most FIRING/RESOLVED changes within {@code flapWindow} before the alert counts as flapping
 * @param minReadyReplicas the fewest ready replicas a restart or pod deletion may leave
 */
public record GuardSpec(
        Duration cooldown,
        Integer maxAttempts,
        Duration window,
        Integer flapTransitions,
        Duration flapWindow,
        Integer minReadyReplicas) {

    /** No overrides. */
    public static final GuardSpec NONE = new GuardSpec(null, null, null, null, null, null);
}
