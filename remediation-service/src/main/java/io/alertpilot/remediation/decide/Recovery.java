package io.alertpilot.remediation.decide;

import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.LedgerEntry.FailoverRecord;
import io.alertpilot.remediation.guard.LedgerEntry.PendingApproval;
import io.alertpilot.remediation.guard.LedgerEntry.RevertRecord;
import java.time.Instant;
import java.util.List;

/**
 * What a RESOLVED alert ends in the entry of the playbook that handles it while firing: the approvals it cancels and
 * what it undoes, its ways back (the failover it switches back, and what the actions with {@code revertOnRecovery} or
 * {@code removeOnRecovery} changed).
 *
 * @param plan the counterpart's plan; a way back needs it planned
 * @param cancels approvals of the same alert (fingerprint) that were waiting
 * @param revert the failover to switch back, or null
 * @param reverts the other changes of the same alert to undo, in the order they were made
 * @param kept records of the same alert that end without being undone, because another alert's record still needs
 *     the same object (an isolation two alerts asked for stays until the last of them resolves)
 */
public record Recovery(Plan plan, String ledgerKey, List<PendingApproval> cancels, FailoverRecord revert,
        List<RevertRecord> reverts, List<RevertRecord> kept) {

    public Recovery {
        cancels = List.copyOf(cancels);
        reverts = reverts == null ? List.of() : List.copyOf(reverts);
        kept = kept == null ? List.of() : List.copyOf(kept);
    }

    /** A recovery that keeps nothing another alert needs. */
    public Recovery(Plan plan, String ledgerKey, List<PendingApproval> cancels, FailoverRecord revert,
            List<RevertRecord> reverts) {
        this(plan, ledgerKey, cancels, revert, reverts, List.of());
    }

    /** True when the recovery has something to undo: a failover to switch back or a revert record. */
    public boolean hasWaysBack() {
        return revert != null || !reverts.isEmpty();
    }

    /**
     * This recovery without its ways back: the approvals are cancelled, the failover record and the revert records
     * stay in the entry (a maintenance window holds them back; the next resolution undoes them).
     */
    public Recovery keepingWaysBack() {
        return hasWaysBack() || !kept.isEmpty() ? new Recovery(plan, ledgerKey, cancels, null, List.of()) : this;
    }

    /**
     * {@code entry} without the approvals this recovery cancels and the records it keeps for another alert; its ways
     * back stay until they are undone.
     */
    public LedgerEntry applyTo(LedgerEntry entry, Instant now) {
        LedgerEntry out = entry;
        if (!cancels.isEmpty()) {
            out = out.withPending(list -> {
                list.removeAll(cancels);
                return list;
            }, now);
        }
        // the ways back stay in the entry: each goes once it was undone (the run removes it then), so a way back that
        // meets a held target lock, an open breaker or a failure is retried, never lost; a record kept because another
        // alert still needs the same object ends now, with nothing to undo
        if (!kept.isEmpty()) {
            out = out.withReverts(list -> {
                list.removeAll(kept);
                return list;
            }, now);
        }
        return out;
    }
}
