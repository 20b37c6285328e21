package io.alertpilot.remediation.run;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.Target;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.decide.Checked;
import io.alertpilot.remediation.decide.Decider;
import io.alertpilot.remediation.decide.Decision;
import io.alertpilot.remediation.decide.DecisionState;
import io.alertpilot.remediation.decide.LedgerKey;
import io.alertpilot.remediation.decide.Recovery;
import io.alertpilot.remediation.guard.GuardCheckUnavailableException;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.LedgerEntry.LadderState;
import io.alertpilot.remediation.guard.LedgerEntry.PendingApproval;
import io.alertpilot.remediation.guard.TargetLocks;
import io.alertpilot.remediation.guard.TargetLocks.TargetLock;
import io.alertpilot.remediation.guard.Verdict;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import io.alertpilot.support.concurrent.KeyedLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Remediations that wait for a human: asks (PLANNED, then PENDING_APPROVAL, the request kept in the shared ledger so
 * any replica can answer), approves (runs the plan now; the guards are checked again), rejects (SKIPPED
 * {@code rejected}), cancels when the alert resolves (SKIPPED {@code resolved}) and expires (SKIPPED
 * {@code approval-timeout}, so the notifier escalates). A ladder step waits as its ladder's state: the approval
 * releases that step, and a rejection, expiry or maintenance hold ends the ladder. Thread safe.
 */
public final class Approvals {

    private static final Logger log = LoggerFactory.getLogger(Approvals.class);
    /** How long an answer or the expiry holds the target lock at most (a replica that dies holding it). */
    private static final Duration ANSWER_LOCK_TTL = Duration.ofSeconds(30);

    private final PlaybookLibrary library;
    private final Decider decider;
    private final Ledger ledger;
    private final TargetLocks locks;
    private final KeyedLock keyed;
    private final Execution execution;
    private final RemediationReporter reporter;
    private final DecisionState state;
    private final Clock clock;
    private final LadderLedger ladders;

    Approvals(PlaybookLibrary library, Decider decider, Ledger ledger, TargetLocks locks, KeyedLock keyed,
            Execution execution, RemediationReporter reporter, DecisionState state, Clock clock,
            LadderLedger ladders) {
        this.ladders = ladders;
        this.state = state;
        this.library = library;
        this.decider = decider;
        this.ledger = ledger;
        this.locks = locks;
        this.keyed = keyed;
        this.execution = execution;
        this.reporter = reporter;
        this.clock = clock;
    }

    /**
     * Stores the request of {@code decision} in {@code entry} (the observed entry of its key) and reports it; a ladder
     * step's request is also the ladder's state ({@code AWAITING_APPROVAL} at its step), so any replica approves the
     * right step.
     */
    void request(Decision.NeedsApproval decision, LedgerEntry entry) {
        Checked checked = decision.checked();
        Plan.Planned planned = checked.plan();
        AlertEvent alert = checked.alert();
        String id = RemediationReporter.newId();
        Instant now = clock.instant();
        Integer step = LadderStep.number(planned.playbook());
        PendingApproval pending = new PendingApproval(id, planned.playbook().name(), alert, 0, now,
                now.plus(decision.timeout()), step);
        LedgerEntry asked = entry.withPending(list -> {
            list.add(pending);
            return list;
        }, now);
        if (step != null) {
            asked = asked.withLadder(new LadderState(alert.fingerprint(), planned.playbook().name(), step,
                    LadderLedger.AWAITING_APPROVAL, now, pending.deadline(), id, alert), now);
        }
        ledger.put(asked);
        Action first = planned.actions().getFirst();
        reporter.emit(id, alert, planned.playbook().name(), first, planned.target(), RemediationPhase.PLANNED, null,
                "would " + first.type().yamlName() + " " + RemediationReporter.describe(planned.target()), false);
        reporter.emit(id, alert, planned.playbook().name(), first.type().yamlName(), first.parameters(),
                planned.target(), RemediationPhase.PENDING_APPROVAL, "approval", why(planned, first, alert, id,
                        pending.deadline()), false, pending.deadline());
    }

    /** What would run on which target and why, and how to answer: the PENDING_APPROVAL event's message. */
    private static String why(Plan.Planned planned, Action first, AlertEvent alert, String id, Instant deadline) {
        String summary = alert.summary() == null || alert.summary().isBlank() ? "" : ": " + alert.summary();
        return "playbook " + planned.playbook().name() + " needs approval to " + first.type().yamlName() + " "
                + RemediationReporter.describe(planned.target()) + " for " + alert.name() + summary
                + "; POST /api/v1/remediations/" + id + "/approve (or /reject) before " + deadline;
    }

    /**
     * The remediation {@code remediationId} while it waits for approval, read from the shared ledger (so any replica
     * answers alike): what would run, as the playbook plans it now, on which target, for which alert, until when.
     *
     * @return empty when it does not wait (unknown, decided or expired)
     */
    public Optional<Waiting> waiting(String remediationId) {
        ledger.sync();
        for (LedgerEntry entry : ledger.all()) {
            PendingApproval pending = entry.pending(remediationId);
            if (pending != null) {
                return Optional.of(waiting(entry.targetKey(), pending));
            }
        }
        return Optional.empty();
    }

    private Waiting waiting(String key, PendingApproval pending) {
        AlertEvent alert = pending.alert();
        Optional<Plan> plan = ladders.replan(ledger.get(key), pending);
        ResolvedTarget target = plan.map(Plan::target).orElse(LedgerKey.target(key));
        Action first = plan.filter(Plan.Planned.class::isInstance)
                .map(p -> ((Plan.Planned) p).actions().getFirst()).orElse(null);
        return new Waiting(pending.remediationId(), pending.playbook(),
                first == null ? firstAction(pending.playbook(), null) : first.type().yamlName(),
                first == null ? Map.of() : first.parameters(), target.toTarget(alert.target()), alert,
                pending.requestedAt(), pending.deadline());
    }

    /**
     * A remediation waiting for a human, as the ledger holds it.
     *
     * @param action the first action the approval releases, {@code none} when the playbook is gone
     * @param parameters that action's parameters as the playbook substitutes them now
     */
    public record Waiting(String remediationId, String playbook, String action, Map<String, String> parameters,
            Target target, AlertEvent alert, Instant requestedAt, Instant deadline) {
    }

    /** Reports the approvals a resolution cancels (SKIPPED {@code resolved}); the caller writes the ledger. */
    void cancel(Recovery recovery, LedgerEntry entry) {
        ResolvedTarget target = recovery.plan().target();
        for (PendingApproval p : recovery.cancels()) {
            Integer step = LadderLedger.step(entry, p);
            reporter.inStep(step, () -> reporter.emit(p.remediationId(), p.alert(), p.playbook(),
                    firstAction(p.playbook(), step), Map.of(), target, RemediationPhase.SKIPPED, "resolved",
                    "the alert resolved before the action was approved", false));
        }
    }

    /**
     * Approves a pending remediation and runs it now (guards are checked again).
     *
     * @return the remediation's id when it was pending, else empty
     */
    public Optional<String> approve(String remediationId, String by) {
        return answer(remediationId, by, true);
    }

    /** Rejects a pending remediation: SKIPPED {@code rejected}. */
    public Optional<String> reject(String remediationId, String by) {
        return answer(remediationId, by, false);
    }

    /**
     * Takes the pending request out of the ledger under the target's cluster-wide lock (as {@link #expire()} does),
     * after the ledger caught up with every replica, so an approve and a reject, an approve given on two replicas, or
     * an approve and the expiry, never both take it; then carries out the answer.
     *
     * @throws GuardCheckUnavailableException ({@code lock-unavailable}) when the target is locked by someone else or
     *     the lock store cannot be reached: nothing changed, the remediation still waits and can be answered again
     */
    private Optional<String> answer(String remediationId, String by, boolean approved) {
        ledger.sync();
        Optional<LedgerEntry> holder = ledger.all().stream().filter(e -> e.pending(remediationId) != null).findFirst();
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        String key = holder.get().targetKey();
        Optional<PendingApproval> taken;
        try (TargetLock held = lockForAnswer(key, remediationId)) {
            taken = keyed.call(key, () -> {
                // taken only by the write that took it out (a conditional write: an observe meanwhile is retried)
                List<PendingApproval> found = new ArrayList<>(1);
                ledger.update(key, entry -> {
                    found.clear();
                    PendingApproval pending = entry.pending(remediationId);
                    if (pending == null) {
                        return entry;
                    }
                    found.add(pending);
                    return entry.withPending(list -> {
                        list.removeIf(p -> p.remediationId().equals(remediationId));
                        return list;
                    }, clock.instant());
                });
                return found.stream().findFirst();
            });
        }
        if (taken.isEmpty()) {
            return Optional.empty();
        }
        // the lock is released first: an approved plan takes it again to run
        keyed.run(key, () -> reporter.decided(by, approved, () -> answered(key, taken.get(), by, approved)));
        return Optional.of(remediationId);
    }

    private TargetLock lockForAnswer(String key, String remediationId) {
        return locks.tryLock(key, ANSWER_LOCK_TTL).orElseThrow(() -> new GuardCheckUnavailableException(
                "lock-unavailable", "the target of remediation " + remediationId + " is locked ("
                        + locks.holder(key).orElse("by another replica") + "): nothing was decided, it still waits; "
                        + "answer again in a moment", null));
    }

    private void answered(String key, PendingApproval pending, String by, boolean approved) {
        LedgerEntry entry = ledger.get(key);
        reporter.inStep(LadderLedger.step(entry, pending), () -> answered(key, entry, pending, by, approved));
    }

    private void answered(String key, LedgerEntry entry, PendingApproval pending, String by, boolean approved) {
        String id = pending.remediationId();
        AlertEvent alert = pending.alert();
        Optional<Plan> plan = ladders.replan(entry, pending);
        if (!approved || plan.isEmpty() || !(plan.get() instanceof Plan.Planned)) {
            ladders.end(key, alert.fingerprint(), pending.playbook());
        }
        if (plan.isEmpty()) {
            reporter.emit(id, alert, pending.playbook(), "none", Map.of(), LedgerKey.target(key),
                    RemediationPhase.FAILED, "playbook-removed", "the playbook is no longer loaded", false);
            return;
        }
        if (!(plan.get() instanceof Plan.Planned planned)) {
            Plan.Refused refused = (Plan.Refused) plan.get();
            reporter.emit(id, alert, pending.playbook(), "none", Map.of(), refused.target(), RemediationPhase.FAILED,
                    refused.reason(), refused.message(), false);
            return;
        }
        Playbook playbook = planned.playbook();
        Checked checked = new Checked(alert, planned, key, decider.settings(playbook), false, List.of());
        try (var ignored = RemediationReporter.logContext(alert, playbook, planned.target())) {
            Optional<Verdict> window = approved ? decider.maintenance(alert, planned, state) : Optional.empty();
            if (window.isPresent()) {
                log.info("remediation {} approved by {} but held back by a maintenance window", id, by);
                reporter.skipAll(planned, alert, 0, Decider.MAINTENANCE, window.get().message() + "; approved by "
                        + by + ", not run", id, false);
                ladders.end(key, alert.fingerprint(), pending.playbook());
            } else if (approved) {
                log.info("remediation {} approved by {}", id, by);
                execution.execute(checked, id);
            } else {
                log.info("remediation {} rejected by {}", id, by);
                reporter.skipAll(planned, alert, 0, "rejected", "rejected by " + by, id, false);
            }
        }
    }

    /** Skips approvals whose time ran out ({@code approval-timeout}), so the notifier escalates. */
    public void expire() {
        ledger.sync();
        Instant now = clock.instant();
        for (LedgerEntry candidate : ledger.all()) {
            if (candidate.pending().stream().anyMatch(p -> !p.deadline().isAfter(now))) {
                expire(candidate.targetKey(), now);
            }
        }
    }

    private void expire(String key, Instant now) {
        Optional<TargetLock> lock = locks.tryLockForCheck(key, ANSWER_LOCK_TTL);
        if (lock.isEmpty()) {
            return;
        }
        try (TargetLock held = lock.get()) {
            keyed.run(key, () -> {
                // the expired are those the accepted write took out (an observe meanwhile is retried)
                List<PendingApproval> expired = new ArrayList<>();
                LedgerEntry entry = ledger.update(key, read -> {
                    expired.clear();
                    read.pending().stream().filter(p -> !p.deadline().isAfter(now)).forEach(expired::add);
                    return expired.isEmpty() ? read : read.withPending(list -> {
                        list.removeAll(expired);
                        return list;
                    }, now);
                });
                if (expired.isEmpty()) {
                    return;
                }
                for (PendingApproval p : expired) {
                    Integer step = LadderLedger.step(entry, p);
                    reporter.inStep(step, () -> reporter.emit(p.remediationId(), p.alert(), p.playbook(),
                            firstAction(p.playbook(), step), Map.of(), LedgerKey.target(key),
                            RemediationPhase.SKIPPED, "approval-timeout",
                            "nobody approved before " + p.deadline() + ": escalated", false));
                    ladders.end(key, p.alert().fingerprint(), p.playbook());
                }
            });
        }
    }

    /** The first action of the playbook, or of its ladder step {@code step} (null: none); {@code none} when gone. */
    private String firstAction(String playbookName, Integer step) {
        return library.current().named(playbookName)
                .map(p -> step == null || step > p.steps().size() ? p.actions() : p.steps().get(step - 1).actions())
                .map(actions -> actions.getFirst().type().yamlName()).orElse("none");
    }
}
