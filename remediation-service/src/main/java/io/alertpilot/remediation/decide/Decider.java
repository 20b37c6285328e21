package io.alertpilot.remediation.decide;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionPlanner;
import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.guard.GuardCheckUnavailableException;
import io.alertpilot.remediation.guard.GuardDefaults;
import io.alertpilot.remediation.guard.GuardSettings;
import io.alertpilot.remediation.guard.Guards;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.LedgerReading;
import io.alertpilot.remediation.guard.LedgerEntry.FailoverRecord;
import io.alertpilot.remediation.guard.LedgerEntry.PendingApproval;
import io.alertpilot.remediation.guard.LedgerEntry.RevertRecord;
import io.alertpilot.remediation.guard.TargetInspector;
import io.alertpilot.remediation.guard.Verdict;
import io.alertpilot.remediation.match.PlaybookMatcher;
import io.alertpilot.remediation.playbook.ActionType;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.PlaybookSet;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The one decision path: match -> plan -> guards, for the live run, evaluate, and anything else that asks "what would
 * happen" (an offline test runner, a replay on a virtual clock). A FIRING alert goes to the first playbook whose rule
 * holds with its status; a RESOLVED alert goes to the first playbook whose rule holds for RESOLVED, and also finds the
 * playbook that handles it while firing, whose waiting approvals it cancels and whose ways back it takes (the failover
 * switched back, the changes of actions with {@code revertOnRecovery}/{@code removeOnRecovery} undone). A playbook
 * with {@code continue: true} lets the search go on: each further playbook that matches takes part with a decision of
 * its own ({@link #matchAll}, {@link #decideAll}).
 *
 * <p>The run calls the stages one by one ({@link #match}, then under the key's lock {@link #decide(Matched,
 * LedgerEntry, Recovery, DecisionState)}); evaluate calls {@link #decide(PlaybookSet, AlertEvent, DecisionState)},
 * which runs the same stages on the state the run would see. Reads state only through {@link DecisionState}; writes
 * nothing. Thread safe.
 *
 * <p>A dry-run plan (the service's or the playbook's) meets the same guards as a live one, on the dry-run view of its
 * entry ({@link LedgerEntry#forDryRun()}) and the dry-run rate limit: the run records each planned action there as
 * the live run records a started one, so that a dry run predicts the live run's decisions.
 *
 * <p>A plan whose target names a cluster the service does not know is refused with
 * {@link KnownClusters#UNKNOWN_CLUSTER} when it is planned, before any state (ledger guards, lock) is read: nothing is
 * sent to any cluster, and the default cluster serves only alerts that name none.
 *
 * <p>A plan whose alert an active maintenance window with {@code automation: false} covers (its labels and the
 * planned target) is {@link Decision.Blocked} by {@link #MAINTENANCE} before any guard or lock is asked; the SKIPPED
 * event names the window and its reason, and the notifier pages it as the window's {@code paging} says.
 */
public final class Decider {

    /** The SKIPPED reason of an alert that a maintenance window without automation covers. */
    public static final String MAINTENANCE = "maintenance";

    private final PlaybookMatcher matcher = new PlaybookMatcher();
    private final ActionPlanner planner;
    private final Guards guards;
    private final GuardDefaults defaults;
    private final boolean dryRun;
    private final Duration approvalTimeout;
    private final Clock clock;
    private final KnownClusters clusters;

    /**
     * @param dryRun the service-wide dry run
     * @param approvalTimeout how long an approval waits when the playbook does not say
     * @param clusters the clusters a plan may name
     */
    public Decider(ActionPlanner planner, Guards guards, GuardDefaults defaults, boolean dryRun,
            Duration approvalTimeout, Clock clock, KnownClusters clusters) {
        this.clusters = clusters;
        this.planner = planner;
        this.guards = guards;
        this.defaults = defaults;
        this.dryRun = dryRun;
        this.approvalTimeout = approvalTimeout;
        this.clock = clock;
    }

    /** The whole path for {@code alert} on {@code state}, as the run would take it now, for its first playbook. */
    public Decision decide(PlaybookSet playbooks, AlertEvent alert, DecisionState state) {
        return decide(match(playbooks, alert), state);
    }

    /**
     * The whole path for {@code alert} on {@code state}, one decision per part of {@link #matchAll} (each playbook
     * that acts on it, in order): what the run would do now.
     */
    public List<Decision> decideAll(PlaybookSet playbooks, AlertEvent alert, DecisionState state) {
        return matchAll(playbooks, alert).stream().map(matched -> decide(matched, state)).toList();
    }

    private Decision decide(Matched matched, DecisionState state) {
        AlertEvent alert = matched.alert();
        Recovery recovery = matched.counterpart() == null ? null
                : recovery(matched, state.entry(matched.recoveryKey()));
        if (matched.acting() == null) {
            return new Decision.NoPlaybook(alert, recovery);
        }
        LedgerEntry entry = state.entry(matched.actingKey());
        if (entry.handled(matched.occurrenceId())) {
            return new Decision.Duplicate(alert, matched.acting(), matched.actingKey(), recovery);
        }
        return decide(matched, observe(entry, matched, matched.separateRecovery() ? null : recovery), recovery, state);
    }

    /**
     * Stages one and two for the first playbook: the first acting playbook and, for a RESOLVED alert, the first
     * firing counterpart, each planned (the first part of {@link #matchAll}).
     */
    public Matched match(PlaybookSet playbooks, AlertEvent alert) {
        return matchAll(playbooks, alert).getFirst();
    }

    /**
     * Stages one and two for every playbook that takes part in {@code alert}: the first part pairs the first acting
     * playbook with the first firing counterpart (a RESOLVED alert's), recorded under the alert's {@code eventId};
     * each further playbook that acts on it or is a counterpart of it (after a {@code continue: true}) is a part of
     * its own, in the set's order, recorded under {@code eventId#playbook}. Never empty: without any playbook the one
     * part has neither plan.
     */
    public List<Matched> matchAll(PlaybookSet playbooks, AlertEvent alert) {
        return Participants.of(matcher, playbooks, alert, p -> plan(p, alert));
    }

    /** What the RESOLVED alert of {@code matched} ends in {@code entry} (the counterpart's); null without one. */
    public Recovery recovery(Matched matched, LedgerEntry entry) {
        if (matched.counterpart() == null) {
            return null;
        }
        String fingerprint = matched.alert().fingerprint();
        List<PendingApproval> cancels = entry.pending().stream()
                .filter(p -> p.alert().fingerprint().equals(fingerprint)).toList();
        FailoverRecord failover = entry.failover();
        FailoverRecord revert = failover != null && failover.revertOnRecovery()
                && failover.fingerprint().equals(fingerprint) ? failover : null;
        List<RevertRecord> reverts = new ArrayList<>();
        List<RevertRecord> kept = new ArrayList<>();
        for (RevertRecord record : entry.reverts()) {
            if (record.fingerprint().equals(fingerprint)) {
                (neededByAnother(entry, record) ? kept : reverts).add(record);
            }
        }
        return new Recovery(matched.counterpart(), matched.recoveryKey(), cancels, revert, reverts, kept);
    }

    /** An isolation whose NetworkPolicy another alert's record still names: it stays until that alert resolves. */
    private static boolean neededByAnother(LedgerEntry entry, RevertRecord record) {
        return record.action().equals(ActionType.ISOLATE.yamlName()) && entry.reverts().stream()
                .anyMatch(other -> !other.fingerprint().equals(record.fingerprint())
                        && other.action().equals(record.action())
                        && other.details().get("policy").equals(record.details().get("policy")));
    }

    /**
     * {@code entry} as the run records the occurrence: its status seen (a change counts for flapping), its id handled,
     * and what {@code recovery} ends (null: nothing) taken out.
     */
    public LedgerEntry observe(LedgerEntry entry, AlertEvent alert, Recovery recovery) {
        return observe(entry, new Matched(alert, null, null), recovery);
    }

    /**
     * {@code entry} as the run records the part {@code matched} of an occurrence: as {@link #observe(LedgerEntry,
     * AlertEvent, Recovery)}, its {@link Matched#occurrenceId} handled.
     */
    public LedgerEntry observe(LedgerEntry entry, Matched matched, Recovery recovery) {
        LedgerEntry observed = entry.withStatus(matched.alert().status().name(), clock.instant())
                .withHandled(matched.occurrenceId(), clock.instant());
        return recovery == null ? observed : recovery.applyTo(observed, clock.instant());
    }

    /**
     * Stage three: the guards on the acting plan of {@code matched}, over {@code observed} (its entry with the
     * occurrence recorded, see {@link #observe}).
     */
    public Decision decide(Matched matched, LedgerEntry observed, Recovery recovery, DecisionState state) {
        AlertEvent alert = matched.alert();
        Plan plan = matched.acting();
        if (plan == null) {
            return new Decision.NoPlaybook(alert, recovery);
        }
        Playbook playbook = plan.playbook();
        String key = matched.actingKey();
        boolean dry = dryRun || Boolean.TRUE.equals(playbook.dryRun());
        if (plan instanceof Plan.Refused refused) {
            return new Decision.Refused(alert, refused, key, dry, recovery);
        }
        Plan.Planned planned = (Plan.Planned) plan;
        GuardSettings settings = settings(playbook);
        Optional<Verdict> maintenance = maintenance(alert, planned, state);
        if (maintenance.isPresent()) {
            Checked checked = new Checked(alert, planned, key, settings, dry, List.of(maintenance.get()));
            return new Decision.Blocked(checked, maintenance.get(), recovery);
        }
        List<Verdict> ledgerVerdicts = guards.check(planned.target(), observed, settings, dry);
        Optional<Verdict> blocked = ledgerVerdicts.stream().filter(Verdict::blocks).findFirst();
        boolean escalateOnly = escalateOnly(planned);
        // the lock store (a Lease in the cluster) is asked only when its answer can decide: not for an escalation,
        // and not for the many alerts of a storm that a ledger guard holds back anyway
        Verdict lock = escalateOnly ? Verdict.pass(Guards.TARGET_LOCK, "an escalation takes no lock")
                : blocked.isPresent() ? Verdict.unknown(Guards.TARGET_LOCK, "not asked: "
                        + blocked.get().guard() + " holds the plan back")
                : lockVerdict(state, key);
        List<Verdict> verdicts = new ArrayList<>();
        verdicts.add(guards.dryRun(dryRun, playbook.dryRun()));
        verdicts.addAll(ledgerVerdicts);
        verdicts.add(lock);
        Checked checked = new Checked(alert, planned, key, settings, dry, verdicts);
        if (blocked.isPresent()) {
            return new Decision.Blocked(checked, blocked.get(), recovery);
        }
        if (dry) {
            // the live run would meet a held lock too: at once, or when the approval (taken as given) releases it
            return lock.blocks() ? new Decision.Blocked(checked, lock, recovery) : new Decision.DryRun(checked, recovery);
        }
        if (playbook.approvalRequired()) {
            return new Decision.NeedsApproval(checked,
                    playbook.approvalTimeout() != null ? playbook.approvalTimeout() : approvalTimeout, recovery);
        }
        if (escalateOnly) {
            return new Decision.Escalate(checked, recovery);
        }
        if (lock.blocks()) {
            return new Decision.Blocked(checked, lock, recovery);
        }
        return new Decision.Act(checked, recovery);
    }

    /**
     * The plan of an approved remediation, checked again when it runs ({@link #recheck}); empty when the playbook is
     * gone.
     */
    public Optional<Plan> replan(PlaybookSet playbooks, String playbook, AlertEvent alert) {
        return playbooks.named(playbook).map(p -> plan(p, alert));
    }

    /**
     * The planner's plan of {@code playbook}, refused when its target names a cluster that is not known (an Azure
     * resource involves no cluster).
     */
    private Plan plan(Playbook playbook, AlertEvent alert) {
        Plan plan = planner.plan(playbook, alert);
        String cluster = plan.target().cluster();
        if (plan instanceof Plan.Planned && !plan.target().isAzure() && !clusters.knows(cluster)) {
            return new Plan.Refused(playbook, plan.target(), KnownClusters.UNKNOWN_CLUSTER, "target.cluster",
                    clusters.whyUnknown(cluster));
        }
        return plan;
    }

    /**
     * What the ledger guards of {@code playbook} read of {@code entry} now, in dry run when the service or the
     * playbook is (as {@link #decide} checks them).
     */
    public LedgerReading reading(Playbook playbook, LedgerEntry entry) {
        return guards.read(entry, settings(playbook), dryRun || Boolean.TRUE.equals(playbook.dryRun()));
    }

    /** True when {@code playbook} runs in dry run: the service's or its own. */
    public boolean dryRun(Playbook playbook) {
        return dryRun || Boolean.TRUE.equals(playbook.dryRun());
    }

    /** The guard settings in force for {@code playbook}. */
    public GuardSettings settings(Playbook playbook) {
        return GuardSettings.of(defaults, playbook.guard());
    }

    /**
     * The ledger guards again, under the target lock on a {@code fresh} entry, before anything acts: the first that
     * blocks, the rate limit excepted (its permit is taken with {@link #takeRatePermit}).
     */
    public Optional<Verdict> recheck(Checked checked, LedgerEntry fresh) {
        return guards.check(checked.plan().target(), fresh, checked.settings()).stream()
                .filter(v -> v.blocks() && !v.guard().equals(Guards.RATE_LIMIT)).findFirst();
    }

    /**
     * Takes a permit of the global rate limit for an action that starts now (of the dry-run limit, which counts planned
     * actions apart from live ones, when {@code dryRun}): PASS when taken, else the verdict that refuses the action.
     */
    public Verdict takeRatePermit(boolean dryRun) {
        return guards.takeRatePermit(dryRun);
    }

    /**
     * The blast-radius verdicts on {@code action} against the target's state now: none for actions that need no look
     * at the cluster, UNKNOWN without an {@code inspector}, BLOCK named for the cause when the cluster cannot be asked.
     */
    public List<Verdict> blastRadius(Action action, ResolvedTarget target, GuardSettings settings,
            TargetInspector inspector) {
        if (!Guards.needsInspection(action)) {
            return List.of();
        }
        if (inspector == null) {
            return List.of(Verdict.unknown("blast-radius", "no Kubernetes cluster is configured: rollout, "
                    + "PodDisruptionBudget and ready replicas are checked only in a live run"));
        }
        try {
            return guards.blastRadius(action, inspector.inspect(target, action), settings);
        } catch (GuardCheckUnavailableException e) {
            return List.of(Verdict.block(e.reason(), e.getMessage()));
        }
    }

    /** True when every action of {@code plan} is {@code escalate}. */
    public static boolean escalateOnly(Plan.Planned plan) {
        return plan.actions().stream().allMatch(a -> a.type() == ActionType.ESCALATE);
    }

    /**
     * A BLOCK naming the first active window without automation that covers the alert and its planned target; empty
     * when no window holds it back. Also asked when an approval arrives: a window opened meanwhile holds it back too.
     */
    public Optional<Verdict> maintenance(AlertEvent alert, Plan.Planned planned, DecisionState state) {
        return state.windows().covering(clock.instant(), alert.labels(), planned.target().toTarget(alert.target()))
                .stream().filter(w -> !w.automation()).findFirst()
                .map(w -> Verdict.block(MAINTENANCE, "maintenance window " + w.id()
                        + (w.reason() == null || w.reason().isBlank() ? "" : " (" + w.reason() + ")")
                        + " holds automation back" + (w.endsAt() == null ? "" : " until " + w.endsAt())));
    }

    private static Verdict lockVerdict(DecisionState state, String key) {
        try {
            return state.lockHolder(key)
                    .map(holder -> Verdict.block(Guards.TARGET_LOCK, "another action on this target is in progress ("
                            + holder + ")"))
                    .orElse(Verdict.pass(Guards.TARGET_LOCK, "free"));
        } catch (GuardCheckUnavailableException e) {
            return Verdict.block(e.reason(), e.getMessage());
        }
    }
}
