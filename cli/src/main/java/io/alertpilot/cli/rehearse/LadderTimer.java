package io.alertpilot.cli.rehearse;

import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;

/**
 * When a rehearsal judges ladder steps: at the earliest time a ladder in the ledger is due (the end of a step's
 * {@code holdFor}, of a cleared ladder's hold), and, when a look could not settle one (its target was locked, its
 * approval still waits), one check interval later, as the service's periodic check would. Not thread safe.
 */
final class LadderTimer {

    private final Ledger ledger;
    private final Clock clock;
    private final Duration checkInterval;
    private Instant lastCheck;

    LadderTimer(Ledger ledger, Clock clock, Duration checkInterval) {
        this.ledger = ledger;
        this.clock = clock;
        this.checkInterval = checkInterval;
        this.lastCheck = clock.instant();
    }

    /**
     * When ladders are next judged, if any ladder runs; the next check interval while a way back waits to be tried
     * again (the same turn retries it).
     */
    Optional<Instant> nextDue() {
        var entries = ledger.all();
        Optional<Instant> ladders = entries.stream().flatMap(e -> e.ladders().stream())
                .map(LedgerEntry.LadderState::until).filter(Objects::nonNull).min(Comparator.naturalOrder())
                .map(until -> until.isAfter(lastCheck) ? until : lastCheck.plus(checkInterval));
        boolean revertDue = entries.stream().flatMap(e -> e.reverts().stream()).anyMatch(r -> r.due() != null);
        if (!revertDue) {
            return ladders;
        }
        Instant retry = lastCheck.plus(checkInterval);
        return Optional.of(ladders.filter(t -> t.isBefore(retry)).orElse(retry));
    }

    /** Runs {@code judge} when a look is due now. */
    void judgeIfDue(Runnable judge) {
        Optional<Instant> next = nextDue();
        if (next.isPresent() && !next.get().isAfter(clock.instant())) {
            lastCheck = clock.instant();
            judge.run();
        }
    }
}
