package io.alertpilot.remediation.guard;

import java.util.Collection;

/** A ledger that hands every call to another: tests override the one call they make fail. */
public abstract class ForwardingLedger implements Ledger {

    protected final Ledger ledger;

    protected ForwardingLedger(Ledger ledger) {
        this.ledger = ledger;
    }

    @Override
    public LedgerEntry get(String targetKey) {
        return ledger.get(targetKey);
    }

    @Override
    public LedgerEntry put(LedgerEntry entry) {
        return ledger.put(entry);
    }

    @Override
    public void sync() {
        ledger.sync();
    }

    @Override
    public Collection<LedgerEntry> all() {
        return ledger.all();
    }
}
