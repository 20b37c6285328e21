package io.alertpilot.remediation.guard;

import java.util.Collection;
import java.util.function.UnaryOperator;

/**
 * Durable per-target guard state shared by every replica. Implementations must be thread safe.
 */
public interface Ledger {

    /** The state of {@code targetKey}; an empty entry when there is none. Never null. */
    LedgerEntry get(String targetKey);

    /** How often {@link #update} tries again after losing to another writer. */
    int UPDATE_ATTEMPTS = 5;

    /**
     * Stores {@code entry} durably (acknowledged by the store) if it was read at the version stored now
     * ({@link LedgerEntry#version()}), as version + 1: a conditional write (compare-and-set). Every replica applies
     * the same rule to the same ordered writes, so all agree on which write was accepted, and a writer whose entry is
     * stale (another replica wrote, or it was deposed as the target's owner) is refused, also after a restart.
     *
     * @return the entry as stored (its version one higher), visible to {@link #get} at once
     * @throws LedgerConflictException when another write of the target was accepted since {@code entry} was read;
     *     nothing of {@code entry} is stored
     * @throws GuardCheckUnavailableException when the store does not acknowledge in time
     */
    LedgerEntry put(LedgerEntry entry);

    /**
     * Read-modify-write under the conditional-write rule: syncs, reads {@code targetKey}, applies {@code change} and
     * writes the result; when another write came first, syncs and tries again with the fresh entry, up to
     * {@link #UPDATE_ATTEMPTS} times. {@code change} must be safe to apply to any newer entry (it is a function of
     * the entry, with no effect of its own). A change that returns its input unchanged writes nothing.
     *
     * @return the entry as stored
     * @throws LedgerConflictException when every attempt lost to another writer
     * @throws GuardCheckUnavailableException when the store cannot be read or written in time
     */
    default LedgerEntry update(String targetKey, UnaryOperator<LedgerEntry> change) {
        LedgerConflictException last = null;
        for (int attempt = 0; attempt < UPDATE_ATTEMPTS; attempt++) {
            sync();
            LedgerEntry current = get(targetKey);
            LedgerEntry changed = change.apply(current);
            if (changed == current) {
                return current;
            }
            try {
                return put(changed);
            } catch (LedgerConflictException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Waits until writes that other replicas made before this call are visible here. */
    void sync();

    /** Every entry known, for approval timeouts and lookups by remediation id. */
    Collection<LedgerEntry> all();
}
