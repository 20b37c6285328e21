package io.alertpilot.remediation.decide;

import io.alertpilot.model.maintenance.MaintenanceWindows;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.TargetLocks;
import java.util.Optional;

/**
 * The state a decision reads: the ledger entry of a key, who holds its lock, and the maintenance windows. The live
 * run and evaluate read the shared ledger, the target locks and the windows every replica shares; an offline runner
 * or a replay passes in-memory state. Read-only.
 */
public interface DecisionState {

    /** The ledger entry of {@code ledgerKey}; an empty entry when there is none. Never null. */
    LedgerEntry entry(String ledgerKey);

    /**
     * Who holds the lock of {@code ledgerKey} now, if anyone.
     *
     * @throws io.alertpilot.remediation.guard.GuardCheckUnavailableException when the lock store cannot be asked
     */
    Optional<String> lockHolder(String ledgerKey);

    /** The maintenance windows known now; none unless the state says otherwise. */
    default MaintenanceWindows windows() {
        return MaintenanceWindows.NONE;
    }

    /** The state of {@code ledger} and {@code locks}, without maintenance windows. */
    static DecisionState of(Ledger ledger, TargetLocks locks) {
        return of(ledger, locks, MaintenanceWindows.NONE);
    }

    /** The state of {@code ledger}, {@code locks} and {@code windows}. */
    static DecisionState of(Ledger ledger, TargetLocks locks, MaintenanceWindows windows) {
        return new DecisionState() {
            @Override
            public MaintenanceWindows windows() {
                return windows;
            }

            @Override
            public LedgerEntry entry(String ledgerKey) {
                return ledger.get(ledgerKey);
            }

            @Override
            public Optional<String> lockHolder(String ledgerKey) {
                return locks.holder(ledgerKey);
            }
        };
    }
}
