package io.alertpilot.remediation.guard;

import io.alertpilot.model.alert.AlertEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * The guard state of one target, the value of the compacted ledger topic (key = target key): when it was last acted
 * on, recent attempts and status changes, the alert occurrences already handled (so a redelivered record never acts
 * twice), approvals waiting, and what a failover replaced. Immutable; the {@code with*} methods return copies with
 * lists kept to a bound.
 *
 * @param lastStatus FIRING or RESOLVED, the last status seen for the target
 * @param handled {@code eventId}s of alerts already handled, newest last
 */
public record LedgerEntry(
        String targetKey,
        Instant lastActionAt,
        List<Instant> attempts,
        String lastStatus,
        List<Instant> transitions,
        List<String> handled,
        List<PendingApproval> pending,
        FailoverRecord failover,
        Instant updatedAt) {

    /** Most handled ids, attempts and transitions kept. */
    public static final int BOUND = 200;

    public LedgerEntry {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        transitions = transitions == null ? List.of() : List.copyOf(transitions);
        handled = handled == null ? List.of() : List.copyOf(handled);
        pending = pending == null ? List.of() : List.copyOf(pending);
    }

    /** The state of a target never seen. */
    public static LedgerEntry empty(String targetKey) {
        return new LedgerEntry(targetKey, null, List.of(), null, List.of(), List.of(), List.of(), null, null);
    }

    /** True when the alert occurrence {@code eventId} was handled already. */
    public boolean handled(String eventId) {
        return handled.contains(eventId);
    }

    /** Actions started within {@code window} before {@code now}. */
    public long attemptsWithin(Duration window, Instant now) {
        return attempts.stream().filter(t -> t.isAfter(now.minus(window))).count();
    }

    /** Status changes within {@code window} before {@code now}. */
    public long transitionsWithin(Duration window, Instant now) {
        return transitions.stream().filter(t -> t.isAfter(now.minus(window))).count();
    }

    /** The pending approval {@code remediationId}, or null. */
    public PendingApproval pending(String remediationId) {
        return pending.stream().filter(p -> p.remediationId().equals(remediationId)).findFirst().orElse(null);
    }

    public LedgerEntry withHandled(String eventId, Instant now) {
        return new LedgerEntry(targetKey, lastActionAt, attempts, lastStatus, transitions, bounded(handled, eventId),
                pending, failover, now);
    }

    /** Records a status seen; a change from the last one counts as a transition. */
    public LedgerEntry withStatus(String status, Instant now) {
        List<Instant> newTransitions = lastStatus != null && !lastStatus.equals(status)
                ? bounded(transitions, now) : transitions;
        return new LedgerEntry(targetKey, lastActionAt, attempts, status, newTransitions, handled, pending, failover, now);
    }

    public LedgerEntry withAttempt(Instant now) {
        return new LedgerEntry(targetKey, now, bounded(attempts, now), lastStatus, transitions, handled, pending, failover,
                now);
    }

    public LedgerEntry withPending(UnaryOperator<List<PendingApproval>> change, Instant now) {
        return new LedgerEntry(targetKey, lastActionAt, attempts, lastStatus, transitions, handled,
                change.apply(new ArrayList<>(pending)), failover, now);
    }

    public LedgerEntry withFailover(FailoverRecord record, Instant now) {
        return new LedgerEntry(targetKey, lastActionAt, attempts, lastStatus, transitions, handled, pending, record, now);
    }

    private static <T> List<T> bounded(List<T> list, T added) {
        List<T> out = new ArrayList<>(list);
        out.add(added);
        return out.size() > BOUND ? out.subList(out.size() - BOUND, out.size()) : out;
    }

    /**
     * An action waiting for a human.
     *
     * @param actionIndex the index of the first action the approval releases
     */
    public record PendingApproval(
            String remediationId,
            String playbook,
            AlertEvent alert,
            int actionIndex,
            Instant requestedAt,
            Instant deadline) {
    }

    /**
     * What a failover replaced, to switch back on recovery.
     *
     * @param fingerprint the alert whose recovery switches back
     * @param originalSelector the Service selector before the failover
     */
    public record FailoverRecord(String fingerprint, String playbook, Map<String, String> originalSelector,
            boolean revertOnRecovery) {
    }
}
