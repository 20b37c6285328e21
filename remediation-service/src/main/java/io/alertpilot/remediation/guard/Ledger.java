package io.alertpilot.remediation.guard;

import java.util.Collection;

/**
 * Durable per-target guard state shared by every replica. Implementations must be thread safe.
 */
public interface Ledger {

    /** The state of {@code targetKey}; an empty entry when there is none. Never null. */
    LedgerEntry get(String targetKey);

    /**
     * Stores {@code entry} durably (acknowledged by the store) and makes it visible to {@link #get} at once.
     *
     * @throws GuardCheckUnavailableException when the store does not acknowledge in time
     */
    void put(LedgerEntry entry);

    /** Waits until writes that other replicas made before this call are visible here. */
    void sync();

    /** Every entry known, for approval timeouts and lookups by remediation id. */
    Collection<LedgerEntry> all();
}
