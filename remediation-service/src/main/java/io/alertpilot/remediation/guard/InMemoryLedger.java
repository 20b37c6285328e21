package io.alertpilot.remediation.guard;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A ledger in memory, for one replica without a store: an offline test runner, a replay, tests. Nothing to sync;
 * nothing survives the process. Writes are conditional as {@link Ledger#put} says. Thread safe.
 */
public final class InMemoryLedger implements Ledger {

    private final Map<String, LedgerEntry> entries = new ConcurrentHashMap<>();

    @Override
    public LedgerEntry get(String key) {
        return entries.getOrDefault(key, LedgerEntry.empty(key));
    }

    @Override
    public LedgerEntry put(LedgerEntry entry) {
        return entries.compute(entry.targetKey(), (key, current) -> {
            long stored = current == null ? 0 : current.version();
            if (stored != entry.version()) {
                throw new LedgerConflictException(key, entry.version(), stored);
            }
            return entry.nextVersion();
        });
    }

    @Override
    public void sync() {
    }

    @Override
    public Collection<LedgerEntry> all() {
        return entries.values();
    }

    /** The keys of every entry, for tests and reports. */
    public Set<String> keys() {
        return Set.copyOf(entries.keySet());
    }
}
