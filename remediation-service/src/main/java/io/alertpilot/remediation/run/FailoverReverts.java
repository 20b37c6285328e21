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
import io.alertpilot.remediation.guard.TargetLocks;
import io.alertpilot.remediation.guard.TargetLocks.TargetLock;
import io.alertpilot.remediation.guard.Verdict;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Failover and its way back: remembers in the ledger the selector a successful failover replaced, and when the alert
 * resolves switches the Service back to it under the target lock (PLANNED, STARTED, SUCCEEDED, VERIFIED with reason
 * {@code revert}). Thread safe.
 */
final class FailoverReverts {

    private final Ledger ledger;
    private final TargetLocks locks;
    private final ActionExecutor executor;
    private final RemediationReporter reporter;
    private final Duration lockTtl;
    private final Clock clock;

    FailoverReverts(Ledger ledger, TargetLocks locks, ActionExecutor executor,
            RemediationReporter reporter, Duration lockTtl, Clock clock) {
        this.ledger = ledger;
        this.locks = locks;
        this.executor = executor;
        this.reporter = reporter;
        this.lockTtl = lockTtl;
        this.clock = clock;
    }

    /** Switches back the failover {@code recovery} ends, if any, under the target lock. */
    void revert(Recovery recovery, AlertEvent alert) {
        FailoverRecord record = recovery.revert();
        if (record == null || !(recovery.plan() instanceof Plan.Planned planned)) {
            return;
        }
        ResolvedTarget target = planned.target();
        Action revert = new Action.Failover(record.originalSelector(), false);
        String id = RemediationReporter.newId();
        Optional<TargetLock> lock;
        try {
            lock = locks.tryLock(recovery.ledgerKey(), lockTtl);
        } catch (GuardCheckUnavailableException e) {
            report(id, alert, record, revert, target, RemediationPhase.SKIPPED, e.reason(),
                    "could not switch the Service back: " + e.getMessage());
            return;
        }
        if (lock.isEmpty()) {
            report(id, alert, record, revert, target, RemediationPhase.SKIPPED, Guards.TARGET_LOCK,
                    "could not switch the Service back: another action holds the target");
            return;
        }
        try (TargetLock held = lock.get()) {
            report(id, alert, record, revert, target, RemediationPhase.PLANNED, "revert",
                    "the alert resolved: switch the Service back to " + record.originalSelector());
            report(id, alert, record, revert, target, RemediationPhase.STARTED, "revert", "switch back");
            ActionResult result = executor.execute(target, revert, new ExecutionContext(id, Json.writeString(alert),
                    record.originalSelector()));
            switch (result) {
                case ActionResult.Done done -> {
                    report(id, alert, record, revert, target, RemediationPhase.SUCCEEDED, "revert", done.message());
                    if (executor.verify(target, revert, done) instanceof Verification.Verified ok) {
                        report(id, alert, record, revert, target, RemediationPhase.VERIFIED, "revert", ok.message());
                    }
                }
                case ActionResult.Failed failed -> report(id, alert, record, revert, target, RemediationPhase.FAILED,
                        failed.reason(), failed.message());
                case ActionResult.CircuitOpen open -> report(id, alert, record, revert, target,
                        RemediationPhase.SKIPPED, "circuit-open", "the circuit breaker is open");
                case ActionResult.Skipped skipped -> report(id, alert, record, revert, target,
                        RemediationPhase.SKIPPED, skipped.reason(), skipped.message());
            }
        }
    }

    /**
     * Reports the switch back of {@code recovery} SKIPPED, held back by the maintenance {@code verdict}; nothing is
     * run and the failover record is left to the caller to keep.
     */
    void hold(Recovery recovery, AlertEvent alert, Verdict verdict) {
        FailoverRecord record = recovery.revert();
        if (record == null || !(recovery.plan() instanceof Plan.Planned planned)) {
            return;
        }
        report(RemediationReporter.newId(), alert, record, new Action.Failover(record.originalSelector(), false),
                planned.target(), RemediationPhase.SKIPPED, verdict.guard(), "did not switch the Service back: "
                        + verdict.message() + "; it stays switched until the alert resolves again after the window");
    }

    /**
     * Remembers in the ledger what a successful failover replaced, so that the recovery can switch back; when the
     * same alert's failover is remembered already (its way back was held), the selector it replaced stays the way back.
     */
    void remember(String ledgerKey, AlertEvent alert, String playbook, Action.Failover failover,
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

    private void report(String id, AlertEvent alert, FailoverRecord record, Action revert, ResolvedTarget target,
            RemediationPhase phase, String reason, String message) {
        reporter.emit(id, alert, record.playbook(), revert, target, phase, reason, message, false);
    }
}
