package io.alertpilot.remediation.run;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.decide.Decider;
import io.alertpilot.remediation.decide.Decision;
import io.alertpilot.remediation.decide.DecisionState;
import io.alertpilot.remediation.decide.Matched;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerConflictException;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.LedgerEntry.LadderState;
import io.alertpilot.remediation.guard.TargetLocks;
import io.alertpilot.remediation.guard.TargetLocks.TargetLock;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.Step;
import io.alertpilot.support.concurrent.KeyedLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Multi-step remediation: which step of a playbook's ladder an alert's occurrence runs, and the timer that judges
 * each step at the end of its {@code holdFor} from the ledger (as {@link Approvals#expire()} judges approvals), so a
 * restarted service or another replica continues a ladder at the right step.
 *
 * <p>A FIRING alert starts step 1, or, while the ladder of its fingerprint holds CLEARED, continues at the next step; a
 * FIRING while a step runs, waits for approval or holds is recorded and changes nothing. A step still firing at the
 * end of {@code holdFor} is FAILED {@code still-firing}; then {@code otherwise} decides: the next step, or the ladder
 * ends with SKIPPED {@code ladder-exhausted} (after the last step), {@code escalate} or {@code ladder-stopped}, so the
 * alert reaches a human. The timer takes the target's cluster-wide lock, so one replica judges a step once. Thread
 * safe.
 */
public final class Ladders {

    /** The FAILED reason of a step whose alert still fires at the end of its holdFor. */
    public static final String STILL_FIRING = "still-firing";
    /** The SKIPPED reason when the last step did not hold: the alert goes to a human. */
    public static final String EXHAUSTED = "ladder-exhausted";
    /** The SKIPPED reason when a step with {@code otherwise: stop} did not hold. */
    public static final String STOPPED = "ladder-stopped";
    /** The SKIPPED reason when a step with {@code otherwise: escalate} did not hold. */
    public static final String ESCALATE = "escalate";

    /** A step judged still firing whose next step is about to start; its own state while no step runs. */
    static final String ADVANCING = "ADVANCING";

    private static final Logger log = LoggerFactory.getLogger(Ladders.class);
    private static final Duration JUDGE_LOCK_TTL = Duration.ofSeconds(30);

    /** What an occurrence of a FIRING alert does to its ladder. */
    sealed interface Move {
        /** Decide {@code matched} (a step's view, or the playbook as it is for a plan that is no ladder). */
        record Run(Matched matched) implements Move {
        }

        /** A step of this alert's ladder runs, waits or holds: nothing more happens now. */
        record Wait(LadderState ladder) implements Move {
        }

        /** The ladder of this alert held CLEARED and the alert fires again after a step that ends the ladder. */
        record End(LadderState ladder) implements Move {
        }
    }

    private final Decider decider;
    private final Ledger ledger;
    private final TargetLocks locks;
    private final KeyedLock keyed;
    private final LadderLedger ladders;
    private final DecisionCarrier carrier;
    private final Approvals approvals;
    private final Reverts reverts;
    private final RemediationReporter reporter;
    private final DecisionState state;
    private final Duration advanceBound;
    private final Clock clock;

    Ladders(Decider decider, Ledger ledger, TargetLocks locks, KeyedLock keyed, LadderLedger ladders,
            DecisionCarrier carrier, Approvals approvals, Reverts reverts, RemediationReporter reporter,
            DecisionState state, Duration advanceBound, Clock clock) {
        this.reverts = reverts;
        this.decider = decider;
        this.ledger = ledger;
        this.locks = locks;
        this.keyed = keyed;
        this.ladders = ladders;
        this.carrier = carrier;
        this.approvals = approvals;
        this.reporter = reporter;
        this.state = state;
        this.advanceBound = advanceBound;
        this.clock = clock;
    }

    /** What the FIRING occurrence of {@code matched} does, given {@code observed} (its entry, the occurrence in it). */
    Move onFiring(Matched matched, LedgerEntry observed) {
        if (matched.alert().status() == AlertStatus.RESOLVED || !(matched.acting() instanceof Plan.Planned planned)
                || !LadderStep.isLadder(planned.playbook())) {
            return new Move.Run(matched);
        }
        Playbook playbook = planned.playbook();
        LadderState ladder = observed.ladder(matched.alert().fingerprint(), playbook.name());
        if (ladder == null) {
            return new Move.Run(atStep(matched, planned, 1));
        }
        if (!ladder.state().equals(LadderLedger.CLEARED)) {
            return new Move.Wait(ladder);
        }
        Optional<Step> step = ladders.step(ladder);
        if (step.isEmpty() || step.get().otherwise() != Step.Otherwise.NEXT
                || LadderStep.last(playbook, ladder.step())) {
            return new Move.End(ladder);
        }
        Optional<Plan> next = ladders.plan(playbook.name(), ladder.step() + 1, matched.alert());
        return next.<Move>map(plan -> new Move.Run(new Matched(matched.alert(), plan, matched.counterpart())))
                .orElseGet(() -> new Move.End(ladder));
    }

    /**
     * What the listener writes of {@code observed} (read when the occurrence began): its changes over the ladders the
     * ledger holds now (another replica's timer may have moved one meanwhile), and as the RESOLVED {@code alert}
     * leaves its ladders (see {@link LadderLedger#resolved}). Callers hold the key's lock.
     */
    LedgerEntry written(LedgerEntry observed, AlertEvent alert) {
        LedgerEntry merged = ladders.merged(observed);
        return alert.status() == AlertStatus.RESOLVED ? ladders.resolved(merged, alert) : merged;
    }

    /** Ends the ladder whose alert fired again after a step that ends it: SKIPPED, so the alert reaches a human. */
    void end(String key, LadderState ladder) {
        ladders.end(key, ladder.fingerprint(), ladder.playbook());
        announceEnd(key, ladder);
    }

    /** The ladder's bookkeeping after {@code decision} on one of its steps was carried out. */
    void afterDecision(Decision decision, String key) {
        switch (decision) {
            case Decision.Refused refused when LadderStep.isLadder(refused.plan().playbook()) ->
                    ladders.end(key, refused.alert().fingerprint(), refused.plan().playbook().name());
            case Decision.Blocked blocked when LadderStep.isLadder(blocked.checked().plan().playbook()) ->
                    ladders.end(key, blocked.alert().fingerprint(), blocked.checked().plan().playbook().name());
            case Decision.Escalate escalate when LadderStep.isLadder(escalate.checked().plan().playbook()) ->
                    ladders.end(key, escalate.alert().fingerprint(), escalate.checked().plan().playbook().name());
            case Decision.DryRun dryRun when LadderStep.isLadder(dryRun.checked().plan().playbook()) ->
                    plannedHolds(key, dryRun);
            default -> {
            }
        }
    }

    /** A step planned in dry run holds as a live one would once verified, judged against the real alert. */
    private void plannedHolds(String key, Decision.DryRun dryRun) {
        Playbook view = dryRun.checked().plan().playbook();
        Step step = LadderStep.current(view);
        if (step.holdFor() == null) {
            ladders.end(key, dryRun.alert().fingerprint(), view.name());
            return;
        }
        Instant now = clock.instant();
        ledger.update(key, e -> e.withLadder(new LadderState(dryRun.alert().fingerprint(), view.name(), step.number(),
                LadderLedger.HOLDING, now, now.plus(step.holdFor()), null, dryRun.alert()), now));
    }

    /**
     * Judges every step whose time is up: still firing at the end of holdFor (FAILED {@code still-firing}, then
     * {@code otherwise}), cleared and held long enough (the ladder ends), or waiting for an approval that is gone.
     * Called periodically on every replica; a step locked by another replica is judged by that one. The same turn
     * tries again the ways back whose alert resolved and which were not taken yet (the target was locked, the undo
     * failed).
     */
    public void judge() {
        reverts.retryDue();
        ledger.sync();
        Instant now = clock.instant();
        for (LedgerEntry entry : ledger.all()) {
            for (LadderState ladder : entry.ladders()) {
                if (ladder.until() != null && !ladder.until().isAfter(now)) {
                    try {
                        judge(entry.targetKey(), ladder, now);
                    } catch (LedgerConflictException e) {
                        // decided on an entry someone changed meanwhile: judged again, on the fresh entry, next turn
                        log.info("ladder of playbook {} for {} changed while judged: judged again next turn ({})",
                                ladder.playbook(), ladder.fingerprint(), e.getMessage());
                    }
                }
            }
        }
    }

    private void judge(String key, LadderState due, Instant now) {
        Optional<TargetLock> lock = locks.tryLockForCheck(key, JUDGE_LOCK_TTL);
        if (lock.isEmpty()) {
            return;
        }
        Optional<LadderState> advance;
        try (TargetLock held = lock.get()) {
            advance = keyed.call(key, () -> judgeLocked(key, due, now));
        }
        // the target lock is released first: the next step takes it again to act
        advance.ifPresent(ladder -> keyed.run(key, () -> startNext(key, ladder)));
    }

    /**
     * Judges the ladder {@code due} of {@code key} when it is still where it was after the ledger caught up; the
     * ladder whose next step is to start now, if any. Every write is a compare-and-set: the ladder is read again just
     * before it, and left alone when the listener (a RESOLVED) or another replica moved it meanwhile.
     */
    private Optional<LadderState> judgeLocked(String key, LadderState due, Instant now) {
        Optional<LedgerEntry> read = ladders.unchanged(key, due);
        LadderState ladder = read.map(e -> e.ladder(due.fingerprint(), due.playbook())).orElse(null);
        if (ladder == null || ladder.until() == null || ladder.until().isAfter(now)) {
            return Optional.empty();
        }
        LedgerEntry entry = read.get();
        switch (ladder.state()) {
            case LadderLedger.CLEARED -> {
                log.info("ladder of playbook {} for {} ended at step {}: the alert stayed clear", ladder.playbook(),
                        ladder.fingerprint(), ladder.step());
                ledger.put(entry.withoutLadder(ladder.fingerprint(), ladder.playbook(), now));
                return Optional.empty();
            }
            case LadderLedger.AWAITING_APPROVAL -> {
                if (entry.pending(ladder.remediationId()) == null) {
                    ledger.put(entry.withoutLadder(ladder.fingerprint(), ladder.playbook(), now));
                }
                return Optional.empty();
            }
            case ADVANCING -> {
                return Optional.of(ladder);
            }
            default -> {
                return stillFiring(key, ladder, now);
            }
        }
    }

    /** A step RUNNING or HOLDING past its time: FAILED {@code still-firing}, then what its {@code otherwise} says. */
    private Optional<LadderState> stillFiring(String key, LadderState ladder, Instant now) {
        Optional<Step> step = ladders.step(ladder);
        boolean next = step.isPresent() && step.get().otherwise() == Step.Otherwise.NEXT
                && ladders.plan(ladder.playbook(), ladder.step() + 1, ladder.alert()).isPresent();
        LadderState advancing = new LadderState(ladder.fingerprint(), ladder.playbook(), ladder.step(), ADVANCING, now,
                now.plus(advanceBound), null, ladder.alert());
        // the compare-and-set: a RESOLVED written meanwhile (CLEARED) wins, the step is not judged still firing
        Optional<LedgerEntry> entry = ladders.unchanged(key, ladder);
        if (entry.isEmpty()) {
            log.info("ladder of playbook {} for {} moved while step {} was judged: left as it is now",
                    ladder.playbook(), ladder.fingerprint(), ladder.step());
            return Optional.empty();
        }
        ledger.put(next ? entry.get().withLadder(advancing, now)
                : entry.get().withoutLadder(ladder.fingerprint(), ladder.playbook(), now));
        ladders.emit(key, ladder, RemediationPhase.FAILED, STILL_FIRING, "the alert still fires after "
                + step.map(Step::holdFor).map(String::valueOf).orElse("the step") + " (step " + ladder.step() + ")",
                ladders.dryRun(ladder));
        if (!next) {
            announceEnd(key, ladder);
            return Optional.empty();
        }
        return Optional.of(advancing);
    }

    /** SKIPPED with the reason the ladder ends: {@code ladder-exhausted}, {@code escalate} or {@code ladder-stopped}. */
    private void announceEnd(String key, LadderState ladder) {
        Step.Otherwise otherwise = ladders.step(ladder).map(Step::otherwise).orElse(Step.Otherwise.NEXT);
        String reason = switch (otherwise) {
            case NEXT -> EXHAUSTED;
            case ESCALATE -> ESCALATE;
            case STOP -> STOPPED;
        };
        String message = switch (otherwise) {
            case NEXT -> "no step of playbook " + ladder.playbook() + " cleared the alert: it goes to a human";
            case ESCALATE -> "step " + ladder.step() + " did not clear the alert and says escalate: it goes to a human";
            case STOP -> "step " + ladder.step() + " did not clear the alert and says stop: the ladder ends, the "
                    + "alert goes to a human";
        };
        LadderState ending = new LadderState(ladder.fingerprint(), ladder.playbook(), ladder.step(), ladder.state(),
                ladder.since(), ladder.until(), null, ladder.alert());
        ladders.emit(key, ending, RemediationPhase.SKIPPED, reason, message, ladders.dryRun(ladder));
    }

    /** Decides and carries out the step after {@code ladder}'s, as an occurrence of its alert would. */
    private void startNext(String key, LadderState ladder) {
        Optional<LedgerEntry> read = ladders.unchanged(key, ladder);
        if (read.isEmpty()) {
            return;
        }
        LedgerEntry entry = read.get();
        int number = ladder.step() + 1;
        Optional<Plan> plan = ladders.plan(ladder.playbook(), number, ladder.alert());
        if (plan.isEmpty()) {
            ledger.put(entry.withoutLadder(ladder.fingerprint(), ladder.playbook(), clock.instant()));
            announceEnd(key, ladder);
            return;
        }
        Matched matched = new Matched(ladder.alert(), plan.get(), null);
        Decision decision = decider.decide(matched, entry, null, state);
        log.info("ladder of playbook {} for {}: step {} did not hold, step {} next", ladder.playbook(),
                ladder.fingerprint(), ladder.step(), number);
        reporter.inStep(number, () -> carry(decision, entry, key));
    }

    /** Records and carries out {@code decision} of a ladder step, as {@link Remediator} does an occurrence's. */
    void carry(Decision decision, LedgerEntry entry, String key) {
        if (decision instanceof Decision.NeedsApproval needsApproval) {
            approvals.request(needsApproval, entry);
        } else {
            ledger.put(entry);
        }
        carrier.carryOut(decision);
        afterDecision(decision, key);
    }

    /** {@code matched} with its plan as the view of step {@code number} (whose actions the plan holds). */
    private static Matched atStep(Matched matched, Plan.Planned planned, int number) {
        Playbook view = LadderStep.view(planned.playbook(), number);
        return new Matched(matched.alert(), new Plan.Planned(view, planned.target(), planned.actions()),
                matched.counterpart());
    }
}
