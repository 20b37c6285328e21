package io.alertpilot.remediation.guard;

/**
 * A conditional ledger write was refused: another write of the same target was accepted since the entry was read (by
 * another replica, a timer, or an owner that was deposed meanwhile). Nothing of the refused entry is stored; the writer
 * reads the entry again and decides again ({@link Ledger#update} does this for a change that can be re-applied).
 */
public class LedgerConflictException extends GuardCheckUnavailableException {

    /** The reason a guard names when a write kept losing to other writers. */
    public static final String REASON = "ledger-conflict";

    public LedgerConflictException(String targetKey, long readVersion, long storedVersion) {
        super(REASON, "the ledger entry of " + targetKey + " was written by someone else since it was read (read at "
                + "version " + readVersion + ", now at " + storedVersion + ")", null);
    }
}
