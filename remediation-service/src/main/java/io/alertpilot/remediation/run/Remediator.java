package io.alertpilot.remediation.run;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.decide.Decider;
import io.alertpilot.remediation.decide.Decision;
import io.alertpilot.remediation.decide.DecisionState;
import io.alertpilot.remediation.decide.Matched;
import io.alertpilot.remediation.decide.Recovery;
import io.alertpilot.remediation.guard.Verdict;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerConflictException;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import io.alertpilot.support.concurrent.KeyedLock;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns alerts into guarded actions and tells the world every step as a {@link RemediationEvent}: decides with the
 * {@link Decider} (the same path evaluate explains), records the occurrence in the ledger, then hands the decision to
 * the collaborator named for it.
 *
 * <p>Contract: for one alert occurrence ({@code eventId}) at most one action run per playbook happens, also when the
 * record is delivered again or a second replica sees it: the occurrence is written to the ledger entry of its key
 * before anything acts (each further playbook of a {@code continue: true} search under its own id,
 * {@link Matched#occurrenceId}). Ledger guards (cooldown, attempts, flapping) are checked, then checked again under
 * the target lock after the ledger caught up with other replicas. Verification runs in the background and releases
 * the lock at its end. A dry-run decision goes to the {@link DryRunExecution}, which counts the planned action in the
 * dry-run state as a started one counts live. A playbook with {@code steps} acts one step at a time
 * ({@link Ladders}): the occurrence runs the step its ladder stands at, and every event of a step carries the step.
 * The occurrence write is the first change a decision makes and is conditional ({@link Ledger#put}): when another
 * replica or a timer wrote the target's entry since it was read, the decision is taken again on the fresh entry, so
 * a status is counted once whichever replica sees it. Thread safe.
 */
public final class Remediator {

    private static final Logger log = LoggerFactory.getLogger(Remediator.class);

    private final PlaybookLibrary library;
    private final Decider decider;
    private final Ledger ledger;
    private final DecisionState state;
    private final KeyedLock keyed;
    private final Approvals approvals;
    private final DecisionCarrier carrier;
    private final Ladders ladders;
    private final Reverts reverts;
    private final RemediationReporter reporter;

    Remediator(PlaybookLibrary library, Decider decider, Ledger ledger, DecisionState state, KeyedLock keyed,
            Approvals approvals, DecisionCarrier carrier, Ladders ladders, Reverts reverts,
            RemediationReporter reporter) {
        this.library = library;
        this.decider = decider;
        this.ledger = ledger;
        this.state = state;
        this.keyed = keyed;
        this.approvals = approvals;
        this.carrier = carrier;
        this.ladders = ladders;
        this.reverts = reverts;
        this.reporter = reporter;
    }

    /**
     * Handles one alert occurrence: decides, then plans, refuses, skips, asks for approval or acts. A RESOLVED alert
     * also ends what it started while firing (approvals waiting, a failover, changes with a way back), except the ways
     * back that an active maintenance window without automation covers: they are SKIPPED {@code maintenance}, and
     * their records stay, so the Service stays switched (the HPA patched, the workload isolated) until the alert's
     * next resolution after the window (or a change by hand). Each playbook that takes part in the alert
     * ({@code continue: true}) is decided and acted on in turn, with its own ledger entry, guards and events. Safe to
     * call again with the same occurrence (a redelivered record): the second call does nothing, for every playbook.
     *
     * @throws RuntimeException when the ledger or the event topic cannot be written; the caller retries the record
     */
    public void handle(AlertEvent alert) {
        handle(alert, false);
    }

    /**
     * Catches this replica's ledger up with every replica, once for the alerts of a poll that
     * {@link #handleCaughtUp} then decides: one round trip for the poll instead of one per alert.
     *
     * @throws RuntimeException when the ledger cannot be read to its end in time
     */
    public void catchUp() {
        ledger.sync();
    }

    /**
     * As {@link #handle}, but each decision first reads the ledger as the last {@link #catchUp()} left it (with every
     * write of this replica since), without a sync of its own: the occurrence write is conditional on what was read,
     * so a decision that missed a write another replica made since loses it, and is taken again after a sync on the
     * fresh entry. Same outcomes as {@link #handle}; a write of another replica within the poll costs a refused write.
     */
    public void handleCaughtUp(AlertEvent alert) {
        handle(alert, true);
    }

    private void handle(AlertEvent alert, boolean caughtUp) {
        for (Matched matched : decider.matchAll(library.current(), alert)) {
            handle(matched, caughtUp);
        }
    }

    /** One playbook's part in the occurrence (several with {@code continue: true}), decided and acted on its own. */
    private void handle(Matched matched, boolean caughtUp) {
        AlertEvent alert = matched.alert();
        if (matched.acting() == null && matched.counterpart() == null) {
            log.debug("no playbook for alert {} ({})", alert.name(), alert.fingerprint());
            return;
        }
        if (matched.separateRecovery()) {
            inLogContext(matched.counterpart(), alert, () -> keyed.run(matched.recoveryKey(),
                    () -> decidedAgainOnConflict(caughtUp, synced -> recover(matched, synced))));
        }
        if (matched.acting() != null) {
            inLogContext(matched.acting(), alert, () -> keyed.run(matched.actingKey(),
                    () -> decidedAgainOnConflict(caughtUp, synced -> decideAndAct(matched, synced))));
        }
    }

    /**
     * Runs {@code decision}; when its occurrence write lost to another writer (another replica observed an alert of
     * the target, a timer moved it), nothing was done or told yet, so it decides again on the fresh entry, up to
     * {@link Ledger#UPDATE_ATTEMPTS} times, rather than letting the record go back to the listener's retries (whose
     * end is the dead-letter topic). Every status therefore counts once, whichever replica sees it. The decision gets
     * whether the ledger is caught up already ({@code caughtUp}, for the first attempt only): otherwise it syncs.
     */
    private void decidedAgainOnConflict(boolean caughtUp, Consumer<Boolean> decision) {
        for (int attempt = 1;; attempt++) {
            try {
                decision.accept(caughtUp && attempt == 1);
                return;
            } catch (OccurrenceConflict e) {
                if (attempt >= Ledger.UPDATE_ATTEMPTS) {
                    throw e.conflict;
                }
                log.info("the target's ledger entry changed while the alert was decided: decided again ({})",
                        e.conflict.getMessage());
            }
        }
    }

    /** The occurrence's write, the first change a decision makes; a conflict there means: decide again. */
    private void writeOccurrence(Runnable write) {
        try {
            write.run();
        } catch (LedgerConflictException e) {
            throw new OccurrenceConflict(e);
        }
    }

    /** The occurrence write lost: nothing was done yet. */
    private static final class OccurrenceConflict extends RuntimeException {
        private final LedgerConflictException conflict;

        OccurrenceConflict(LedgerConflictException conflict) {
            super(conflict.getMessage(), conflict, false, false);
            this.conflict = conflict;
        }
    }

    /** A resolution bookkept in the entry of its firing counterpart, apart from any playbook acting on it. */
    private void recover(Matched matched, boolean synced) {
        AlertEvent alert = matched.alert();
        if (!synced) {
            ledger.sync();
        }
        LedgerEntry entry = ledger.get(matched.recoveryKey());
        if (entry.handled(matched.occurrenceId())) {
            if (matched.acting() == null) {
                duplicate(alert);
            }
            return;
        }
        Recovery recovery = decider.recovery(matched, entry);
        Optional<Verdict> held = revertHeld(recovery, alert);
        writeOccurrence(() -> ledger.put(ladders.written(decider.observe(entry, matched,
                held.isPresent() ? recovery.keepingWaysBack() : recovery), alert)));
        approvals.cancel(recovery, entry);
        revert(recovery, alert, held);
    }

    private void decideAndAct(Matched matched, boolean synced) {
        AlertEvent alert = matched.alert();
        if (!synced) {
            ledger.sync();
        }
        LedgerEntry entry = ledger.get(matched.actingKey());
        if (entry.handled(matched.occurrenceId())) {
            duplicate(alert);
            return;
        }
        Recovery recovery = matched.separateRecovery() ? null : decider.recovery(matched, entry);
        Optional<Verdict> held = revertHeld(recovery, alert);
        LedgerEntry seen = decider.observe(entry, matched, held.isPresent() ? recovery.keepingWaysBack() : recovery);
        // a FIRING occurrence makes the changes of its alert its own again: their next resolution undoes them
        LedgerEntry observed = alert.status() == AlertStatus.FIRING
                ? Reverts.firingAgain(seen, alert, seen.updatedAt()) : seen;
        Matched acting;
        switch (ladders.onFiring(matched, observed)) {
            case Ladders.Move.Run run -> acting = run.matched();
            case Ladders.Move.Wait wait -> {
                log.info("alert {} fires again while step {} of its ladder is {}: nothing more now",
                        alert.fingerprint(), wait.ladder().step(), wait.ladder().state());
                writeOccurrence(() -> ledger.put(ladders.written(observed, alert)));
                return;
            }
            case Ladders.Move.End end -> {
                writeOccurrence(() -> ledger.put(ladders.written(observed, alert)));
                ladders.end(matched.actingKey(), end.ladder());
                return;
            }
        }
        Decision decision = decider.decide(acting, observed, recovery, state);
        Plan plan = acting.acting();
        reporter.inStep(plan == null ? null : LadderStep.number(plan.playbook()), () -> {
            if (decision instanceof Decision.NeedsApproval needsApproval) {
                writeOccurrence(() -> approvals.request(needsApproval, ladders.written(observed, alert)));
            } else {
                writeOccurrence(() -> ledger.put(ladders.written(observed, alert)));
            }
            if (recovery != null) {
                approvals.cancel(recovery, entry);
                revert(recovery, alert, held);
            }
            carrier.carryOut(decision);
            ladders.afterDecision(decision, matched.actingKey());
        });
    }

    /**
     * The maintenance verdict that holds back the ways back of {@code recovery} (null: none): an active window without
     * automation covers the alert and the target; empty when there is nothing to undo or no window.
     */
    private Optional<Verdict> revertHeld(Recovery recovery, AlertEvent alert) {
        if (recovery == null || !recovery.hasWaysBack() || !(recovery.plan() instanceof Plan.Planned planned)) {
            return Optional.empty();
        }
        return decider.maintenance(alert, planned, state);
    }

    /** Takes the ways back {@code recovery} ends, or reports them SKIPPED when a window holds them back. */
    private void revert(Recovery recovery, AlertEvent alert, Optional<Verdict> held) {
        if (held.isPresent()) {
            reverts.hold(recovery, alert, held.get());
        } else {
            reverts.revert(recovery, alert);
        }
    }

    private void duplicate(AlertEvent alert) {
        log.info("alert occurrence {} was handled already; the redelivered record is left alone", alert.eventId());
        reporter.duplicate();
    }

    private static void inLogContext(Plan plan, AlertEvent alert, Runnable work) {
        try (var ignored = RemediationReporter.logContext(alert, plan.playbook(), plan.target())) {
            work.run();
        }
    }
}
