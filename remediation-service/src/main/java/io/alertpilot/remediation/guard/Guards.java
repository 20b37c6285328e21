package io.alertpilot.remediation.guard;

import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.NamespacePolicy;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.playbook.ActionType;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The guards, as pure checks over a target's {@link LedgerEntry} and {@link WorkloadState}. Names are stable: they
 * are the SKIPPED reasons ({@code dry-run}, {@code namespace}, {@code cooldown}, {@code max-attempts},
 * {@code flapping}, {@code rate-limit}, {@code target-missing}, {@code rollout-in-progress}, {@code disruption-budget},
 * {@code min-ready}). Thread safe.
 */
public final class Guards {

    public static final String DRY_RUN = "dry-run";
    public static final String NAMESPACE = "namespace";
    public static final String COOLDOWN = "cooldown";
    public static final String MAX_ATTEMPTS = "max-attempts";
    public static final String FLAPPING = "flapping";
    public static final String RATE_LIMIT = "rate-limit";
    public static final String TARGET_LOCK = "target-lock";
    public static final String TARGET_MISSING = "target-missing";
    public static final String ROLLOUT = "rollout-in-progress";
    public static final String DISRUPTION_BUDGET = "disruption-budget";
    public static final String MIN_READY = "min-ready";

    /** Every guard name, for metric tags registered up front. */
    public static final List<String> NAMES = List.of(DRY_RUN, NAMESPACE, COOLDOWN, MAX_ATTEMPTS, FLAPPING, RATE_LIMIT,
            TARGET_LOCK, TARGET_MISSING, ROLLOUT, DISRUPTION_BUDGET, MIN_READY);

    private static final Set<ActionType> WORKLOAD_ACTIONS =
            Set.of(ActionType.RESTART, ActionType.DELETE_POD, ActionType.SCALE, ActionType.ROLLBACK);
    private static final Set<ActionType> DISRUPTIVE = Set.of(ActionType.RESTART, ActionType.DELETE_POD);

    private final NamespacePolicy namespaces;
    private final RateLimit rateLimit;
    private final RateLimit dryRunRateLimit;
    private final Clock clock;

    /**
     * @param rateLimit the global rate limit of live actions; actions planned in dry run count against a
     *     {@link RateLimit#twin() twin} of it, so that they never use up a live permit
     */
    public Guards(NamespacePolicy namespaces, RateLimit rateLimit, Clock clock) {
        this.namespaces = namespaces;
        this.rateLimit = rateLimit;
        this.dryRunRateLimit = rateLimit.twin();
        this.clock = clock;
    }

    /** The dry-run verdict: BLOCK means "PLANNED only". */
    public Verdict dryRun(boolean global, Boolean playbook) {
        if (global) {
            return Verdict.block(DRY_RUN, "the service runs in dry run (alertpilot.remediation.dry-run): PLANNED only");
        }
        if (Boolean.TRUE.equals(playbook)) {
            return Verdict.block(DRY_RUN, "the playbook sets dryRun: PLANNED only");
        }
        return Verdict.pass(DRY_RUN, "live");
    }

    /** The live guards on {@code entry}: {@link #check(ResolvedTarget, LedgerEntry, GuardSettings, boolean)}. */
    public List<Verdict> check(ResolvedTarget target, LedgerEntry entry, GuardSettings settings) {
        return check(target, entry, settings, false);
    }

    /**
     * The guards that read the ledger and this replica's state, in order: namespace, cooldown, max-attempts,
     * flapping, rate-limit (looked at, not taken). In dry run they read the entry's {@link LedgerEntry#forDryRun()
     * dry-run view} and the dry-run rate limit, so that a planned action counts as a started one does live.
     */
    public List<Verdict> check(ResolvedTarget target, LedgerEntry live, GuardSettings settings, boolean dryRun) {
        LedgerReading reading = read(live, settings, dryRun);
        RateLimit rateLimit = dryRun ? dryRunRateLimit : this.rateLimit;
        List<Verdict> verdicts = new ArrayList<>();
        if (target.namespace() == null) {
            verdicts.add(Verdict.pass(NAMESPACE, "cluster-scoped or no target"));
        } else if (namespaces.allows(target.namespace())) {
            verdicts.add(Verdict.pass(NAMESPACE, "namespace '" + target.namespace() + "' is allowed"));
        } else {
            verdicts.add(Verdict.block(NAMESPACE, namespaces.why(target.namespace())));
        }
        if (reading.cooldownUntil() != null) {
            verdicts.add(Verdict.block(COOLDOWN, "last action at " + reading.lastActionAt() + "; cooldown "
                    + settings.cooldown() + " lasts until " + reading.cooldownUntil()));
        } else {
            verdicts.add(Verdict.pass(COOLDOWN, "no action within " + settings.cooldown()));
        }
        long attempts = reading.attempts();
        verdicts.add(attempts >= settings.maxAttempts()
                ? Verdict.block(MAX_ATTEMPTS, attempts + " actions within " + settings.window() + ", the most allowed is "
                        + settings.maxAttempts())
                : Verdict.pass(MAX_ATTEMPTS, attempts + " of " + settings.maxAttempts() + " actions within "
                        + settings.window()));
        long transitions = reading.transitions();
        verdicts.add(transitions > settings.flapTransitions()
                ? Verdict.block(FLAPPING, "the alert changed between firing and resolved " + transitions + " times within "
                        + settings.flapWindow() + " (more than " + settings.flapTransitions() + "): left to humans")
                : Verdict.pass(FLAPPING, transitions + " status changes within " + settings.flapWindow()));
        int available = rateLimit.available();
        verdicts.add(available < 1 ? Verdict.block(RATE_LIMIT, reached(rateLimit))
                : Verdict.pass(RATE_LIMIT, available + " of " + rateLimit.bound().limit() + " actions left per "
                        + rateLimit.bound().period()));
        return verdicts;
    }

    /**
     * What the ledger guards of {@link #check} read of {@code live} now: in dry run its
     * {@link LedgerEntry#forDryRun() dry-run view}.
     */
    public LedgerReading read(LedgerEntry live, GuardSettings settings, boolean dryRun) {
        Instant now = clock.instant();
        LedgerEntry entry = dryRun ? live.forDryRun() : live;
        Instant until = entry.lastActionAt() == null ? null : entry.lastActionAt().plus(settings.cooldown());
        return new LedgerReading(entry.lastActionAt(), until != null && until.isAfter(now) ? until : null,
                entry.attemptsWithin(settings.window(), now), entry.transitionsWithin(settings.flapWindow(), now));
    }

    /**
     * Takes a rate-limit permit for an action that starts now, of the dry-run limit when {@code dryRun}: PASS when
     * taken, BLOCK {@code rate-limit} when the limit is reached, BLOCK named for the cause (see
     * {@link GuardCheckUnavailableException#reason()}) when the count cannot be had in time.
     */
    public Verdict takeRatePermit(boolean dryRun) {
        RateLimit limit = dryRun ? dryRunRateLimit : rateLimit;
        try {
            return limit.tryAcquire() ? Verdict.pass(RATE_LIMIT, "permit taken")
                    : Verdict.block(RATE_LIMIT, reached(limit) + (dryRun ? " (dry run)" : ""));
        } catch (GuardCheckUnavailableException e) {
            return Verdict.block(e.reason(), e.getMessage());
        }
    }

    private static String reached(RateLimit limit) {
        return "the limit of " + limit.bound() + " is reached";
    }

    /** True when {@code action} needs a look at the Kubernetes cluster before it runs (Azure actions do not). */
    public static boolean needsInspection(Action action) {
        return action.type() != ActionType.ESCALATE && action.type() != ActionType.WEBHOOK && !action.type().azure();
    }

    /**
     * The blast-radius guards for {@code action} on a target in {@code state}: target-missing, rollout-in-progress,
     * disruption-budget, min-ready.
     */
    public List<Verdict> blastRadius(Action action, WorkloadState state, GuardSettings settings) {
        List<Verdict> verdicts = new ArrayList<>();
        if (!state.exists()) {
            verdicts.add(Verdict.block(TARGET_MISSING, "the target does not exist"));
            return verdicts;
        }
        if (!WORKLOAD_ACTIONS.contains(action.type())) {
            return verdicts;
        }
        verdicts.add(state.rolloutInProgress()
                ? Verdict.block(ROLLOUT, "a rollout is in progress" + (state.rolloutMessage() == null ? ""
                        : ": " + state.rolloutMessage()))
                : Verdict.pass(ROLLOUT, "no rollout in progress"));
        if (!DISRUPTIVE.contains(action.type())) {
            return verdicts;
        }
        if (state.disruptionsAllowed() == null) {
            verdicts.add(Verdict.pass(DISRUPTION_BUDGET, "no PodDisruptionBudget covers the pods"));
        } else if (state.disruptionsAllowed() < 1) {
            verdicts.add(Verdict.block(DISRUPTION_BUDGET, "PodDisruptionBudget " + state.budgetName()
                    + " allows no disruption now"));
        } else {
            verdicts.add(Verdict.pass(DISRUPTION_BUDGET, "PodDisruptionBudget " + state.budgetName() + " allows "
                    + state.disruptionsAllowed() + " disruptions"));
        }
        Integer ready = state.readyReplicas();
        if (ready == null) {
            verdicts.add(Verdict.pass(MIN_READY, "no replica count to check"));
        } else if (ready - 1 < settings.minReadyReplicas()) {
            verdicts.add(Verdict.block(MIN_READY, ready + " ready replicas; taking one down would leave fewer than "
                    + settings.minReadyReplicas()));
        } else {
            verdicts.add(Verdict.pass(MIN_READY, ready + " ready replicas, at least " + settings.minReadyReplicas()
                    + " stay ready"));
        }
        return verdicts;
    }
}
