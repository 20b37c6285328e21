package io.alertpilot.remediation.decide;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.remediation.action.Plan;

/**
 * The first two stages of a decision, match and plan, before any state is read.
 *
 * @param acting the plan of the first playbook whose rule holds for the alert, its status included; null when none
 * @param counterpart for a RESOLVED alert, the plan of the playbook that handles it while it fires (what the
 *     resolution cancels or switches back); null for a FIRING alert or when none would
 */
public record Matched(AlertEvent alert, Plan acting, Plan counterpart) {

    /** The ledger key the acting plan reads and writes; null without one. */
    public String actingKey() {
        return acting == null ? null : LedgerKey.of(acting, alert);
    }

    /** The ledger key of the counterpart; null without one. */
    public String recoveryKey() {
        return counterpart == null ? null : LedgerKey.of(counterpart, alert);
    }

    /** True when the recovery is bookkept in an entry of its own, not in the acting plan's. */
    public boolean separateRecovery() {
        return counterpart != null && !recoveryKey().equals(actingKey());
    }
}
