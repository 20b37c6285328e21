package io.alertpilot.remediation.guard;

import com.fasterxml.jackson.annotation.JsonAlias;
import com.fasterxml.jackson.annotation.JsonFormat;
import io.alertpilot.model.alert.AlertEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The guard state of one target, the value of the compacted ledger topic (key = target key): when it was last acted
 * on, recent attempts and status changes, the alert occurrences already handled (so a redelivered record never acts
 * twice), approvals waiting, and what a failover replaced. Immutable; the {@code with*} methods return copies with
 * lists kept to a bound.
 *
 * <p>Dry run keeps its own count: an action planned in dry run goes to {@code dryRunAttempts}, never to
 * {@code attempts} or {@code lastActionAt}, so that the live guards never see an action that did not run (turning dry
 * run off inherits no cooldown), while the dry-run guards read {@link #forDryRun()}: the live actions and the
 * planned ones together, as the live run would have counted them had it acted.
 *
 * @param lastStatus FIRING or RESOLVED, the last status seen for the target
 * @param handled {@code eventId}s of alerts already handled, newest last
 * @param dryRunAttempts when actions were planned in dry run (the service's or a playbook's), oldest first
 * @param ladders where the ladders of the alerts being remediated on this target stand, one per alert (fingerprint)
 *     and playbook; an entry written with one {@code ladder} (the shape before) reads as a list of it
 * @param reverts what actions with a way back ({@code patch-hpa}, {@code isolate}, ...) changed, to undo when their
 *     alert resolves; a failover's way back stays in {@code failover}
 * @param version how many writes of this target the ledger accepted up to this entry (0: none, or an entry written
 *     before writes were conditional). A write of an entry read at version {@code v} stores {@code v + 1} and is
 *     accepted only while the stored entry is still at {@code v} ({@link Ledger#put}); the {@code with*} methods keep
 *     it, so a changed copy is written against the version it was read at
 * @param intents the actions started on this target: an intent is written before the call, marked done after it
 *     (effectively once: an intent without a done is inspected and either recorded done or carried out, never both);
 *     the pending ones, and the last {@link #DONE_INTENTS_KEPT} done, oldest first
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
        Instant updatedAt,
        List<Instant> dryRunAttempts,
        @JsonAlias("ladder") @JsonFormat(with = JsonFormat.Feature.ACCEPT_SINGLE_VALUE_AS_ARRAY)
        List<LadderState> ladders,
        List<RevertRecord> reverts,
        Long version,
        List<ActionIntent> intents) {

    /** Most handled ids, attempts and transitions kept. */
    public static final int BOUND = 200;
    /** Done intents kept besides the pending ones (for audit and for a late redelivery to find). */
    public static final int DONE_INTENTS_KEPT = 20;

    public LedgerEntry {
        attempts = attempts == null ? List.of() : List.copyOf(attempts);
        transitions = transitions == null ? List.of() : List.copyOf(transitions);
        handled = handled == null ? List.of() : List.copyOf(handled);
        pending = pending == null ? List.of() : List.copyOf(pending);
        dryRunAttempts = dryRunAttempts == null ? List.of() : List.copyOf(dryRunAttempts);
        reverts = reverts == null ? List.of() : List.copyOf(reverts);
        ladders = ladders == null ? List.of() : ladders.stream().filter(Objects::nonNull).toList();
        intents = intents == null ? List.of() : List.copyOf(intents);
        version = version == null ? 0L : version;
    }

    /** An entry at version 0 without a ladder, reverts or intents (the shape before them). */
    public LedgerEntry(String targetKey, Instant lastActionAt, List<Instant> attempts, String lastStatus,
            List<Instant> transitions, List<String> handled, List<PendingApproval> pending, FailoverRecord failover,
            Instant updatedAt, List<Instant> dryRunAttempts) {
        this(targetKey, lastActionAt, attempts, lastStatus, transitions, handled, pending, failover, updatedAt,
                dryRunAttempts, List.of(), List.of(), 0L, List.of());
    }

    /** The state of a target never seen. */
    public static LedgerEntry empty(String targetKey) {
        return new LedgerEntry(targetKey, null, List.of(), null, List.of(), List.of(), List.of(), null, null,
                List.of());
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
                pending, failover, now, dryRunAttempts, ladders, reverts, version, intents);
    }

    /** Records a status seen; a change from the last one counts as a transition. */
    public LedgerEntry withStatus(String status, Instant now) {
        List<Instant> newTransitions = lastStatus != null && !lastStatus.equals(status)
                ? bounded(transitions, now) : transitions;
        return new LedgerEntry(targetKey, lastActionAt, attempts, status, newTransitions, handled, pending, failover, now,
                dryRunAttempts, ladders, reverts, version, intents);
    }

    public LedgerEntry withAttempt(Instant now) {
        return new LedgerEntry(targetKey, now, bounded(attempts, now), lastStatus, transitions, handled, pending, failover,
                now, dryRunAttempts, ladders, reverts, version, intents);
    }

    /** Records an action planned in dry run, in the dry-run count only. */
    public LedgerEntry withDryRunAttempt(Instant now) {
        return new LedgerEntry(targetKey, lastActionAt, attempts, lastStatus, transitions, handled, pending, failover,
                now, bounded(dryRunAttempts, now), ladders, reverts, version, intents);
    }

    /**
     * The entry as the dry-run guards read it: the live actions and the ones planned in dry run, both as attempts, the
     * latest of them as the last action. Everything else as it is.
     */
    public LedgerEntry forDryRun() {
        if (dryRunAttempts.isEmpty()) {
            return this;
        }
        List<Instant> all = new ArrayList<>(attempts);
        all.addAll(dryRunAttempts);
        all.sort(Comparator.naturalOrder());
        List<Instant> kept = all.size() > BOUND ? all.subList(all.size() - BOUND, all.size()) : all;
        Instant lastPlanned = dryRunAttempts.getLast();
        Instant last = lastActionAt == null || lastPlanned.isAfter(lastActionAt) ? lastPlanned : lastActionAt;
        return new LedgerEntry(targetKey, last, kept, lastStatus, transitions, handled, pending, failover, updatedAt,
                dryRunAttempts, ladders, reverts, version, intents);
    }

    public LedgerEntry withPending(UnaryOperator<List<PendingApproval>> change, Instant now) {
        return new LedgerEntry(targetKey, lastActionAt, attempts, lastStatus, transitions, handled,
                change.apply(new ArrayList<>(pending)), failover, now, dryRunAttempts, ladders, reverts, version, intents);
    }

    public LedgerEntry withFailover(FailoverRecord record, Instant now) {
        return new LedgerEntry(targetKey, lastActionAt, attempts, lastStatus, transitions, handled, pending, record, now,
                dryRunAttempts, ladders, reverts, version, intents);
    }

    /** The ladder of alert {@code fingerprint} under {@code playbook} on this target, or null when none runs. */
    public LadderState ladder(String fingerprint, String playbook) {
        return ladders.stream().filter(l -> l.is(fingerprint, playbook)).findFirst().orElse(null);
    }

    /** This entry with {@code state} as the ladder of its alert and playbook (replacing the one it had). */
    public LedgerEntry withLadder(LadderState state, Instant now) {
        List<LadderState> out = new ArrayList<>(ladders);
        out.removeIf(l -> l.is(state.fingerprint(), state.playbook()));
        out.add(state);
        return withLadders(out, now);
    }

    /** This entry without the ladder of alert {@code fingerprint} under {@code playbook} (if it had one). */
    public LedgerEntry withoutLadder(String fingerprint, String playbook, Instant now) {
        List<LadderState> out = new ArrayList<>(ladders);
        return out.removeIf(l -> l.is(fingerprint, playbook)) ? withLadders(out, now) : this;
    }

    /** This entry with {@code ladders} as its ladders. */
    public LedgerEntry withLadders(List<LadderState> ladders, Instant now) {
        return new LedgerEntry(targetKey, lastActionAt, attempts, lastStatus, transitions, handled, pending, failover,
                now, dryRunAttempts, ladders, reverts, version, intents);
    }

    /** This entry with its reverts changed by {@code change}. */
    public LedgerEntry withReverts(UnaryOperator<List<RevertRecord>> change, Instant now) {
        return new LedgerEntry(targetKey, lastActionAt, attempts, lastStatus, transitions, handled, pending, failover,
                now, dryRunAttempts, ladders, change.apply(new ArrayList<>(reverts)), version, intents);
    }

    /** This entry as stored by an accepted write: its version one higher. Only ledgers call this. */
    public LedgerEntry nextVersion() {
        return new LedgerEntry(targetKey, lastActionAt, attempts, lastStatus, transitions, handled, pending, failover,
                updatedAt, dryRunAttempts, ladders, reverts, version + 1, intents);
    }

    /** The intent of action {@code actionId}, or null. */
    public ActionIntent intent(String actionId) {
        return intents.stream().filter(i -> i.actionId().equals(actionId)).findFirst().orElse(null);
    }

    /** The intents whose action was not recorded done, oldest first. */
    public List<ActionIntent> pendingIntents() {
        return intents.stream().filter(i -> i.doneAt() == null).toList();
    }

    /** This entry with {@code intent} recorded (replacing an intent of the same action id). */
    public LedgerEntry withIntent(ActionIntent intent, Instant now) {
        List<ActionIntent> out = new ArrayList<>(intents);
        out.removeIf(i -> i.actionId().equals(intent.actionId()));
        out.add(intent);
        return withIntents(out, now);
    }

    /** This entry with the intent of {@code actionId} marked done at {@code now} (unchanged when there is none). */
    public LedgerEntry withIntentDone(String actionId, Instant now) {
        ActionIntent intent = intent(actionId);
        if (intent == null || intent.doneAt() != null) {
            return this;
        }
        List<ActionIntent> out = new ArrayList<>(intents);
        out.replaceAll(i -> i.actionId().equals(actionId) ? i.done(now) : i);
        long done = out.stream().filter(i -> i.doneAt() != null).count();
        for (var it = out.iterator(); it.hasNext() && done > DONE_INTENTS_KEPT;) {
            if (it.next().doneAt() != null) {
                it.remove();
                done--;
            }
        }
        return withIntents(out, now);
    }

    private LedgerEntry withIntents(List<ActionIntent> intents, Instant now) {
        return new LedgerEntry(targetKey, lastActionAt, attempts, lastStatus, transitions, handled, pending, failover,
                now, dryRunAttempts, ladders, reverts, version, intents);
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
     * @param step the ladder step (1-based) the approval releases; null for a playbook that is no ladder (and for a
     *     request stored before steps were)
     */
    public record PendingApproval(
            String remediationId,
            String playbook,
            AlertEvent alert,
            int actionIndex,
            Instant requestedAt,
            Instant deadline,
            Integer step) {

        /** A request that releases no ladder step (the shape before steps). */
        public PendingApproval(String remediationId, String playbook, AlertEvent alert, int actionIndex,
                Instant requestedAt, Instant deadline) {
            this(remediationId, playbook, alert, actionIndex, requestedAt, deadline, null);
        }
    }

    /**
     * Where a ladder stands for one alert (fingerprint) on this target: the step running or holding, since when, and
     * until when it waits. Written under the target's key, so a restarted or another replica continues it.
     *
     * @param step the 1-based step that runs or holds now
     * @param state what the step does now ({@code RUNNING}, {@code AWAITING_APPROVAL}, {@code HOLDING}, {@code CLEARED})
     * @param since when the state began
     * @param until when the state is judged (the end of {@code holdFor}, an approval's deadline); null: not timed
     * @param remediationId the remediation id of the step's current run
     */
    public record LadderState(String fingerprint, String playbook, int step, String state, Instant since, Instant until,
            String remediationId, AlertEvent alert) {

        /** True when this is the ladder of alert {@code fingerprint} under {@code playbook}. */
        public boolean is(String fingerprint, String playbook) {
            return this.fingerprint.equals(fingerprint) && this.playbook.equals(playbook);
        }

        /** True when this ladder is still where {@code expected} saw it: same alert, playbook, step and state. */
        public boolean sameAs(LadderState expected) {
            return expected != null && is(expected.fingerprint, expected.playbook) && step == expected.step
                    && state.equals(expected.state);
        }
    }

    /**
     * What an action with a way back changed, undone when the alert ({@code fingerprint}) resolves.
     *
     * @param action the action's YAML name ({@code patch-hpa}, {@code isolate}, ...)
     * @param details what the action recorded to undo it (the object's name, the values before)
     * @param due when the alert's resolution asked for the undo and it did not succeed yet (it is retried); null while
     *     the alert fires or a maintenance window holds the way back
     * @param resolved the RESOLVED occurrence that asked for the undo (its events name it); null when not due
     */
    public record RevertRecord(String fingerprint, String playbook, String action, Map<String, String> details,
            Instant due, AlertEvent resolved) {
        public RevertRecord {
            details = details == null ? Map.of() : Map.copyOf(details);
        }

        /** A record of a change not yet due to be undone (the shape before retries). */
        public RevertRecord(String fingerprint, String playbook, String action, Map<String, String> details) {
            this(fingerprint, playbook, action, details, null, null);
        }

        /** True when this and {@code other} remember the same change (the same alert, action and details). */
        public boolean sameChange(RevertRecord other) {
            return fingerprint.equals(other.fingerprint) && action.equals(other.action)
                    && details.equals(other.details);
        }

        /** This record no longer due: its alert fires again, so its next resolution undoes it. */
        public RevertRecord notDue() {
            return due == null ? this : new RevertRecord(fingerprint, playbook, action, details);
        }

        /** This record due to be undone since {@code at}, asked by the RESOLVED {@code alert}. */
        public RevertRecord dueSince(Instant at, AlertEvent alert) {
            return due != null ? this : new RevertRecord(fingerprint, playbook, action, details, at, alert);
        }
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

    /**
     * An action about to be carried out on this target, written before the call under the target lock; {@code doneAt}
     * is set once the call answered (whatever it answered). The action id travels to the target (the annotation
     * {@code alertpilot.io/action-id}, a precondition, an Idempotency-Key), so that whoever finds the intent pending
     * after a crash can tell whether the call took effect.
     *
     * @param actionId the remediation id of the action (its events carry it)
     * @param eventId the alert occurrence that asked for it
     * @param playbook the playbook's name (for a ladder step, the playbook's own name)
     * @param step the ladder step (1-based); null for a playbook that is no ladder
     * @param index the action's index in its plan (0-based)
     * @param action the action's YAML name ({@code restart}, {@code scale}, ...)
     * @param parameters the action's parameters as its events show them
     * @param alert the alert the action is for (to plan it again)
     * @param at when the intent was written; an action that needs a time decided once (restart's
     *     {@code restartedAt}) uses this one, also when carried out after a crash
     * @param owner the replica that wrote it
     * @param doneAt when the call answered; null while pending
     */
    public record ActionIntent(String actionId, String eventId, String playbook, Integer step, int index,
            String action, Map<String, String> parameters, AlertEvent alert, Instant at, String owner,
            Instant doneAt) {

        public ActionIntent {
            parameters = parameters == null ? Map.of() : Map.copyOf(parameters);
        }

        /** This intent recorded done at {@code at}. */
        public ActionIntent done(Instant at) {
            return new ActionIntent(actionId, eventId, playbook, step, index, action, parameters, alert, this.at, owner,
                    at);
        }
    }
}
