package io.alertpilot.remediation.guard;

import io.alertpilot.remediation.playbook.GuardSpec;
import java.time.Duration;

/** The guard settings in force for one playbook: its own where given, else the defaults. */
public record GuardSettings(
        Duration cooldown,
        int maxAttempts,
        Duration window,
        int flapTransitions,
        Duration flapWindow,
        int minReadyReplicas) {

    /** {@code spec} over {@code defaults}. */
    public static GuardSettings of(GuardDefaults defaults, GuardSpec spec) {
        return new GuardSettings(
                spec.cooldown() != null ? spec.cooldown() : defaults.cooldown(),
                spec.maxAttempts() != null ? spec.maxAttempts() : defaults.maxAttempts(),
                spec.window() != null ? spec.window() : defaults.window(),
                spec.flapTransitions() != null ? spec.flapTransitions() : defaults.flapTransitions(),
                spec.flapWindow() != null ? spec.flapWindow() : defaults.flapWindow(),
                spec.minReadyReplicas() != null ? spec.minReadyReplicas() : defaults.minReadyReplicas());
    }
}
