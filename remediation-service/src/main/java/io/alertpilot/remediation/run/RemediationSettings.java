package io.alertpilot.remediation.run;

import io.alertpilot.remediation.playbook.Playbook;
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

    /** How long the actions of {@code playbook} may take to verify: its own {@code verify} time, else the service's. */
    public Duration verifyTimeout(Playbook playbook) {
        return playbook.verifyTimeout() != null ? playbook.verifyTimeout() : verifyTimeout;
    }
}
