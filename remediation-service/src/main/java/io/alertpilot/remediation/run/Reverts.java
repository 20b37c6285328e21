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
import io.alertpilot.remediation.decide.LedgerKey;
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
import io.alertpilot.support.concurrent.KeyedLock;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
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

    /** The FAILED reason of a way back still not taken at the end of its retries: the change stays. */
    static final String REVERT_FAILED = "revert-failed";
    /** How many lock TTLs after its alert resolved a way back is tried again at most (a lock is held that long). */
    static final int RETRY_BOUND_LOCK_TTLS = 2;

    private static final Logger log = LoggerFactory.getLogger(Reverts.class);

    private final Ledger ledger;
    private final KeyedLock keyed;
    private final TargetLocks locks;
    private final ActionExecutor executor;
    private final RemediationReporter reporter;
    private final Duration lockTtl;
    private final Clock clock;

    Reverts(Ledger ledger, KeyedLock keyed, TargetLocks locks, ActionExecutor executor,
            RemediationReporter reporter, Duration lockTtl, Clock clock) {
        this.ledger = ledger;
        this.keyed = keyed;
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
     * @param record the revert record it undoes; null for a failover (whose record is the entry's {@code failover})
     */
    record WayBack(String playbook, Action action, Map<String, String> revertSelector, String what,
            RevertRecord record) {
    }

    /** Why a way back was not taken this time. */
    private record NotTaken(String reason, String message) {
    }

    /** The ways back of {@code recovery}, the failover's first; evaluate shows them, the run takes them. */
    static List<WayBack> waysBack(Recovery recovery) {
        List<WayBack> ways = new ArrayList<>();
        FailoverRecord failover = recovery.revert();
        if (failover != null) {
            ways.add(new WayBack(failover.playbook(), new Action.Failover(failover.originalSelector(), false),
                    failover.originalSelector(), "switch the Service back to " + failover.originalSelector(), null));
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
                            + ", maxReplicas " + d.get("previousMax"), record));
            case ISOLATE -> Optional.of(new WayBack(record.playbook(), new Action.EndIsolation(d.get("policy")), null,
                    "remove the NetworkPolicy " + d.get("policy"), record));
            default -> Optional.empty();
        };
    }

    /**
     * Takes the ways back {@code recovery} ends, if any, under the target lock; the caller holds the key's in-JVM lock.
     * Each record goes from the ledger once its way back succeeded. One that was not taken (the target locked, the
     * lock store or the cluster's breaker unavailable, the undo failed) stays, due since now, and {@link #retryDue()}
     * tries it again; a failover that was not switched back is reported as before and stays for the next resolution.
     */
    void revert(Recovery recovery, AlertEvent alert) {
        List<WayBack> ways = waysBack(recovery);
        if (ways.isEmpty() || !(recovery.plan() instanceof Plan.Planned planned)) {
            return;
        }
        String key = recovery.ledgerKey();
        Instant now = clock.instant();
        ledger.update(key, e -> e.withReverts(list -> {
            list.replaceAll(r -> recovery.reverts().stream().anyMatch(r::sameChange) ? r.dueSince(now, alert) : r);
            return list;
        }, now));
        attempt(key, alert, ways, planned.target());
    }

    /**
     * Tries again every way back whose alert resolved and which was not taken yet (called periodically on every
     * replica, with the ladder timer); one still not taken {@link #RETRY_BOUND_LOCK_TTLS} lock TTLs after its
     * resolution is FAILED {@code revert-failed} (the change stays: a human undoes it) and its record goes.
     */
    void retryDue() {
        ledger.sync();
        for (LedgerEntry candidate : ledger.all()) {
            if (candidate.reverts().stream().anyMatch(r -> r.due() != null)) {
                String key = candidate.targetKey();
                keyed.run(key, () -> retryDue(key));
            }
        }
    }

    private void retryDue(String key) {
        ledger.sync();
        List<RevertRecord> due = ledger.get(key).reverts().stream().filter(r -> r.due() != null).toList();
        for (RevertRecord record : due) {
            undo(record).ifPresentOrElse(way -> attempt(key, record.resolved(), List.of(way), LedgerKey.target(key)),
                    () -> forget(key, record));
        }
    }

    /** One try of {@code ways} under the target lock; each record taken back goes, the others stay (or give up). */
    private void attempt(String key, AlertEvent alert, List<WayBack> ways, ResolvedTarget target) {
        Optional<TargetLock> lock;
        NotTaken locked = new NotTaken(Guards.TARGET_LOCK, "another action holds the target");
        try {
            lock = locks.tryLock(key, lockTtl);
        } catch (GuardCheckUnavailableException e) {
            lock = Optional.empty();
            locked = new NotTaken(e.reason(), e.getMessage());
        }
        if (lock.isEmpty()) {
            for (WayBack way : ways) {
                notTaken(key, alert, way, target, locked);
            }
            return;
        }
        try (TargetLock held = lock.get()) {
            for (WayBack way : ways) {
                Optional<NotTaken> failed = takeWayBack(alert, way, target);
                if (failed.isPresent()) {
                    notTaken(key, alert, way, target, failed.get());
                } else if (way.record() == null) {
                    Instant now = clock.instant();
                    ledger.update(key, e -> e.withFailover(null, now));
                } else {
                    forget(key, way.record());
                }
            }
        }
    }

    /**
     * A way back not taken: a failover is reported (SKIPPED or FAILED with its reason) and stays for the next
     * resolution; a revert record stays to be retried, until its bound, when it is FAILED {@code revert-failed}.
     */
    private void notTaken(String key, AlertEvent alert, WayBack way, ResolvedTarget target, NotTaken why) {
        if (way.record() == null) {
            report(RemediationReporter.newId(), alert, way, target, why.reason().equals(Guards.TARGET_LOCK)
                    || why.reason().equals("circuit-open") || why.reason().equals("lock-unavailable")
                    ? RemediationPhase.SKIPPED : RemediationPhase.FAILED, why.reason(),
                    "could not " + way.what() + ": " + why.message());
            return;
        }
        Instant due = ledger.get(key).reverts().stream().filter(way.record()::sameChange).map(RevertRecord::due)
                .filter(Objects::nonNull).findFirst().orElse(clock.instant());
        Instant giveUpAt = due.plus(lockTtl.multipliedBy(RETRY_BOUND_LOCK_TTLS));
        if (clock.instant().isBefore(giveUpAt)) {
            log.info("could not {} ({}: {}): tried again shortly", way.what(), why.reason(), why.message());
            return;
        }
        report(RemediationReporter.newId(), alert, way, target, RemediationPhase.FAILED, REVERT_FAILED,
                "could not " + way.what() + " since the alert resolved at " + due + " (" + why.reason() + ": "
                        + why.message() + "): the change stays, undo it by hand");
        forget(key, way.record());
    }

    private void forget(String key, RevertRecord record) {
        Instant now = clock.instant();
        ledger.update(key, e -> e.withReverts(list -> {
            list.removeIf(record::sameChange);
            return list;
        }, now));
    }

    /** Runs one way back: PLANNED, STARTED, then SUCCEEDED and VERIFIED; why it was not taken otherwise. */
    private Optional<NotTaken> takeWayBack(AlertEvent alert, WayBack way, ResolvedTarget target) {
        String id = RemediationReporter.newId();
        report(id, alert, way, target, RemediationPhase.PLANNED, "revert", "the alert resolved: " + way.what());
        report(id, alert, way, target, RemediationPhase.STARTED, "revert",
                way.action() instanceof Action.Failover ? "switch back" : way.what());
        ActionResult result = executor.execute(target, way.action(), new ExecutionContext(id, Json.writeString(alert),
                way.revertSelector()));
        return switch (result) {
            case ActionResult.Done done -> {
                report(id, alert, way, target, RemediationPhase.SUCCEEDED, "revert", done.message());
                if (executor.verify(target, way.action(), done) instanceof Verification.Verified ok) {
                    report(id, alert, way, target, RemediationPhase.VERIFIED, "revert", ok.message());
                }
                yield Optional.empty();
            }
            case ActionResult.Failed failed -> Optional.of(new NotTaken(failed.reason(), failed.message()));
            case ActionResult.CircuitOpen open -> Optional.of(new NotTaken("circuit-open",
                    "the circuit breaker is open"));
            case ActionResult.Skipped skipped -> Optional.of(new NotTaken(skipped.reason(), skipped.message()));
        };
    }

    /**
     * {@code entry} as a FIRING occurrence of {@code alert} leaves its ways back still waiting to be retried: no
     * longer due (the change is the alert's again; its next resolution undoes it).
     */
    static LedgerEntry firingAgain(LedgerEntry entry, AlertEvent alert, Instant now) {
        boolean due = entry.reverts().stream().anyMatch(r -> r.due() != null
                && r.fingerprint().equals(alert.fingerprint()));
        return !due ? entry : entry.withReverts(list -> {
            list.replaceAll(r -> r.fingerprint().equals(alert.fingerprint()) ? r.notDue() : r);
            return list;
        }, now);
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
        Instant now = clock.instant();
        ledger.update(ledgerKey, entry -> {
            boolean known = entry.reverts().stream().anyMatch(r -> r.fingerprint().equals(record.fingerprint())
                    && r.action().equals(record.action())
                    && r.details().get(objectKey).equals(record.details().get(objectKey)));
            return known ? entry : entry.withReverts(list -> {
                list.add(record);
                return list;
            }, now);
        });
    }

    private void rememberFailover(String ledgerKey, AlertEvent alert, String playbook, Action.Failover failover,
            ActionResult.Done done) {
        Map<String, String> original = new HashMap<>();
        done.details().forEach((k, v) -> {
            if (k.startsWith("previous.")) {
                original.put(k.substring("previous.".length()), v);
            }
        });
        Instant now = clock.instant();
        ledger.update(ledgerKey, entry -> {
            FailoverRecord earlier = entry.failover();
            // switched already (a window held the way back): the way back stays the first selector, not the standby
            Map<String, String> wayBack = earlier != null && earlier.fingerprint().equals(alert.fingerprint())
                    ? earlier.originalSelector() : original;
            return entry.withFailover(new FailoverRecord(alert.fingerprint(), playbook, wayBack,
                    failover.revertOnRecovery()), now);
        });
    }

    private void report(String id, AlertEvent alert, WayBack way, ResolvedTarget target, RemediationPhase phase,
            String reason, String message) {
        reporter.emit(id, alert, way.playbook(), way.action(), target, phase, reason, message, false);
    }
}
