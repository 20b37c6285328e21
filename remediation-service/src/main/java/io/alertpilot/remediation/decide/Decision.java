package io.alertpilot.remediation.decide;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.guard.Verdict;
import java.time.Duration;

/**
 * What the service decides for one alert occurrence, with what led there, so that it can be carried out (the run)
 * or explained (evaluate) alike. Every alternative carries the {@link Recovery} of a RESOLVED alert, or null.
 */
public sealed interface Decision {

    /** The alert decided on. */
    AlertEvent alert();

    /** What a RESOLVED alert ends; null for a FIRING alert or when no playbook handles it firing. */
    Recovery recovery();

    /** A decision on a plan that passed planning: the guards had their say on it. */
    sealed interface OfPlan extends Decision permits Blocked, DryRun, NeedsApproval, Escalate, Act {

        /** The plan with its settings and verdicts. */
        Checked checked();

        @Override
        default AlertEvent alert() {
            return checked().alert();
        }
    }

    /** No playbook acts on the alert with its status. */
    record NoPlaybook(AlertEvent alert, Recovery recovery) implements Decision {
    }

    /** The occurrence ({@code eventId}) was handled already: nothing happens a second time. */
    record Duplicate(AlertEvent alert, Plan plan, String ledgerKey, Recovery recovery) implements Decision {
    }

    /** A template could not be used: nothing may reach the API. */
    record Refused(AlertEvent alert, Plan.Refused plan, String ledgerKey, boolean dryRun, Recovery recovery)
            implements Decision {
    }

    /** A guard stops the plan; {@code guard} is the first that blocks, the SKIPPED reason. */
    record Blocked(Checked checked, Verdict guard, Recovery recovery) implements OfPlan {
    }

    /** Dry run: PLANNED events only. */
    record DryRun(Checked checked, Recovery recovery) implements OfPlan {
    }

    /** A human must approve within {@code timeout} first. */
    record NeedsApproval(Checked checked, Duration timeout, Recovery recovery) implements OfPlan {
    }

    /** Every action is {@code escalate}: the alert goes to a human; no lock, breaker or rate permit holds it back. */
    record Escalate(Checked checked, Recovery recovery) implements OfPlan {
    }

    /** The plan runs now (the blast-radius guards are checked before each action, under the target lock). */
    record Act(Checked checked, Recovery recovery) implements OfPlan {
    }
}
