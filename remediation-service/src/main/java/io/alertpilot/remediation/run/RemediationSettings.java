package io.alertpilot.remediation.run;

import java.time.Duration;

/**
 * How the remediator runs.
 *
 * @param dryRun true: PLANNED events only, nothing is changed
 * @param lockTtl how long a target lock lives; longer than any verification
 * @param verifyTimeout the default time an action has to take effect
 * @param verifyInterval how often a target is looked at while verifying
 * @param approvalTimeout the default time an approval may wait
 */
public record RemediationSettings(
        boolean dryRun,
        Duration lockTtl,
        Duration verifyTimeout,
        Duration verifyInterval,
        Duration approvalTimeout) {
}
