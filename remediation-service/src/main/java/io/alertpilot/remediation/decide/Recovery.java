package io.alertpilot.remediation.decide;

import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.LedgerEntry.FailoverRecord;
import io.alertpilot.remediation.guard.LedgerEntry.PendingApproval;
import java.time.Instant;
import java.util.List;

/**
 * What a RESOLVED alert ends in the entry of the playbook that handles it while firing: the approvals it cancels and
 * the failover it switches back.
 *
 * @param plan the counterpart's plan; a revert needs it planned
 * @param cancels approvals of the same alert (fingerprint) that were waiting
 * @param revert the failover to switch back, or null
 */
public record Recovery(Plan plan, String ledgerKey, List<PendingApproval> cancels, FailoverRecord revert) {

    public Recovery {
        cancels = List.copyOf(cancels);
    }

    /**
     * This recovery without its failover revert: the approvals are cancelled, the failover record stays in the entry
     * (a maintenance window holds the revert back; the next resolution switches back).
     */
    public Recovery keepingFailover() {
        return revert == null ? this : new Recovery(plan, ledgerKey, cancels, null);
    }

    /** {@code entry} without what this recovery ends. */
    public LedgerEntry applyTo(LedgerEntry entry, Instant now) {
        LedgerEntry out = entry;
        if (!cancels.isEmpty()) {
            out = out.withPending(list -> {
                list.removeAll(cancels);
                return list;
            }, now);
        }
        return revert == null ? out : out.withFailover(null, now);
    }
}
