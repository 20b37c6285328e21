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
 * Where each ladder stands, kept in the ledger entry of its target ({@link LedgerEntry#ladders()}, one per alert
 * and playbook) so that a restarted
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

    /** The FAILED reason of an approved request of a ladder playbook whose step is not known. */
    static final String UNKNOWN_STEP = "ladder-step-unknown";

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
        ledger.update(key, e -> e.withLadder(new LadderState(alert.fingerprint(), view.name(),
                LadderStep.number(view), RUNNING, now, now.plus(bound), null, alert), now));
        return now.plus(bound);
    }

    /**
     * Ends the ladder of {@code fingerprint} under {@code playbook} on {@code key}, if one runs (a step failed, was
     * skipped or rejected); the ladders of other alerts and playbooks on the target stay.
     */
    void end(String key, String fingerprint, String playbook) {
        keyed.run(key, () -> {
            Instant now = clock.instant();
            ledger.update(key, e -> e.withoutLadder(fingerprint, playbook, now));
        });
    }

    /**
     * The last action of a step was verified (its rollout completed): the step holds for {@code holdFor}, or, when its
     * alert resolved meanwhile, it is VERIFIED now and the ladder holds as CLEARED.
     */
    void rolloutVerified(String key, Verifier.Check last, int step, Duration holdFor) {
        keyed.run(key, () -> {
            Instant now = clock.instant();
            boolean[] cleared = {false};
            // the state is judged on the entry written: a RESOLVED written meanwhile (CLEARED) is seen on a retry
            ledger.update(key, entry -> {
                LadderState ladder = entry.ladder(last.alert().fingerprint(), last.playbook());
                if (ladder == null || ladder.step() != step) {
                    cleared[0] = false;
                    return entry;
                }
                cleared[0] = ladder.state().equals(CLEARED);
                return entry.withLadder(new LadderState(ladder.fingerprint(), ladder.playbook(), step,
                        cleared[0] ? CLEARED : HOLDING, now, now.plus(holdFor), last.id(), ladder.alert()), now);
            });
            if (cleared[0]) {
                reporter.emit(last.id(), last.alert(), last.playbook(), last.action(), last.target(),
                        RemediationPhase.VERIFIED, null, CLEARED_MESSAGE, false);
            }
        });
    }

    /**
     * {@code entry} as the RESOLVED {@code alert} leaves its ladders (one per playbook): a holding step is VERIFIED
     * (emitted now) and the ladder holds as CLEARED for the step's holdFor; a running step is CLEARED (VERIFIED once
     * its rollout completes); a step waiting for approval ends (the resolution cancels the approval). Callers hold
     * the key's lock and write; {@code entry}'s ladders should be fresh ({@link #merged}).
     */
    LedgerEntry resolved(LedgerEntry entry, AlertEvent alert) {
        LedgerEntry out = entry;
        Instant now = clock.instant();
        for (LadderState ladder : entry.ladders()) {
            if (!ladder.fingerprint().equals(alert.fingerprint()) || ladder.state().equals(CLEARED)) {
                continue;
            }
            if (ladder.state().equals(AWAITING_APPROVAL)) {
                out = out.withoutLadder(ladder.fingerprint(), ladder.playbook(), now);
                continue;
            }
            Duration holdFor = step(ladder).map(Step::holdFor).orElse(Duration.ZERO);
            if (ladder.state().equals(HOLDING)) {
                emit(entry.targetKey(), ladder, RemediationPhase.VERIFIED, null, CLEARED_MESSAGE, dryRun(ladder));
            }
            out = out.withLadder(new LadderState(ladder.fingerprint(), ladder.playbook(), ladder.step(), CLEARED, now,
                    now.plus(holdFor), ladder.remediationId(), ladder.alert()), now);
        }
        return out;
    }

    /**
     * {@code observed} (an entry read a while ago on the listener's path) with the ladders as this replica holds them
     * now: the listener writes its own changes over the timer's latest ladder states rather than over the ones it read.
     * No sync: the listener synced before it read {@code observed}, and its write is conditional on that read, so a
     * ladder another replica moved since then makes the write lose and the occurrence is decided again on the fresh
     * entry (a sync here cost a round trip per alert and changed no outcome).
     */
    LedgerEntry merged(LedgerEntry observed) {
        List<LadderState> now = ledger.get(observed.targetKey()).ladders();
        return now.equals(observed.ladders()) ? observed : observed.withLadders(now, observed.updatedAt());
    }

    /**
     * The entry of {@code key} as the ledger holds it after catching up, when the ladder {@code expected} was read from
     * is still where it was (same alert, playbook, step and state); empty when another replica or the listener moved
     * it meanwhile: the compare of the timer's compare-and-set.
     */
    Optional<LedgerEntry> unchanged(String key, LadderState expected) {
        ledger.sync();
        LedgerEntry entry = ledger.get(key);
        LadderState now = entry.ladder(expected.fingerprint(), expected.playbook());
        return now != null && now.sameAs(expected) ? Optional.of(entry) : Optional.empty();
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
     * The plan {@code pending} releases: of its ladder step when it waits as one (the step it stored, or for a request
     * stored before steps were, {@code entry}'s ladder of its alert), else of its playbook. A request of a ladder
     * playbook whose step is unknown is refused ({@link #UNKNOWN_STEP}), never planned as the whole playbook (whose
     * actions are step 1's). Empty when the playbook or step is gone.
     */
    Optional<Plan> replan(LedgerEntry entry, PendingApproval pending) {
        Integer step = step(entry, pending);
        if (step != null) {
            return plan(pending.playbook(), step, pending.alert());
        }
        Optional<Playbook> playbook = library.current().named(pending.playbook());
        if (playbook.isPresent() && LadderStep.isLadder(playbook.get())) {
            return decider.replan(library.current(), pending.playbook(), pending.alert())
                    .map(plan -> new Plan.Refused(plan.playbook(), plan.target(), UNKNOWN_STEP, null,
                            "the approval does not tell which step of ladder playbook " + pending.playbook()
                                    + " it releases: nothing runs"));
        }
        return decider.replan(library.current(), pending.playbook(), pending.alert());
    }

    /** The ladder step {@code pending} waits as: the one it stored, else {@code entry}'s ladder of it; or null. */
    static Integer step(LedgerEntry entry, PendingApproval pending) {
        if (pending.step() != null) {
            return pending.step();
        }
        LadderState ladder = entry.ladder(pending.alert().fingerprint(), pending.playbook());
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
