package io.alertpilot.remediation.run;

import io.alertpilot.remediation.guard.GuardCheckUnavailableException;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.LedgerEntry.ActionIntent;
import java.time.Clock;
import java.time.Instant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes an action's intent before its call and its done after it, through {@link Ledger#update} (the conditional
 * write, tried again on a conflict). Thread safe.
 */
final class IntentLedger {

    private static final Logger log = LoggerFactory.getLogger(IntentLedger.class);

    private final Ledger ledger;
    private final Clock clock;

    IntentLedger(Ledger ledger, Clock clock) {
        this.ledger = ledger;
        this.clock = clock;
    }

    /**
     * Writes {@code intent} to the entry of {@code key}; with {@code attempt}, the plan's attempt in the same write.
     *
     * @throws GuardCheckUnavailableException ({@code ledger-conflict} among others) when it could not be written:
     *     the action must not run
     */
    void begin(String key, ActionIntent intent, boolean attempt) {
        ledger.update(key, entry -> (attempt ? entry.withAttempt(intent.at()) : entry).withIntent(intent, intent.at()));
    }

    /**
     * Marks the intent of {@code actionId} done; true when the done was recorded. A write that fails leaves the intent
     * pending: the resume then finds the action on its target (or asks a human), so it is logged, not thrown, and
     * the caller reports nothing that the next resume would report again.
     */
    boolean done(String key, String actionId) {
        try {
            ledger.update(key, entry -> entry.withIntentDone(actionId, clock.instant()));
            return true;
        } catch (GuardCheckUnavailableException e) {
            log.warn("the done of action {} could not be written ({}): its intent stays pending and is resumed",
                    actionId, e.getMessage());
            return false;
        }
    }

    /**
     * After a write of {@code intent} failed for a reason other than a conflict (its outcome unknown: the store may
     * still take it later), records it done without its action, in one conditional write, so that a late write of the
     * intent loses and no resume carries it out. True when that write went through.
     */
    boolean abandon(String key, ActionIntent intent) {
        Instant now = clock.instant();
        try {
            ledger.update(key, entry -> entry.intent(intent.actionId()) != null
                    ? entry.withIntentDone(intent.actionId(), now) : entry.withIntent(intent.done(now), now));
            return true;
        } catch (GuardCheckUnavailableException e) {
            log.warn("action {} could not be recorded as not run either ({}): a late write of its intent may still be "
                    + "resumed", intent.actionId(), e.getMessage());
            return false;
        }
    }

    /** Every entry, after a sync (for the resume). */
    java.util.Collection<LedgerEntry> all() {
        ledger.sync();
        return ledger.all();
    }

    /** The entry of {@code key} after a sync (for the resume). */
    LedgerEntry read(String key) {
        ledger.sync();
        return ledger.get(key);
    }
}
