package io.alertpilot.remediation.decide;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.guard.GuardSettings;
import io.alertpilot.remediation.guard.Verdict;
import java.util.List;

/**
 * A plan that passed planning, with the guard settings in force and every verdict on it.
 *
 * @param ledgerKey the key of its ledger entry and lock
 * @param dryRun true when only PLANNED events may follow
 * @param verdicts the dry-run verdict, the ledger guards (namespace, cooldown, max-attempts, flapping, rate-limit)
 *     and the target lock, in that order
 */
public record Checked(AlertEvent alert, Plan.Planned plan, String ledgerKey, GuardSettings settings, boolean dryRun,
        List<Verdict> verdicts) {

    public Checked {
        verdicts = List.copyOf(verdicts);
    }
}
