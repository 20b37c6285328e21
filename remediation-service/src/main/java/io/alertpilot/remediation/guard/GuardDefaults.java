package io.alertpilot.remediation.guard;

import java.time.Duration;
import java.util.Objects;

/**
 * The service-wide guard settings a playbook's {@code guard} may override.
 *
 * @param flapTransitions more FIRING/RESOLVED changes than this within {@code flapWindow} make an alert "flapping"
 * @param minReadyReplicas the fewest ready replicas a restart or pod deletion may leave
 */
public record GuardDefaults(
        Duration cooldown,
        int maxAttempts,
        Duration window,
        int flapTransitions,
        Duration flapWindow,
        int minReadyReplicas) {

    public GuardDefaults {
        Objects.requireNonNull(cooldown, "cooldown");
        Objects.requireNonNull(window, "window");
        Objects.requireNonNull(flapWindow, "flapWindow");
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }
}
