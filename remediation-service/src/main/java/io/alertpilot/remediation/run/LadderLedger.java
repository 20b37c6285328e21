package io.alertpilot.remediation.run;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.decide.Decider;
import io.alertpilot.remediation.decide.LedgerKey;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.LedgerEntry.LadderState;
import io.alertpilot.remediation.guard.LedgerEntry.PendingApproval;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.PlaybookSet;
import io.alertpilot.remediation.playbook.Step;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import io.alertpilot.support.concurrent.KeyedLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Where each ladder stands, kept in the ledger entry of its target ({@link LedgerEntry#ladder()}) so that a restarted
 * service or another replica continues it: a step {@link #RUNNING} (its actions act and are verified),
 * {@link #AWAITING_APPROVAL}, {@link #HOLDING} (verified, waiting up to {@code holdFor} for the alert to clear) or
 * {@link #CLEARED} (the alert resolved; the ladder holds for {@code holdFor}, then it is removed). Writes under the
 * key's {@link KeyedLock} after syncing the ledger. Thread safe.
 */
final class LadderLedger {

    static final String RUNNING = "RUNNING";
    static final String AWAITING_APPROVAL = "AWAITING_APPROVAL";
    static final String HOLDING = "HOLDING";
    static final String CLEARED = "CLEARED";

    /** The VERIFIED message of a step whose alert cleared: verified gains the alert's meaning. */
    static final String CLEARED_MESSAGE = "the rollout completed and the alert cleared within holdFor";

    private final PlaybookLibrary library;
    private final Decider decider;
    private final Ledger ledger;
    private final KeyedLock keyed;
    private final RemediationReporter reporter;
    private final Clock clock;

    LadderLedger(PlaybookLibrary library, Decider decider, Ledger ledger, KeyedLock keyed,
            RemediationReporter reporter, Clock clock) {
        this.library = library;
        this.decider = decider;
        this.ledger = ledger;
        this.keyed = keyed;
        this.reporter = reporter;
        this.clock = clock;
    }

    /**
     * Records that the step {@code view} stands for starts acting on {@code key}; judged as still firing after
     * {@code bound} (the verify timeouts and holdFor) should no replica finish it.
     *
     * @return when the step is judged at the latest: the end of {@code bound} from now
     */
    Instant running(String key, AlertEvent alert, Playbook view, Duration bound) {
        Instant now = clock.instant();
        ledger.put(ledger.get(key).withLadder(new LadderState(alert.fingerprint(), view.name(),
                LadderStep.number(view), RUNNING, now, now.plus(bound), null, alert), now));
        return now.plus(bound);
    }

    /** Ends the ladder of {@code fingerprint} on {@code key}, if one runs (a step failed, was skipped or rejected). */
    void end(String key, String fingerprint) {
        keyed.run(key, () -> {
            LedgerEntry entry = ledger.get(key);
            if (entry.ladder() != null && entry.ladder().fingerprint().equals(fingerprint)) {
                ledger.put(entry.withLadder(null, clock.instant()));
            }
        });
    }

    /**
     * The last action of a step was verified (its rollout completed): the step holds for {@code holdFor}, or, when its
     * alert resolved meanwhile, it is VERIFIED now and the ladder holds as CLEARED.
     */
    void rolloutVerified(String key, Verifier.Check last, int step, Duration holdFor) {
        keyed.run(key, () -> {
            ledger.sync();
            LedgerEntry entry = ledger.get(key);
            LadderState ladder = entry.ladder();
            if (ladder == null || !ladder.fingerprint().equals(last.alert().fingerprint()) || ladder.step() != step) {
                return;
            }
            Instant now = clock.instant();
            if (ladder.state().equals(CLEARED)) {
                reporter.emit(last.id(), last.alert(), last.playbook(), last.action(), last.target(),
                        RemediationPhase.VERIFIED, null, CLEARED_MESSAGE, false);
                ledger.put(entry.withLadder(new LadderState(ladder.fingerprint(), ladder.playbook(), step, CLEARED,
                        now, now.plus(holdFor), last.id(), ladder.alert()), now));
            } else {
                ledger.put(entry.withLadder(new LadderState(ladder.fingerprint(), ladder.playbook(), step, HOLDING,
                        now, now.plus(holdFor), last.id(), ladder.alert()), now));
            }
        });
    }

    /**
     * {@code entry} as the RESOLVED {@code alert} leaves its ladder: a holding step is VERIFIED (emitted now) and the
     * ladder holds as CLEARED for the step's holdFor; a running step is CLEARED (VERIFIED once its rollout completes);
     * a step waiting for approval ends (the resolution cancels the approval). Callers hold the key's lock and write.
     */
    LedgerEntry resolved(LedgerEntry entry, AlertEvent alert) {
        LadderState ladder = entry.ladder();
        if (ladder == null || !ladder.fingerprint().equals(alert.fingerprint()) || ladder.state().equals(CLEARED)) {
            return entry;
        }
        Instant now = clock.instant();
        if (ladder.state().equals(AWAITING_APPROVAL)) {
            return entry.withLadder(null, now);
        }
        Duration holdFor = step(ladder).map(Step::holdFor).orElse(Duration.ZERO);
        if (ladder.state().equals(HOLDING)) {
            emit(entry.targetKey(), ladder, RemediationPhase.VERIFIED, null, CLEARED_MESSAGE, dryRun(ladder));
        }
        return entry.withLadder(new LadderState(ladder.fingerprint(), ladder.playbook(), ladder.step(), CLEARED, now,
                now.plus(holdFor), ladder.remediationId(), ladder.alert()), now);
    }

    /** The step {@code ladder} stands at, as the playbook in force says; empty when the playbook or step is gone. */
    Optional<Step> step(LadderState ladder) {
        return library.current().named(ladder.playbook())
                .filter(p -> ladder.step() >= 1 && ladder.step() <= p.steps().size())
                .map(p -> p.steps().get(ladder.step() - 1));
    }

    /** Step {@code number} of {@code playbook} planned for {@code alert}; empty when the playbook or step is gone. */
    Optional<Plan> plan(String playbook, int number, AlertEvent alert) {
        return library.current().named(playbook)
                .filter(p -> number >= 1 && number <= p.steps().size())
                .flatMap(p -> decider.replan(new PlaybookSet(List.of(LadderStep.view(p, number)), List.of(), "",
                        clock.instant()), playbook, alert));
    }

    /**
     * The plan {@code pending} releases: of its ladder step when it waits as one ({@code entry}'s ladder), else of
     * its playbook; empty when the playbook or step is gone.
     */
    Optional<Plan> replan(LedgerEntry entry, PendingApproval pending) {
        Integer step = step(entry, pending);
        return step == null ? decider.replan(library.current(), pending.playbook(), pending.alert())
                : plan(pending.playbook(), step, pending.alert());
    }

    /** The ladder step {@code pending} waits as in {@code entry}, or null. */
    static Integer step(LedgerEntry entry, PendingApproval pending) {
        LadderState ladder = entry.ladder();
        return ladder != null && AWAITING_APPROVAL.equals(ladder.state())
                && pending.remediationId().equals(ladder.remediationId()) ? ladder.step() : null;
    }

    /** True when the ladder's playbook runs in dry run (the service's or its own). */
    boolean dryRun(LadderState ladder) {
        return library.current().named(ladder.playbook()).map(decider::dryRun).orElse(false);
    }

    /**
     * Emits an event of {@code ladder}'s step for its last action (its remediation id when it has one), as the
     * playbook plans it now, carrying the step.
     */
    void emit(String key, LadderState ladder, RemediationPhase phase, String reason, String message, boolean dryRun) {
        Optional<Plan> plan = plan(ladder.playbook(), ladder.step(), ladder.alert());
        String id = ladder.remediationId() != null ? ladder.remediationId() : RemediationReporter.newId();
        reporter.inStep(ladder.step(), () -> {
            if (plan.isPresent() && plan.get() instanceof Plan.Planned planned) {
                Action last = planned.actions().getLast();
                reporter.emit(id, ladder.alert(), ladder.playbook(), last, planned.target(), phase, reason, message,
                        dryRun);
            } else {
                reporter.emit(id, ladder.alert(), ladder.playbook(), "none", Map.of(),
                        LedgerKey.target(key), phase, reason, message, dryRun);
            }
        });
    }
}
