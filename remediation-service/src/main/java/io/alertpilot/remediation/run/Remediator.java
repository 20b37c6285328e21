package io.alertpilot.remediation.run;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionExecutor;
import io.alertpilot.remediation.action.ActionExecutor.ExecutionContext;
import io.alertpilot.remediation.action.ActionPlanner;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.action.Verification;
import io.alertpilot.remediation.guard.GuardCheckUnavailableException;
import io.alertpilot.remediation.guard.GuardSettings;
import io.alertpilot.remediation.guard.GuardDefaults;
import io.alertpilot.remediation.guard.Guards;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.LedgerEntry.FailoverRecord;
import io.alertpilot.remediation.guard.LedgerEntry.PendingApproval;
import io.alertpilot.remediation.guard.TargetInspector;
import io.alertpilot.remediation.guard.TargetLocks;
import io.alertpilot.remediation.guard.TargetLocks.TargetLock;
import io.alertpilot.remediation.guard.Verdict;
import io.alertpilot.remediation.guard.WorkloadState;
import io.alertpilot.remediation.match.PlaybookMatcher;
import io.alertpilot.remediation.playbook.ActionType;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Turns alerts into guarded actions and tells the world every step as a {@link RemediationEvent}.
 *
 * <p>Contract: for one alert occurrence ({@code eventId}) at most one action run happens, also when the record is
 * delivered again or a second replica sees it: the occurrence is written to the target's ledger entry before anything
 * acts. Ledger guards (cooldown, attempts, flapping) are checked, then checked again under the target lock after the
 * ledger caught up with other replicas. Verification runs in the background and releases the lock at its end.
 * Thread safe.
 */
public final class Remediator {

    private static final Logger log = LoggerFactory.getLogger(Remediator.class);
    private static final int STRIPES = 64;

    private final PlaybookLibrary library;
    private final PlaybookMatcher matcher = new PlaybookMatcher();
    private final ActionPlanner planner;
    private final Guards guards;
    private final GuardDefaults guardDefaults;
    private final Ledger ledger;
    private final TargetLocks locks;
    private final TargetInspector inspector;
    private final ActionExecutor executor;
    private final EventSink sink;
    private final RecentRemediations recent;
    private final RemediationMetrics metrics;
    private final ScheduledExecutorService scheduler;
    private final RemediationSettings settings;
    private final Clock clock;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    public Remediator(PlaybookLibrary library, ActionPlanner planner, Guards guards, GuardDefaults guardDefaults,
            Ledger ledger, TargetLocks locks, TargetInspector inspector, ActionExecutor executor, EventSink sink,
            RecentRemediations recent, RemediationMetrics metrics, ScheduledExecutorService scheduler,
            RemediationSettings settings, Clock clock) {
        this.library = library;
        this.planner = planner;
        this.guards = guards;
        this.guardDefaults = guardDefaults;
        this.ledger = ledger;
        this.locks = locks;
        this.inspector = inspector;
        this.executor = executor;
        this.sink = sink;
        this.recent = recent;
        this.metrics = metrics;
        this.scheduler = scheduler;
        this.settings = settings;
        this.clock = clock;
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /** The settings in force. */
    public RemediationSettings settings() {
        return settings;
    }

    /**
     * Handles one alert occurrence: plans, guards, asks for approval or acts. Safe to call again with the same
     * occurrence (a redelivered record): the second call does nothing.
     *
     * @throws RuntimeException when the ledger or the event topic cannot be written; the caller retries the record
     */
    public void handle(AlertEvent alert) {
        Optional<Playbook> found = matcher.matchIgnoringStatus(library.current(), alert);
        if (found.isEmpty()) {
            log.debug("no playbook for alert {} ({})", alert.name(), alert.fingerprint());
            return;
        }
        Playbook playbook = found.get();
        Plan plan = planner.plan(playbook, alert);
        ResolvedTarget target = switch (plan) {
            case Plan.Planned p -> p.target();
            case Plan.Refused r -> r.target();
        };
        String key = target.key();
        try (var ignored = mdc(alert, playbook, target)) {
            locked(key, () -> {
                ledger.sync();
                LedgerEntry entry = ledger.get(key);
                if (entry.handled(alert.eventId())) {
                    log.info("alert occurrence {} was handled already; the redelivered record is left alone",
                            alert.eventId());
                    metrics.duplicate();
                    return null;
                }
                Instant now = clock.instant();
                entry = entry.withStatus(alert.status().name(), now).withHandled(alert.eventId(), now);
                if (alert.status() == AlertStatus.RESOLVED) {
                    entry = cancelPending(entry, alert);
                }
                boolean statusMatches = playbook.match().status() == null || playbook.match().status() == alert.status();
                FailoverRecord revert = alert.status() == AlertStatus.RESOLVED && entry.failover() != null
                        && entry.failover().revertOnRecovery()
                        && entry.failover().fingerprint().equals(alert.fingerprint()) ? entry.failover() : null;
                if (revert != null) {
                    entry = entry.withFailover(null, now);
                }
                if (!statusMatches || plan instanceof Plan.Refused) {
                    ledger.put(entry);
                    if (plan instanceof Plan.Refused refused && statusMatches) {
                        String action = playbook.actions().getFirst().type().yamlName();
                        emit(newId(), alert, playbook.name(), action, Map.of(), target,
                                refused.reason().equals(Guards.NAMESPACE) ? RemediationPhase.SKIPPED : RemediationPhase.FAILED,
                                refused.reason(), refused.message(), dryRun(playbook));
                    }
                    if (revert != null && plan instanceof Plan.Planned planned) {
                        revertFailover(planned, alert, revert);
                    }
                    return null;
                }
                Plan.Planned planned = (Plan.Planned) plan;
                GuardSettings guardSettings = GuardSettings.of(guardDefaults, playbook.guard());
                Optional<Verdict> blocked = guards.check(target, entry, guardSettings).stream()
                        .filter(Verdict::blocks).findFirst();
                if (blocked.isPresent()) {
                    ledger.put(entry);
                    skipAll(planned, alert, 0, blocked.get().guard(), blocked.get().message(), null);
                    return null;
                }
                if (dryRun(playbook)) {
                    ledger.put(entry);
                    for (Action action : planned.actions()) {
                        emit(newId(), alert, playbook.name(), action, target, RemediationPhase.PLANNED, null,
                                "dry run: would " + action.type().yamlName() + " " + describe(target), true);
                    }
                    log.info("dry run: playbook {} would {} {}", playbook.name(),
                            planned.actions().stream().map(a -> a.type().yamlName()).toList(), describe(target));
                    return null;
                }
                if (playbook.approvalRequired()) {
                    String id = newId();
                    Duration timeout = playbook.approvalTimeout() != null ? playbook.approvalTimeout()
                            : settings.approvalTimeout();
                    PendingApproval pending = new PendingApproval(id, playbook.name(), alert, 0, now, now.plus(timeout));
                    ledger.put(entry.withPending(list -> {
                        list.add(pending);
                        return list;
                    }, now));
                    Action first = planned.actions().getFirst();
                    emit(id, alert, playbook.name(), first, target, RemediationPhase.PLANNED, null,
                            "would " + first.type().yamlName() + " " + describe(target), false);
                    emit(id, alert, playbook.name(), first, target, RemediationPhase.PENDING_APPROVAL, "approval",
                            "waits for POST /api/v1/remediations/" + id + "/approve until " + pending.deadline(), false);
                    return null;
                }
                ledger.put(entry);
                execute(planned, alert, guardSettings, null);
                return null;
            });
        }
    }

    /**
     * Approves a pending remediation and runs it now (guards are checked again).
     *
     * @return the remediation's id when it was pending, else empty
     */
    public Optional<String> approve(String remediationId, String by) {
        return decide(remediationId, by, true);
    }

    /** Rejects a pending remediation: SKIPPED {@code rejected}. */
    public Optional<String> reject(String remediationId, String by) {
        return decide(remediationId, by, false);
    }

    private Optional<String> decide(String remediationId, String by, boolean approved) {
        ledger.sync();
        Optional<LedgerEntry> holder = ledger.all().stream().filter(e -> e.pending(remediationId) != null).findFirst();
        if (holder.isEmpty()) {
            return Optional.empty();
        }
        String key = holder.get().targetKey();
        return locked(key, () -> {
            LedgerEntry entry = ledger.get(key);
            PendingApproval pending = entry.pending(remediationId);
            if (pending == null) {
                return Optional.<String>empty();
            }
            Instant now = clock.instant();
            ledger.put(entry.withPending(list -> {
                list.removeIf(p -> p.remediationId().equals(remediationId));
                return list;
            }, now));
            AlertEvent alert = pending.alert();
            Optional<Playbook> playbook = library.current().named(pending.playbook());
            if (playbook.isEmpty()) {
                emit(remediationId, alert, pending.playbook(), "none", Map.of(), targetOf(key),
                        RemediationPhase.FAILED, "playbook-removed", "the playbook is no longer loaded", false);
                return Optional.of(remediationId);
            }
            Plan plan = planner.plan(playbook.get(), alert);
            if (!(plan instanceof Plan.Planned planned)) {
                Plan.Refused refused = (Plan.Refused) plan;
                emit(remediationId, alert, pending.playbook(), "none", Map.of(), refused.target(),
                        RemediationPhase.FAILED, refused.reason(), refused.message(), false);
                return Optional.of(remediationId);
            }
            try (var ignored = mdc(alert, playbook.get(), planned.target())) {
                if (!approved) {
                    log.info("remediation {} rejected by {}", remediationId, by);
                    skipAll(planned, alert, 0, "rejected", "rejected by " + by, remediationId);
                } else {
                    log.info("remediation {} approved by {}", remediationId, by);
                    execute(planned, alert, GuardSettings.of(guardDefaults, playbook.get().guard()), remediationId);
                }
            }
            return Optional.of(remediationId);
        });
    }

    /** Skips approvals whose time ran out ({@code approval-timeout}), so the notifier escalates. */
    public void expireApprovals() {
        ledger.sync();
        Instant now = clock.instant();
        for (LedgerEntry candidate : ledger.all()) {
            if (candidate.pending().stream().noneMatch(p -> !p.deadline().isAfter(now))) {
                continue;
            }
            Optional<TargetLock> lock;
            try {
                lock = locks.tryLock(candidate.targetKey(), Duration.ofSeconds(30));
            } catch (GuardCheckUnavailableException e) {
                continue;
            }
            if (lock.isEmpty()) {
                continue;
            }
            try (TargetLock held = lock.get()) {
                locked(candidate.targetKey(), () -> {
                    ledger.sync();
                    LedgerEntry entry = ledger.get(candidate.targetKey());
                    List<PendingApproval> expired = entry.pending().stream()
                            .filter(p -> !p.deadline().isAfter(now)).toList();
                    if (expired.isEmpty()) {
                        return null;
                    }
                    ledger.put(entry.withPending(list -> {
                        list.removeAll(expired);
                        return list;
                    }, now));
                    for (PendingApproval p : expired) {
                        emit(p.remediationId(), p.alert(), p.playbook(), firstAction(p.playbook()), Map.of(),
                                targetOf(candidate.targetKey()), RemediationPhase.SKIPPED, "approval-timeout",
                                "nobody approved before " + p.deadline() + ": escalated", false);
                    }
                    return null;
                });
            }
        }
    }

    private LedgerEntry cancelPending(LedgerEntry entry, AlertEvent alert) {
        List<PendingApproval> cancelled = entry.pending().stream()
                .filter(p -> p.alert().fingerprint().equals(alert.fingerprint())).toList();
        if (cancelled.isEmpty()) {
            return entry;
        }
        for (PendingApproval p : cancelled) {
            emit(p.remediationId(), p.alert(), p.playbook(), firstAction(p.playbook()), Map.of(),
                    targetOf(entry.targetKey()), RemediationPhase.SKIPPED, "resolved",
                    "the alert resolved before the action was approved", false);
        }
        return entry.withPending(list -> {
            list.removeAll(cancelled);
            return list;
        }, clock.instant());
    }

    /** Runs the planned actions under the target lock; must be called inside {@link #locked}. */
    private void execute(Plan.Planned planned, AlertEvent alert, GuardSettings guardSettings, String approvedId) {
        try {
            act(planned, alert, guardSettings, approvedId);
        } catch (RuntimeException e) {
            // the occurrence is recorded as handled, so a retry of its record would do nothing: a human hears of it now
            log.error("remediation of {} stopped by an unexpected error", describe(planned.target()), e);
            emit(approvedId != null ? approvedId : newId(), alert, planned.playbook().name(),
                    planned.actions().getFirst(), planned.target(), RemediationPhase.FAILED, "internal-error",
                    "stopped by an unexpected error (" + e.getClass().getSimpleName()
                            + "); the remediation service's log has the details", false);
        }
    }

    private void act(Plan.Planned planned, AlertEvent alert, GuardSettings guardSettings, String approvedId) {
        ResolvedTarget target = planned.target();
        Playbook playbook = planned.playbook();
        if (planned.actions().stream().allMatch(a -> a.type() == ActionType.ESCALATE)) {
            // handing an alert to a human changes nothing anywhere: no lock, breaker or rate limit may hold it back
            for (Action action : planned.actions()) {
                String id = approvedId != null ? approvedId : newId();
                if (approvedId == null) {
                    emit(id, alert, playbook.name(), action, target, RemediationPhase.PLANNED, null,
                            "escalate to a human", false);
                }
                emit(id, alert, playbook.name(), action, target, RemediationPhase.SKIPPED, "escalate",
                        "the playbook hands this alert to a human", false);
            }
            return;
        }
        TargetLock lock;
        try {
            Optional<TargetLock> taken = locks.tryLock(target.key(), settings.lockTtl());
            if (taken.isEmpty()) {
                skipAll(planned, alert, 0, Guards.TARGET_LOCK, "another action on this target is in progress ("
                        + locks.holder(target.key()).orElse("unknown holder") + ")", approvedId);
                return;
            }
            lock = taken.get();
        } catch (GuardCheckUnavailableException e) {
            skipAll(planned, alert, 0, e.reason(), e.getMessage(), approvedId);
            return;
        }
        List<VerifyTask> verifications = new ArrayList<>();
        try {
            ledger.sync();
            LedgerEntry entry = ledger.get(target.key());
            Optional<Verdict> blocked = guards.check(target, entry, guardSettings).stream()
                    .filter(v -> v.blocks() && !v.guard().equals(Guards.RATE_LIMIT)).findFirst();
            if (blocked.isPresent()) {
                skipAll(planned, alert, 0, blocked.get().guard(), blocked.get().message(), approvedId);
                return;
            }
            if (!guards.takeRatePermit()) {
                skipAll(planned, alert, 0, Guards.RATE_LIMIT, "the global rate limit of actions is reached", approvedId);
                return;
            }
            boolean recorded = false;
            for (int i = 0; i < planned.actions().size(); i++) {
                Action action = planned.actions().get(i);
                String id = i == 0 && approvedId != null ? approvedId : newId();
                MDC.put("action", action.type().yamlName());
                if (action.type() == ActionType.ESCALATE) {
                    if (approvedId == null || i > 0) {
                        emit(id, alert, playbook.name(), action, target, RemediationPhase.PLANNED, null,
                                "escalate to a human", false);
                    }
                    emit(id, alert, playbook.name(), action, target, RemediationPhase.SKIPPED, "escalate",
                            "the playbook hands this alert to a human", false);
                    continue;
                }
                if (inspector != null && Guards.needsInspection(action)) {
                    WorkloadState state;
                    try {
                        state = inspector.inspect(target, action);
                    } catch (GuardCheckUnavailableException e) {
                        skipAll(planned, alert, i, e.reason(), e.getMessage(), i == 0 ? approvedId : null);
                        return;
                    }
                    Optional<Verdict> radius = guards.blastRadius(action, state, guardSettings).stream()
                            .filter(Verdict::blocks).findFirst();
                    if (radius.isPresent()) {
                        skipAll(planned, alert, i, radius.get().guard(), radius.get().message(),
                                i == 0 ? approvedId : null);
                        return;
                    }
                }
                if (!recorded) {
                    ledger.put(ledger.get(target.key()).withAttempt(clock.instant()));
                    recorded = true;
                }
                if (approvedId == null || i > 0) {
                    emit(id, alert, playbook.name(), action, target, RemediationPhase.PLANNED, null,
                            "will " + action.type().yamlName() + " " + describe(target), false);
                }
                emit(id, alert, playbook.name(), action, target, RemediationPhase.STARTED, null,
                        action.type().yamlName() + " " + describe(target), false);
                Instant started = clock.instant();
                ActionResult result = executor.execute(target, action,
                        new ExecutionContext(id, Json.writeString(alert), null));
                switch (result) {
                    case ActionResult.Done done -> {
                        emit(id, alert, playbook.name(), action, target, RemediationPhase.SUCCEEDED, null, done.message(),
                                false);
                        if (action instanceof Action.Failover failover) {
                            rememberFailover(target, alert, playbook, failover, done);
                        }
                        Duration timeout = playbook.verifyTimeout() != null ? playbook.verifyTimeout()
                                : settings.verifyTimeout();
                        verifications.add(new VerifyTask(id, alert, playbook, target, action, done, started,
                                started.plus(timeout)));
                    }
                    case ActionResult.Failed failed -> {
                        emit(id, alert, playbook.name(), action, target, RemediationPhase.FAILED, failed.reason(),
                                failed.message(), false);
                        metrics.duration(action.type().yamlName(), false, Duration.between(started, clock.instant()));
                        skipAll(planned, alert, i + 1, "previous-action-failed", "an earlier action failed", null);
                        return;
                    }
                    case ActionResult.CircuitOpen open -> {
                        emit(id, alert, playbook.name(), action, target, RemediationPhase.SKIPPED, "circuit-open",
                                "the circuit breaker of cluster " + open.cluster() + " is open: nothing was sent", false);
                        skipAll(planned, alert, i + 1, "circuit-open", "the cluster's circuit breaker is open", null);
                        return;
                    }
                }
            }
        } finally {
            MDC.remove("action");
            if (verifications.isEmpty()) {
                lock.close();
            } else {
                chain(verifications, 0, lock);
            }
        }
    }

    private void chain(List<VerifyTask> verifications, int index, TargetLock lock) {
        if (index >= verifications.size()) {
            lock.close();
            return;
        }
        VerifyTask task = verifications.get(index);
        task.onDone = () -> chain(verifications, index + 1, lock);
        scheduler.execute(task);
    }

    /** Looks at a target until the action took effect, failed, or the deadline passed; then runs {@code onDone}. */
    private final class VerifyTask implements Runnable {

        private final String id;
        private final AlertEvent alert;
        private final Playbook playbook;
        private final ResolvedTarget target;
        private final Action action;
        private final ActionResult.Done done;
        private final Instant started;
        private final Instant deadline;
        private final Map<String, String> mdc = MDC.getCopyOfContextMap();
        private volatile Runnable onDone = () -> { };

        VerifyTask(String id, AlertEvent alert, Playbook playbook, ResolvedTarget target, Action action,
                ActionResult.Done done, Instant started, Instant deadline) {
            this.id = id;
            this.alert = alert;
            this.playbook = playbook;
            this.target = target;
            this.action = action;
            this.done = done;
            this.started = started;
            this.deadline = deadline;
        }

        @Override
        public void run() {
            if (mdc != null) {
                MDC.setContextMap(mdc);
            }
            boolean finished = true;
            try {
                Verification v;
                try {
                    v = executor.verify(target, action, done);
                } catch (RuntimeException e) {
                    v = new Verification.Pending(String.valueOf(e.getMessage()));
                }
                Instant now = clock.instant();
                switch (v) {
                    case Verification.Verified ok -> {
                        emit(id, alert, playbook.name(), action, target, RemediationPhase.VERIFIED, null, ok.message(),
                                false);
                        metrics.duration(action.type().yamlName(), true, Duration.between(started, now));
                    }
                    case Verification.Failed failed -> {
                        emit(id, alert, playbook.name(), action, target, RemediationPhase.FAILED, failed.reason(),
                                failed.message(), false);
                        metrics.duration(action.type().yamlName(), false, Duration.between(started, now));
                    }
                    case Verification.Pending pending -> {
                        if (now.isBefore(deadline)) {
                            finished = false;
                            scheduler.schedule(this, settings.verifyInterval().toMillis(), TimeUnit.MILLISECONDS);
                        } else {
                            emit(id, alert, playbook.name(), action, target, RemediationPhase.FAILED, "verify-timeout",
                                    "not verified within " + Duration.between(started, deadline) + ": "
                                            + pending.message(), false);
                            metrics.duration(action.type().yamlName(), false, Duration.between(started, now));
                        }
                    }
                }
            } catch (RuntimeException e) {
                log.error("could not publish the verification of remediation {}", id, e);
            } finally {
                MDC.clear();
                if (finished) {
                    onDone.run();
                }
            }
        }
    }

    private void rememberFailover(ResolvedTarget target, AlertEvent alert, Playbook playbook, Action.Failover failover,
            ActionResult.Done done) {
        Map<String, String> original = new HashMap<>();
        done.details().forEach((k, v) -> {
            if (k.startsWith("previous.")) {
                original.put(k.substring("previous.".length()), v);
            }
        });
        LedgerEntry entry = ledger.get(target.key());
        ledger.put(entry.withFailover(new FailoverRecord(alert.fingerprint(), playbook.name(), original,
                failover.revertOnRecovery()), clock.instant()));
    }

    private void revertFailover(Plan.Planned planned, AlertEvent alert, FailoverRecord record) {
        ResolvedTarget target = planned.target();
        Action revert = new Action.Failover(record.originalSelector(), false);
        String id = newId();
        Optional<TargetLock> lock;
        try {
            lock = locks.tryLock(target.key(), settings.lockTtl());
        } catch (GuardCheckUnavailableException e) {
            emit(id, alert, record.playbook(), revert, target, RemediationPhase.SKIPPED, e.reason(),
                    "could not switch the Service back: " + e.getMessage(), false);
            return;
        }
        if (lock.isEmpty()) {
            emit(id, alert, record.playbook(), revert, target, RemediationPhase.SKIPPED, Guards.TARGET_LOCK,
                    "could not switch the Service back: another action holds the target", false);
            return;
        }
        try (TargetLock held = lock.get()) {
            emit(id, alert, record.playbook(), revert, target, RemediationPhase.PLANNED, "revert",
                    "the alert resolved: switch the Service back to " + record.originalSelector(), false);
            emit(id, alert, record.playbook(), revert, target, RemediationPhase.STARTED, "revert", "switch back", false);
            ActionResult result = executor.execute(target, revert, new ExecutionContext(id, Json.writeString(alert),
                    record.originalSelector()));
            switch (result) {
                case ActionResult.Done done -> {
                    emit(id, alert, record.playbook(), revert, target, RemediationPhase.SUCCEEDED, "revert", done.message(),
                            false);
                    Verification v = executor.verify(target, revert, done);
                    if (v instanceof Verification.Verified ok) {
                        emit(id, alert, record.playbook(), revert, target, RemediationPhase.VERIFIED, "revert",
                                ok.message(), false);
                    }
                }
                case ActionResult.Failed failed -> emit(id, alert, record.playbook(), revert, target,
                        RemediationPhase.FAILED, failed.reason(), failed.message(), false);
                case ActionResult.CircuitOpen open -> emit(id, alert, record.playbook(), revert, target,
                        RemediationPhase.SKIPPED, "circuit-open", "the circuit breaker is open", false);
            }
        }
    }

    private void skipAll(Plan.Planned planned, AlertEvent alert, int from, String reason, String message,
            String firstId) {
        for (int i = from; i < planned.actions().size(); i++) {
            Action action = planned.actions().get(i);
            String id = i == from && firstId != null ? firstId : newId();
            emit(id, alert, planned.playbook().name(), action, planned.target(), RemediationPhase.SKIPPED, reason, message,
                    dryRun(planned.playbook()));
        }
        log.info("playbook {} skipped for {}: {} ({})", planned.playbook().name(), describe(planned.target()), reason,
                message);
    }

    private void emit(String id, AlertEvent alert, String playbook, Action action, ResolvedTarget target,
            RemediationPhase phase, String reason, String message, boolean dryRun) {
        emit(id, alert, playbook, action.type().yamlName(), action.parameters(), target, phase, reason, message, dryRun);
    }

    private void emit(String id, AlertEvent alert, String playbook, String action, Map<String, String> parameters,
            ResolvedTarget target, RemediationPhase phase, String reason, String message, boolean dryRun) {
        RemediationEvent event = new RemediationEvent(RemediationEvent.SCHEMA_VERSION, UUID.randomUUID().toString(), id,
                alert.eventId(), alert.fingerprint(), alert.name(), playbook, action, parameters,
                target.toTarget(alert.target()), phase, reason, message, dryRun, clock.instant());
        sink.publish(event);
        recent.add(event);
        metrics.phase(action, phase);
        log.info("remediation {} {} {} {}{}", id, phase, action, describe(target), reason == null ? "" : " (" + reason + ")");
    }

    private boolean dryRun(Playbook playbook) {
        return settings.dryRun() || Boolean.TRUE.equals(playbook.dryRun());
    }

    private String firstAction(String playbookName) {
        return library.current().named(playbookName)
                .map(p -> p.actions().getFirst().type().yamlName()).orElse("none");
    }

    private static ResolvedTarget targetOf(String key) {
        String[] parts = key.split("/", 4);
        return new ResolvedTarget(dash(parts[0]), dash(parts[2]), dash(parts[1]), parts.length > 3 ? dash(parts[3]) : null);
    }

    private static String dash(String part) {
        return "-".equals(part) ? null : part;
    }

    private static String describe(ResolvedTarget target) {
        if (target.name() == null) {
            return "(no target)";
        }
        return target.kind() + " " + (target.namespace() == null ? "" : target.namespace() + "/") + target.name()
                + " in cluster " + target.cluster();
    }

    private static String newId() {
        return UUID.randomUUID().toString();
    }

    private <T> T locked(String key, Supplier<T> work) {
        ReentrantLock lock = stripes[Math.floorMod(key.hashCode(), STRIPES)];
        lock.lock();
        try {
            return work.get();
        } finally {
            lock.unlock();
        }
    }

    private static AutoCloseable0 mdc(AlertEvent alert, Playbook playbook, ResolvedTarget target) {
        MDC.put("alert.fingerprint", alert.fingerprint());
        MDC.put("playbook", playbook.name());
        if (target.namespace() != null) {
            MDC.put("k8s.namespace", target.namespace());
        }
        if (target.name() != null) {
            MDC.put("k8s.name", target.name());
        }
        return () -> {
            MDC.remove("alert.fingerprint");
            MDC.remove("playbook");
            MDC.remove("k8s.namespace");
            MDC.remove("k8s.name");
        };
    }

    private interface AutoCloseable0 extends AutoCloseable {
        @Override
        void close();
    }
}
