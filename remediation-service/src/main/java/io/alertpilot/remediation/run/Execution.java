package io.alertpilot.remediation.run;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionExecutor;
import io.alertpilot.remediation.action.ActionExecutor.ExecutionContext;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.decide.Checked;
import io.alertpilot.remediation.decide.Decider;
import io.alertpilot.remediation.guard.GuardCheckUnavailableException;
import io.alertpilot.remediation.guard.Guards;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerConflictException;
import io.alertpilot.remediation.guard.LedgerEntry.ActionIntent;
import io.alertpilot.remediation.guard.TargetInspector;
import io.alertpilot.remediation.guard.TargetLocks;
import io.alertpilot.remediation.guard.TargetLocks.TargetLock;
import io.alertpilot.remediation.guard.Verdict;
import io.alertpilot.remediation.playbook.ActionType;
import io.alertpilot.remediation.playbook.Step;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Carries out a checked plan: takes the target lock, checks the ledger guards again on the synced ledger, then runs
 * the actions in order, each after its blast-radius guards, and hands what succeeded to the {@link Verifier}, which
 * releases the lock. The first action that starts takes the plan's permit of the global rate limit (counted across
 * replicas; refused with {@code rate-limit}, or with the cause when the count cannot be had in time). An escalation
 * alone takes no lock, breaker or permit. An unexpected error ends as FAILED {@code internal-error}: the occurrence is
 * already recorded as handled, so a human must hear of it. A ladder step is recorded RUNNING in the ledger when its
 * first action starts; its events carry the step; when its actions ran and were verified, it holds for the alert to
 * clear ({@link LadderLedger}); a step that fails or is skipped ends its ladder. Callers hold the key's
 * {@code KeyedLock}. Thread safe.
 */
final class Execution {

    private static final Logger log = LoggerFactory.getLogger(Execution.class);
    /** The reason of the actions not run because the target lock was found lost. */
    static final String LOCK_LOST = "lock-lost";

    private final Decider decider;
    private final Ledger ledger;
    private final TargetLocks locks;
    private final TargetInspector inspector;
    private final ActionExecutor executor;
    private final Verifier verifier;
    private final Reverts reverts;
    private final RemediationReporter reporter;
    private final RemediationSettings settings;
    private final Clock clock;
    private final LadderLedger ladders;
    private final IntentLedger intents;
    private final FaultPoint faultPoint;

    Execution(Decider decider, Ledger ledger, TargetLocks locks, TargetInspector inspector, ActionExecutor executor,
            Verifier verifier, Reverts reverts, RemediationReporter reporter, RemediationSettings settings,
            Clock clock, LadderLedger ladders, FaultPoint faultPoint) {
        this.ladders = ladders;
        this.intents = new IntentLedger(ledger, clock);
        this.faultPoint = faultPoint;
        this.decider = decider;
        this.ledger = ledger;
        this.locks = locks;
        this.inspector = inspector;
        this.executor = executor;
        this.verifier = verifier;
        this.reverts = reverts;
        this.reporter = reporter;
        this.settings = settings;
        this.clock = clock;
    }

    /**
     * Runs {@code checked} now.
     *
     * @param approvedId the id of the approved remediation (its PLANNED event was sent when it was requested), or null
     */
    void execute(Checked checked, String approvedId) {
        reporter.inStep(LadderStep.number(checked.plan().playbook()), () -> executeStep(checked, approvedId));
    }

    private void executeStep(Checked checked, String approvedId) {
        try {
            if (Decider.escalateOnly(checked.plan())) {
                escalate(checked, approvedId);
            } else {
                lockAndAct(checked, approvedId);
            }
        } catch (RuntimeException e) {
            Plan.Planned planned = checked.plan();
            log.error("remediation of {} stopped by an unexpected error",
                    RemediationReporter.describe(planned.target()), e);
            reporter.emit(approvedId != null ? approvedId : RemediationReporter.newId(), checked.alert(),
                    planned.playbook().name(), planned.actions().getFirst(), planned.target(), RemediationPhase.FAILED,
                    "internal-error", "stopped by an unexpected error (" + e.getClass().getSimpleName()
                            + "); the remediation service's log has the details", false);
            endLadder(checked);
        }
    }

    private void escalate(Checked checked, String approvedId) {
        // handing an alert to a human changes nothing anywhere: no lock, breaker or rate limit may hold it back
        for (Action action : checked.plan().actions()) {
            escalateOne(checked, action, approvedId != null ? approvedId : RemediationReporter.newId(),
                    approvedId == null);
        }
    }

    private void escalateOne(Checked checked, Action action, String id, boolean planned) {
        Plan.Planned plan = checked.plan();
        if (planned) {
            reporter.emit(id, checked.alert(), plan.playbook().name(), action, plan.target(), RemediationPhase.PLANNED,
                    null, "escalate to a human", false);
        }
        reporter.emit(id, checked.alert(), plan.playbook().name(), action, plan.target(), RemediationPhase.SKIPPED,
                "escalate", "the playbook hands this alert to a human", false);
    }

    private void lockAndAct(Checked checked, String approvedId) {
        Plan.Planned planned = checked.plan();
        String key = checked.ledgerKey();
        TargetLock lock;
        try {
            Optional<TargetLock> taken = locks.tryLock(key, settings.lockTtl());
            if (taken.isEmpty()) {
                skip(checked, 0, Guards.TARGET_LOCK, "another action on this target is in progress ("
                        + locks.holder(key).orElse("unknown holder") + ")", approvedId);
                return;
            }
            lock = taken.get();
        } catch (GuardCheckUnavailableException e) {
            skip(checked, 0, e.reason(), e.getMessage(), approvedId);
            return;
        }
        List<Verifier.Check> checks = new ArrayList<>();
        boolean complete = false;
        try {
            ledger.sync();
            Optional<Verdict> blocked = decider.recheck(checked, ledger.get(key));
            if (blocked.isPresent()) {
                skip(checked, 0, blocked.get().guard(), blocked.get().message(), approvedId);
            } else {
                complete = act(checked, approvedId, checks, lock);
            }
        } finally {
            MDC.remove("action");
            verifier.verifyAll(checks, lock, complete ? hold(checked) : null);
        }
    }

    /**
     * The hold of a ladder step whose actions all ran; null for any other plan. A step without holdFor holds once its
     * actions are verified, as a plain playbook does: its VERIFIED comes from the rollout and its ladder ends there.
     */
    private Verifier.Hold hold(Checked checked) {
        Step step = LadderStep.current(checked.plan().playbook());
        if (step == null || checked.plan().actions().stream().allMatch(a -> a.type() == ActionType.ESCALATE)) {
            return null;
        }
        String key = checked.ledgerKey();
        return new Verifier.Hold() {
            @Override
            public boolean waitsForTheAlert() {
                return step.holdFor() != null;
            }

            @Override
            public void rolloutVerified(Verifier.Check last) {
                if (step.holdFor() == null) {
                    ladders.end(key, last.alert().fingerprint(), last.playbook());
                } else {
                    ladders.rolloutVerified(key, last, step.number(), step.holdFor());
                }
            }

            @Override
            public void failed() {
                endLadder(checked);
            }
        };
    }

    /**
     * Runs the actions; true when every one ran (none was skipped or failed to start). Each action that starts writes
     * its intent first (the first one with the plan's attempt, in one write) and its done once the call answered; an
     * intent that cannot be written stops the run ({@code ledger-conflict} among others), as does a lock found lost
     * ({@code lock-lost}) before an action.
     */
    private boolean act(Checked checked, String approvedId, List<Verifier.Check> checks, TargetLock lock) {
        Plan.Planned planned = checked.plan();
        AlertEvent alert = checked.alert();
        ResolvedTarget target = planned.target();
        String playbook = planned.playbook().name();
        boolean recorded = false;
        Instant judgedBy = null; // a ladder step's: the notifier's grace for the alert runs from then
        String owner = null;
        for (int i = 0; i < planned.actions().size(); i++) {
            Action action = planned.actions().get(i);
            String id = i == 0 && approvedId != null ? approvedId : RemediationReporter.newId();
            boolean announced = approvedId != null && i == 0;
            MDC.put("action", action.type().yamlName());
            if (action.type() == ActionType.ESCALATE) {
                escalateOne(checked, action, id, !announced);
                continue;
            }
            if (!lock.held()) {
                skip(checked, i, LOCK_LOST, "the lock of the target was lost (another replica may hold it now): "
                        + "nothing more runs", i == 0 ? approvedId : null);
                return false;
            }
            Optional<Verdict> radius = decider.blastRadius(action, target, checked.settings(), inspector).stream()
                    .filter(Verdict::blocks).findFirst();
            if (radius.isPresent()) {
                skip(checked, i, radius.get().guard(), radius.get().message(), i == 0 ? approvedId : null);
                return false;
            }
            if (!recorded) {
                // the permit is taken by an action that starts now, after every guard that could hold it back
                Verdict permit = decider.takeRatePermit(false);
                if (permit.blocks()) {
                    skip(checked, i, permit.guard(), permit.message(), i == 0 ? approvedId : null);
                    return false;
                }
            }
            Instant at = clock.instant();
            ActionIntent intent = null;
            try {
                if (owner == null) {
                    owner = locks.holder(checked.ledgerKey()).orElse("unknown");
                }
                intent = new ActionIntent(id, alert.eventId(), playbook, LadderStep.number(planned.playbook()), i,
                        action.type().yamlName(), action.parameters(), alert, at, owner, null);
                intents.begin(checked.ledgerKey(), intent, !recorded);
            } catch (GuardCheckUnavailableException e) {
                // a conflict wrote nothing; any other failure may still land later, so the intent is recorded done
                boolean settled = intent == null || e instanceof LedgerConflictException
                        || intents.abandon(checked.ledgerKey(), intent);
                skip(checked, i, e.reason(), "the action's intent could not be written to the ledger ("
                        + e.getMessage() + "): it did not run" + (settled ? "" : "; whether its intent was recorded is "
                                + "unknown (a late write would have it carried out after a restart): check the target"),
                        i == 0 ? approvedId : null);
                return false;
            }
            faultPoint.pass(FaultPoint.AFTER_INTENT, id);
            if (!recorded) {
                recorded = true;
                if (LadderStep.isLadder(planned.playbook())) {
                    judgedBy = ladders.running(checked.ledgerKey(), alert, planned.playbook(), ladderBound(planned));
                }
            }
            if (!announced) {
                reporter.emit(id, alert, playbook, action.type().yamlName(), action.parameters(), target,
                        RemediationPhase.PLANNED, null,
                        "will " + action.type().yamlName() + " " + RemediationReporter.describe(target), false,
                        judgedBy);
            }
            reporter.emit(id, alert, playbook, action.type().yamlName(), action.parameters(), target,
                    RemediationPhase.STARTED, null, action.type().yamlName() + " " + RemediationReporter.describe(target),
                    false, judgedBy);
            Instant started = clock.instant();
            ActionResult result = executor.execute(target, action,
                    new ExecutionContext(id, Json.writeString(alert), null, at));
            faultPoint.pass(FaultPoint.AFTER_CALL, id);
            intents.done(checked.ledgerKey(), id);
            if (!(result instanceof ActionResult.Done done)) {
                stopped(checked, i, id, action, result, started);
                return false;
            }
            reporter.succeeded(id, alert, playbook, action, target, done);
            reverts.remember(checked.ledgerKey(), alert, playbook, action, done);
            Duration timeout = settings.verifyTimeout(planned.playbook());
            checks.add(new Verifier.Check(id, alert, playbook, target, action, done, started, started.plus(timeout)));
        }
        return true;
    }

    /** How long a ladder step may run before any replica judges it still firing: its verifications and holdFor. */
    private Duration ladderBound(Plan.Planned planned) {
        Duration verify = settings.verifyTimeout(planned.playbook());
        Step step = LadderStep.current(planned.playbook());
        Duration holdFor = step.holdFor() == null ? Duration.ZERO : step.holdFor();
        return verify.multipliedBy(planned.actions().size()).plus(holdFor).plus(settings.lockTtl());
    }

    /** A ladder step that failed or was skipped ends its ladder (the event reaches a human). */
    private void endLadder(Checked checked) {
        if (LadderStep.isLadder(checked.plan().playbook())) {
            ladders.end(checked.ledgerKey(), checked.alert().fingerprint(), checked.plan().playbook().name());
        }
    }

    /** An action failed, was skipped or its cluster's breaker is open: it is reported, the rest is skipped. */
    private void stopped(Checked checked, int index, String id, Action action, ActionResult result, Instant started) {
        Plan.Planned planned = checked.plan();
        String playbook = planned.playbook().name();
        ActionResult.Done carriedOut = switch (result) {
            case ActionResult.Failed failed -> failed.carriedOut();
            case ActionResult.Skipped skipped -> skipped.carriedOut();
            default -> null;
        };
        if (carriedOut != null) {
            // a failover switched before its promote failed: its way back is kept (the failure still pages)
            reverts.remember(checked.ledgerKey(), checked.alert(), playbook, action, carriedOut);
        }
        switch (result) {
            case ActionResult.Failed failed -> {
                reporter.emit(id, checked.alert(), playbook, action, planned.target(), RemediationPhase.FAILED,
                        failed.reason(), failed.message(), false);
                reporter.duration(action, false, Duration.between(started, clock.instant()));
                skip(checked, index + 1, "previous-action-failed", "an earlier action failed", null);
            }
            case ActionResult.CircuitOpen open -> {
                reporter.emit(id, checked.alert(), playbook, action, planned.target(), RemediationPhase.SKIPPED,
                        "circuit-open", "the circuit breaker of cluster " + open.cluster() + " is open: nothing was sent",
                        false);
                skip(checked, index + 1, "circuit-open", "the cluster's circuit breaker is open", null);
            }
            case ActionResult.Skipped skipped -> {
                reporter.emit(id, checked.alert(), playbook, action, planned.target(), RemediationPhase.SKIPPED,
                        skipped.reason(), skipped.message(), false);
                skip(checked, index + 1, skipped.reason(), skipped.message(), null);
            }
            case ActionResult.Done done -> throw new IllegalStateException("a done action does not stop the run");
        }
    }

    private void skip(Checked checked, int from, String reason, String message, String firstId) {
        reporter.skipAll(checked.plan(), checked.alert(), from, reason, message, firstId, checked.dryRun());
        endLadder(checked);
    }
}
