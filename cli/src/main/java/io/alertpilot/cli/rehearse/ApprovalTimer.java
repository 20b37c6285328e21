package io.alertpilot.cli.rehearse;

import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * When a rehearsal looks for approvals whose time ran out: at the earliest deadline of the requests in the ledger,
 * and, when a look could not expire one (its target was locked), one check interval later, as the service's periodic
 * check would. Follows the requests by their events (a request starts with PENDING_APPROVAL and ends with the next
 * event of its remediation), so the ledger is read only when a request changed. Not thread safe.
 */
final class ApprovalTimer {

    private final Ledger ledger;
    private final Clock clock;
    private final Duration checkInterval;
    private final Set<String> waiting = new HashSet<>();
    private Instant lastCheck;
    private Optional<Instant> due = Optional.empty();
    private boolean stale;

    ApprovalTimer(Ledger ledger, Clock clock, Duration checkInterval) {
        this.ledger = ledger;
        this.clock = clock;
        this.checkInterval = checkInterval;
        this.lastCheck = clock.instant();
    }

    /** Follows {@code event}: a new request, or the end of one. */
    void observe(RemediationEvent event) {
        if (event.phase() == RemediationPhase.PENDING_APPROVAL) {
            stale = waiting.add(event.remediationId()) || stale;
        } else if (event.phase() != RemediationPhase.PLANNED && waiting.remove(event.remediationId())) {
            stale = true;
        }
    }

    /** When approvals are next looked at, if any request waits. */
    Optional<Instant> nextDue() {
        if (waiting.isEmpty()) {
            return Optional.empty();
        }
        if (stale) {
            due = ledger.all().stream().flatMap(e -> e.pending().stream())
                    .map(LedgerEntry.PendingApproval::deadline).min(Comparator.naturalOrder())
                    .map(deadline -> deadline.isAfter(lastCheck) ? deadline : lastCheck.plus(checkInterval));
            stale = false;
        }
        return due;
    }

    /** Runs {@code expire} when a look is due now. */
    void expireIfDue(Runnable expire) {
        Optional<Instant> next = nextDue();
        if (next.isPresent() && !next.get().isAfter(clock.instant())) {
            lastCheck = clock.instant();
            stale = true;
            expire.run();
        }
    }
}
