package io.alertpilot.remediation.run;

import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerEntry;
import java.util.Collection;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The ledger of one replica in memory: nothing to sync. */
final class MemoryLedger implements Ledger {

    final Map<String, LedgerEntry> entries = new ConcurrentHashMap<>();

    @Override
    public LedgerEntry get(String key) {
        return entries.getOrDefault(key, LedgerEntry.empty(key));
    }

    @Override
    public void put(LedgerEntry entry) {
        entries.put(entry.targetKey(), entry);
    }

    @Override
    public void sync() {
    }

    @Override
    public Collection<LedgerEntry> all() {
        return entries.values();
    }
}
