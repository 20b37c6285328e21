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
import io.alertpilot.remediation.action.Verification;
import io.alertpilot.remediation.decide.Recovery;
import io.alertpilot.remediation.guard.GuardCheckUnavailableException;
import io.alertpilot.remediation.guard.Guards;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.LedgerEntry.FailoverRecord;
import io.alertpilot.remediation.guard.LedgerEntry.RevertRecord;
import io.alertpilot.remediation.guard.TargetLocks;
import io.alertpilot.remediation.guard.TargetLocks.TargetLock;
import io.alertpilot.remediation.guard.Verdict;
import io.alertpilot.remediation.playbook.ActionType;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The ways back of actions that have one: remembers in the ledger what a successful action with a way back changed
 * (the selector a failover replaced; the bounds a {@code patch-hpa} with {@code revertOnRecovery} or a {@code scale}
 * through a HorizontalPodAutoscaler replaced, the latter set back as a {@code patch-hpa}; the
 * NetworkPolicy an {@code isolate} with {@code removeOnRecovery} made), and when the alert resolves undoes each, in
 * the order they were made, under the target lock (PLANNED, STARTED, SUCCEEDED, VERIFIED with reason {@code revert},
 * each with a remediation id of its own). A maintenance window that holds them back makes each SKIPPED with its
 * reason, and the caller keeps the records. Thread safe.
 */
final class Reverts {

    private static final Logger log = LoggerFactory.getLogger(Reverts.class);

    private final Ledger ledger;
    private final TargetLocks locks;
    private final ActionExecutor executor;
    private final RemediationReporter reporter;
    private final Duration lockTtl;
    private final Clock clock;

    Reverts(Ledger ledger, TargetLocks locks, ActionExecutor executor,
            RemediationReporter reporter, Duration lockTtl, Clock clock) {
        this.ledger = ledger;
        this.locks = locks;
        this.executor = executor;
        this.reporter = reporter;
        this.lockTtl = lockTtl;
        this.clock = clock;
    }

    /**
     * One undo: the action that undoes a change, the playbook that made it, and how its events speak of it.
     *
     * @param revertSelector for a failover, the selector to restore (the executor's context); null otherwise
     */
    record WayBack(String playbook, Action action, Map<String, String> revertSelector, String what) {
    }

    /** The ways back of {@code recovery}, the failover's first; evaluate shows them, the run takes them. */
    static List<WayBack> waysBack(Recovery recovery) {
        List<WayBack> ways = new ArrayList<>();
        FailoverRecord failover = recovery.revert();
        if (failover != null) {
            ways.add(new WayBack(failover.playbook(), new Action.Failover(failover.originalSelector(), false),
                    failover.originalSelector(), "switch the Service back to " + failover.originalSelector()));
        }
        for (RevertRecord record : recovery.reverts()) {
            undo(record).ifPresent(ways::add);
        }
        return ways;
    }

    /** The action that undoes {@code record}; empty for an action this version cannot undo. */
    private static Optional<WayBack> undo(RevertRecord record) {
        Map<String, String> d = record.details();
        return switch (ActionType.byName(record.action()).orElse(ActionType.ESCALATE)) {
            case PATCH_HPA, SCALE -> Optional.of(new WayBack(record.playbook(), new Action.PatchHpa(d.get("hpa"),
                    Integer.valueOf(d.get("previousMin")), Integer.valueOf(d.get("previousMax")), false), null,
                    "set HorizontalPodAutoscaler " + d.get("hpa") + " back to minReplicas " + d.get("previousMin")
                            + ", maxReplicas " + d.get("previousMax")));
            case ISOLATE -> Optional.of(new WayBack(record.playbook(), new Action.EndIsolation(d.get("policy")), null,
                    "remove the NetworkPolicy " + d.get("policy")));
            default -> Optional.empty();
        };
    }

    /** Takes the ways back {@code recovery} ends, if any, under the target lock. */
    void revert(Recovery recovery, AlertEvent alert) {
        List<WayBack> ways = waysBack(recovery);
        if (ways.isEmpty() || !(recovery.plan() instanceof Plan.Planned planned)) {
            return;
        }
        ResolvedTarget target = planned.target();
        Optional<TargetLock> lock;
        try {
            lock = locks.tryLock(recovery.ledgerKey(), lockTtl);
        } catch (GuardCheckUnavailableException e) {
            ways.forEach(way -> report(RemediationReporter.newId(), alert, way, target, RemediationPhase.SKIPPED,
                    e.reason(), "could not " + way.what() + ": " + e.getMessage()));
            return;
        }
        if (lock.isEmpty()) {
            ways.forEach(way -> report(RemediationReporter.newId(), alert, way, target, RemediationPhase.SKIPPED,
                    Guards.TARGET_LOCK, "could not " + way.what() + ": another action holds the target"));
            return;
        }
        try (TargetLock held = lock.get()) {
            ways.forEach(way -> takeWayBack(alert, way, target));
        }
    }

    private void takeWayBack(AlertEvent alert, WayBack way, ResolvedTarget target) {
        String id = RemediationReporter.newId();
        report(id, alert, way, target, RemediationPhase.PLANNED, "revert", "the alert resolved: " + way.what());
        report(id, alert, way, target, RemediationPhase.STARTED, "revert",
                way.action() instanceof Action.Failover ? "switch back" : way.what());
        ActionResult result = executor.execute(target, way.action(), new ExecutionContext(id, Json.writeString(alert),
                way.revertSelector()));
        switch (result) {
            case ActionResult.Done done -> {
                report(id, alert, way, target, RemediationPhase.SUCCEEDED, "revert", done.message());
                if (executor.verify(target, way.action(), done) instanceof Verification.Verified ok) {
                    report(id, alert, way, target, RemediationPhase.VERIFIED, "revert", ok.message());
                }
            }
            case ActionResult.Failed failed -> report(id, alert, way, target, RemediationPhase.FAILED,
                    failed.reason(), failed.message());
            case ActionResult.CircuitOpen open -> report(id, alert, way, target, RemediationPhase.SKIPPED,
                    "circuit-open", "the circuit breaker is open");
            case ActionResult.Skipped skipped -> report(id, alert, way, target, RemediationPhase.SKIPPED,
                    skipped.reason(), skipped.message());
        }
    }

    /**
     * Reports each way back of {@code recovery} SKIPPED, held back by the maintenance {@code verdict}; nothing is run
     * and the records are left to the caller to keep.
     */
    void hold(Recovery recovery, AlertEvent alert, Verdict verdict) {
        if (!(recovery.plan() instanceof Plan.Planned planned)) {
            return;
        }
        for (WayBack way : waysBack(recovery)) {
            report(RemediationReporter.newId(), alert, way, planned.target(), RemediationPhase.SKIPPED,
                    verdict.guard(), "did not " + way.what() + ": " + verdict.message() + "; "
                            + (way.action() instanceof Action.Failover ? "it stays switched"
                                    : "the change stays") + " until the alert resolves again after the window");
        }
    }

    /**
     * Remembers in the ledger what a successful {@code action} changed when it has a way back (a failover; a
     * {@code patch-hpa} with {@code revertOnRecovery}; a {@code scale} that moved an HPA's bounds; an {@code isolate}
     * with {@code removeOnRecovery} that created its NetworkPolicy, since one it found in place belongs to whoever
     * made it); does nothing for other actions. When the same alert changed the same object already (its way back
     * was held, or a later step changed it again), the first record stays the way back.
     */
    void remember(String ledgerKey, AlertEvent alert, String playbook, Action action, ActionResult.Done done) {
        switch (action) {
            case Action.Failover failover -> rememberFailover(ledgerKey, alert, playbook, failover, done);
            case Action.Scale scale when movedBounds(done) -> rememberRecord(ledgerKey, alert, playbook, action, done,
                    List.of("hpa", "previousMin", "previousMax"));
            case Action.PatchHpa patch when patch.revertOnRecovery() -> rememberRecord(ledgerKey, alert, playbook,
                    action, done, List.of("hpa", "previousMin", "previousMax"));
            case Action.Isolate isolate when isolate.removeOnRecovery()
                    && Boolean.parseBoolean(done.details().get("created")) -> rememberRecord(ledgerKey, alert,
                            playbook, action, done, List.of("policy"));
            default -> {
            }
        }
    }

    /** A scale that went through an HPA and changed its bounds: they are set back when the alert resolves. */
    private static boolean movedBounds(ActionResult.Done done) {
        Map<String, String> d = done.details();
        return d.containsKey("hpa") && (!d.get("previousMin").equals(d.get("minReplicas"))
                || !d.get("previousMax").equals(d.get("maxReplicas")));
    }

    /**
     * Stores the {@code keys} of {@code done}'s details as the way back of {@code action}; the first key names the
     * object changed. Details without them (an executor that cannot tell what it replaced) leave no way back, logged.
     */
    private void rememberRecord(String ledgerKey, AlertEvent alert, String playbook, Action action,
            ActionResult.Done done, List<String> keys) {
        if (!done.details().keySet().containsAll(keys)) {
            log.warn("{} of alert {} succeeded without telling what it replaced ({} missing): it cannot be undone "
                    + "when the alert resolves", action.type().yamlName(), alert.fingerprint(), keys);
            return;
        }
        Map<String, String> details = new HashMap<>();
        keys.forEach(k -> details.put(k, done.details().get(k)));
        RevertRecord record = new RevertRecord(alert.fingerprint(), playbook, action.type().yamlName(), details);
        String objectKey = keys.getFirst();
        LedgerEntry entry = ledger.get(ledgerKey);
        boolean known = entry.reverts().stream().anyMatch(r -> r.fingerprint().equals(record.fingerprint())
                && r.action().equals(record.action())
                && r.details().get(objectKey).equals(record.details().get(objectKey)));
        if (!known) {
            ledger.put(entry.withReverts(list -> {
                list.add(record);
                return list;
            }, clock.instant()));
        }
    }

    private void rememberFailover(String ledgerKey, AlertEvent alert, String playbook, Action.Failover failover,
            ActionResult.Done done) {
        Map<String, String> original = new HashMap<>();
        done.details().forEach((k, v) -> {
            if (k.startsWith("previous.")) {
                original.put(k.substring("previous.".length()), v);
            }
        });
        LedgerEntry entry = ledger.get(ledgerKey);
        FailoverRecord earlier = entry.failover();
        // switched already (a window held the way back): the way back stays the first selector, not the standby
        Map<String, String> wayBack = earlier != null && earlier.fingerprint().equals(alert.fingerprint())
                ? earlier.originalSelector() : original;
        ledger.put(entry.withFailover(new FailoverRecord(alert.fingerprint(), playbook, wayBack,
                failover.revertOnRecovery()), clock.instant()));
    }

    private void report(String id, AlertEvent alert, WayBack way, ResolvedTarget target, RemediationPhase phase,
            String reason, String message) {
        reporter.emit(id, alert, way.playbook(), way.action(), target, phase, reason, message, false);
    }
}
