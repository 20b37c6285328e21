package io.alertpilot.remediation.run;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionExecutor;
import io.alertpilot.remediation.action.ActionExecutor.Effect;
import io.alertpilot.remediation.action.ActionExecutor.ExecutionContext;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.decide.Decider;
import io.alertpilot.remediation.decide.LedgerKey;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.LedgerEntry.ActionIntent;
import io.alertpilot.remediation.guard.TargetLocks;
import io.alertpilot.remediation.guard.TargetLocks.TargetLock;
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
 * Resumes actions whose intent was written but whose done was not (the replica that started them died between the
 * two): on every replica, on a timer, for each intent pending longer than {@link #GRACE}, takes the target's lock
 * for a check (a live owner holds it during its action and verification; a dead one's expires after its time to
 * live), reads the ledger again, plans the alert again with the playbooks in force and asks the executor whether
 * the action took effect on its target. Took effect: recorded done, SUCCEEDED "found done on the target after a
 * restart", verified as usual. Not taken, and the target's alert resolved after the intent (the resume may come up
 * to the lock's time to live later): recorded done, SKIPPED {@code interrupted}, nothing done. Not taken: carried out with the same action id and decided time (STARTED, SUCCEEDED
 * or FAILED), recorded done, verified. Cannot be told, or the plan is no longer the same action: FAILED
 * {@code intent-unconfirmed} (a human is paged) and recorded done, so it is never carried out twice. The plan's
 * later actions are SKIPPED {@code interrupted}. Thread safe.
 */
public final class IntentRecovery {

    private static final Logger log = LoggerFactory.getLogger(IntentRecovery.class);
    /** How old a pending intent must be before it is resumed (a live owner writes its done within the call). */
    static final Duration GRACE = Duration.ofSeconds(5);
    /** The reason of an interrupted action that cannot be told done or not. */
    public static final String INTENT_UNCONFIRMED = "intent-unconfirmed";
    /** The reason of the actions after an interrupted one. */
    public static final String INTERRUPTED = "interrupted";
    /** The SUCCEEDED message of an action found done on its target. */
    public static final String FOUND_DONE = "found done on the target after a restart";
    private static final String RESOLVED = AlertStatus.RESOLVED.name();

    private final PlaybookLibrary library;
    private final Decider decider;
    private final LadderLedger ladders;
    private final IntentLedger intents;
    private final TargetLocks locks;
    private final KeyedLock keyed;
    private final ActionExecutor executor;
    private final Verifier verifier;
    private final Reverts reverts;
    private final RemediationReporter reporter;
    private final RemediationSettings settings;
    private final Clock clock;

    IntentRecovery(PlaybookLibrary library, Decider decider, LadderLedger ladders, IntentLedger intents,
            TargetLocks locks, KeyedLock keyed, ActionExecutor executor, Verifier verifier, Reverts reverts,
            RemediationReporter reporter, RemediationSettings settings, Clock clock) {
        this.library = library;
        this.decider = decider;
        this.ladders = ladders;
        this.intents = intents;
        this.locks = locks;
        this.keyed = keyed;
        this.executor = executor;
        this.verifier = verifier;
        this.reverts = reverts;
        this.reporter = reporter;
        this.settings = settings;
        this.clock = clock;
    }

    /** Resumes every intent pending longer than {@link #GRACE} whose target lock can be had now. */
    public void resume() {
        Instant before = clock.instant().minus(GRACE);
        for (LedgerEntry entry : intents.all()) {
            if (entry.pendingIntents().stream().anyMatch(i -> i.at().isBefore(before))) {
                try {
                    resume(entry.targetKey(), before);
                } catch (RuntimeException e) {
                    // one target that cannot be resumed now must not hold back the others; it is tried next tick
                    log.warn("the resume of the interrupted actions on {} failed; tried again on the next tick",
                            entry.targetKey(), e);
                }
            }
        }
    }

    private void resume(String key, Instant before) {
        Optional<TargetLock> lock = locks.tryLockForCheck(key, settings.lockTtl());
        if (lock.isEmpty()) {
            return;
        }
        List<Verifier.Check> checks = new ArrayList<>();
        try {
            keyed.run(key, () -> {
                for (ActionIntent intent : intents.read(key).pendingIntents()) {
                    if (intent.at().isBefore(before)) {
                        reporter.inStep(intent.step(), () -> resumeOne(key, intent, checks));
                    }
                }
            });
        } finally {
            verifier.verifyAll(checks, lock.get());
        }
    }

    private void resumeOne(String key, ActionIntent intent, List<Verifier.Check> checks) {
        AlertEvent alert = intent.alert();
        Optional<Plan> replanned = intent.step() != null ? ladders.plan(intent.playbook(), intent.step(), alert)
                : decider.replan(library.current(), intent.playbook(), alert);
        Plan.Planned planned = replanned.filter(Plan.Planned.class::isInstance).map(Plan.Planned.class::cast)
                .filter(p -> sameAction(p, intent)).orElse(null);
        if (planned == null) {
            unconfirmed(key, intent, replanned.map(Plan::target).orElse(LedgerKey.target(key)),
                    "the playbook no longer plans this action the same way");
            return;
        }
        ResolvedTarget target = planned.target();
        Action action = planned.actions().get(intent.index());
        ExecutionContext context = new ExecutionContext(intent.actionId(), Json.writeString(alert), null, intent.at());
        Effect effect = executor.tookEffect(target, action, context);
        log.info("action {} ({}) was interrupted before its done was written; on the target: {}", intent.actionId(),
                intent.action(), effect);
        switch (effect) {
            case TOOK_EFFECT -> {
                if (!intents.done(key, intent.actionId())) {
                    return; // still pending: the next tick finds it done again and reports it then, once
                }
                ActionResult.Done done = new ActionResult.Done(FOUND_DONE, Map.of());
                reporter.succeeded(intent.actionId(), alert, intent.playbook(), action, target, done);
                checks.add(check(intent, planned, action, done));
            }
            case NOT_TAKEN -> {
                Instant resolvedAt = resolvedSince(intents.read(key), intent.at());
                if (resolvedAt == null) {
                    carryOut(key, intent, planned, action, context, checks);
                } else if (!resolvedMeanwhile(key, intent, planned, action, resolvedAt)) {
                    return;
                }
            }
            case UNKNOWN -> {
                if (!unconfirmed(key, intent, target, "whether " + intent.action() + " took effect on "
                        + RemediationReporter.describe(target) + " cannot be told; it is not carried out again")) {
                    return;
                }
            }
        }
        reporter.skipAll(planned, alert, intent.index() + 1, INTERRUPTED, "the remediation was interrupted (its "
                + "replica stopped) at action " + intent.actionId() + "; the rest is not run", null, false);
    }

    private void carryOut(String key, ActionIntent intent, Plan.Planned planned, Action action,
            ExecutionContext context, List<Verifier.Check> checks) {
        AlertEvent alert = intent.alert();
        ResolvedTarget target = planned.target();
        reporter.emit(intent.actionId(), alert, intent.playbook(), action, target, RemediationPhase.STARTED, null,
                intent.action() + " " + RemediationReporter.describe(target) + " (again after a restart)", false);
        ActionResult result = executor.execute(target, action, context);
        intents.done(key, intent.actionId());
        switch (result) {
            case ActionResult.Done done -> {
                reporter.succeeded(intent.actionId(), alert, intent.playbook(), action, target, done);
                reverts.remember(key, alert, intent.playbook(), action, done);
                checks.add(check(intent, planned, action, done));
            }
            case ActionResult.Failed failed -> reporter.emit(intent.actionId(), alert, intent.playbook(), action,
                    target, RemediationPhase.FAILED, failed.reason(), failed.message(), false);
            case ActionResult.Skipped skipped -> reporter.emit(intent.actionId(), alert, intent.playbook(), action,
                    target, RemediationPhase.SKIPPED, skipped.reason(), skipped.message(), false);
            case ActionResult.CircuitOpen open -> reporter.emit(intent.actionId(), alert, intent.playbook(), action,
                    target, RemediationPhase.SKIPPED, "circuit-open", "the circuit breaker of cluster "
                            + open.cluster() + " is open: nothing was sent", false);
        }
    }

    /**
     * When the target's alert resolved after {@code at} (its entry's last status RESOLVED, its last transition
     * after the intent), that transition's time; otherwise null. A resume may come up to the lock's time to live after
     * the intent: an action no longer needed is then not carried out.
     */
    private static Instant resolvedSince(LedgerEntry entry, Instant at) {
        if (!RESOLVED.equals(entry.lastStatus()) || entry.transitions().isEmpty()) {
            return null;
        }
        Instant last = entry.transitions().getLast();
        return last.isAfter(at) ? last : null;
    }

    /** SKIPPED {@code interrupted}, nothing done, once recorded done; false when the done could not be recorded. */
    private boolean resolvedMeanwhile(String key, ActionIntent intent, Plan.Planned planned, Action action,
            Instant resolvedAt) {
        if (!intents.done(key, intent.actionId())) {
            return false;
        }
        reporter.emit(intent.actionId(), intent.alert(), intent.playbook(), action, planned.target(),
                RemediationPhase.SKIPPED, INTERRUPTED, "action " + intent.actionId() + " was interrupted before its "
                        + "call and the alert resolved meanwhile (at " + resolvedAt + "): nothing was done", false);
        return true;
    }

    /**
     * FAILED {@code intent-unconfirmed}, recorded done first so that it is never carried out (nor asked about) again;
     * false, and nothing reported, when the done could not be recorded (the next tick tries again, so the page is sent
     * once).
     */
    private boolean unconfirmed(String key, ActionIntent intent, ResolvedTarget target, String why) {
        if (!intents.done(key, intent.actionId())) {
            return false;
        }
        reporter.emit(intent.actionId(), intent.alert(), intent.playbook(), intent.action(), intent.parameters(),
                target, RemediationPhase.FAILED, INTENT_UNCONFIRMED, "action " + intent.actionId() + " was "
                        + "interrupted between its intent and its done: " + why + "; look at the target", false);
        return true;
    }

    private Verifier.Check check(ActionIntent intent, Plan.Planned planned, Action action, ActionResult.Done done) {
        Duration timeout = settings.verifyTimeout(planned.playbook());
        Instant now = clock.instant();
        return new Verifier.Check(intent.actionId(), intent.alert(), intent.playbook(), planned.target(), action, done,
                now, now.plus(timeout));
    }

    /** True when {@code planned}'s action at the intent's index is the same type with the same parameters. */
    private static boolean sameAction(Plan.Planned planned, ActionIntent intent) {
        if (intent.index() >= planned.actions().size()) {
            return false;
        }
        Action action = planned.actions().get(intent.index());
        return action.type().yamlName().equals(intent.action()) && action.parameters().equals(intent.parameters());
    }
}
