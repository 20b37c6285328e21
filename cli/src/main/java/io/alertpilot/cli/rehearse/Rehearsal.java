package io.alertpilot.cli.rehearse;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.notifier.escalation.ChannelNames;
import io.alertpilot.notifier.escalation.IncidentMachine;
import io.alertpilot.notifier.escalation.PolicySet;
import io.alertpilot.notifier.policy.PolicyLoader;
import io.alertpilot.remediation.RemediationProperties;
import io.alertpilot.remediation.action.ActionPlanner;
import io.alertpilot.remediation.action.NamespacePolicy;
import io.alertpilot.remediation.decide.Decider;
import io.alertpilot.remediation.guard.ActionRateLimiter;
import io.alertpilot.remediation.guard.Guards;
import io.alertpilot.remediation.guard.InMemoryLedger;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.LocalTargetLocks;
import io.alertpilot.remediation.playbook.PlaybookLoader;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import io.alertpilot.remediation.run.RemediationMetrics;
import io.alertpilot.remediation.run.RemediationReporter;
import io.alertpilot.remediation.run.RemediationRun;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * A rehearsal: alerts run through the remediation service's own {@link RemediationRun} (decider, guards with their
 * state, approvals, execution, verification) and the notifier's own {@link IncidentMachine}, on a virtual clock,
 * against a {@link SimulatedCluster}. It is the one way the command line runs alerts offline: a playbook test and a
 * replay both use it, so they predict what the services would do.
 *
 * <p>Use: {@link #builder()}, then {@link #alert(Instant, AlertEvent)} in time order (and {@link #approve} or
 * {@link #reject} where a human answers), then {@link #finish(Instant)} or {@link #finish()}. Between two calls the
 * clock moves forward and runs what falls due, in time order: verifications, approval time-outs (at their deadline),
 * escalation steps (when due; the service looks every second). Nothing leaves the process: no Kafka, no Kubernetes,
 * no webhook, no page. Not thread safe: one thread drives a rehearsal.
 */
public final class Rehearsal {

    /** The longest a rehearsal runs on after its last alert when {@link #finish()} lets it run until quiet. */
    public static final Duration HORIZON = Duration.ofHours(24);

    private static final int MAX_STEPS_PER_INSTANT = 100_000;

    private final VirtualClock clock;
    private final VirtualScheduler scheduler;
    private final InMemoryLedger ledger;
    private final RemediationRun run;
    private final IncidentDesk desk;
    private final ApprovalTimer approvalTimer;
    private final LadderTimer ladderTimer;
    private final List<RehearsalResult.Step> decisions;
    private Instant lastInput;

    private Rehearsal(Builder builder) {
        RemediationProperties properties = builder.settings.remediation();
        this.clock = new VirtualClock(builder.start);
        this.scheduler = new VirtualScheduler(clock);
        this.ledger = new InMemoryLedger();
        this.decisions = new ArrayList<>();
        this.approvalTimer = new ApprovalTimer(ledger, clock, properties.approval().checkInterval());
        this.ladderTimer = new LadderTimer(ledger, clock, properties.approval().checkInterval());
        this.lastInput = builder.start;
        PolicySet policies = builder.policies != null ? builder.policies
                : new PolicyLoader(new HashSet<>(ChannelNames.ALL)).loadAll(List.of(), true);
        this.desk = new IncidentDesk(new IncidentMachine(() -> policies, builder.settings.notifier().decisionWindow(),
                builder.settings.notifier().remediationGrace()), clock);
        PlaybookLibrary library = builder.sources != null ? PlaybookLibrary.of(builder.sources, clock)
                : new PlaybookLibrary(builder.playbooks.stream().map(Path::toString).toList(), clock);
        NamespacePolicy namespaces = properties.namespacePolicy();
        Guards guards = new Guards(namespaces, new ActionRateLimiter(properties.guard().rateLimit(),
                properties.guard().ratePeriod(), clock), clock);
        Decider decider = new Decider(new ActionPlanner(namespaces, properties.kubernetes().defaultCluster()), guards,
                properties.guardDefaults(), properties.dryRun(), properties.approval().timeout(), clock,
                properties.knownClusters());
        RemediationReporter reporter = new RemediationReporter(this::published,
                event -> { }, new RemediationMetrics(new SimpleMeterRegistry()),
                clock);
        this.run = RemediationRun.of(new RemediationRun.Parts(library, decider, ledger,
                new LocalTargetLocks(clock, "rehearsal"), builder.cluster, builder.cluster, reporter, scheduler,
                properties.runSettings(), clock));
    }

    /** A rehearsal to configure. */
    public static Builder builder() {
        return new Builder();
    }

    /**
     * Moves the clock to {@code at}, running what falls due before, then hands {@code alert} to the notifier and the
     * remediation service (as both read it from the alert topic) and runs what falls due at once.
     *
     * @throws IllegalArgumentException when {@code at} is before the time of the previous call
     */
    public void alert(Instant at, AlertEvent alert) {
        inOrder(at);
        advanceTo(at);
        lastInput = at;
        desk.onAlert(alert);
        run.remediator().handle(alert);
        advanceTo(at);
    }

    /**
     * Approves, at {@code at}, the oldest remediation of {@code playbook} waiting for approval; it runs then (the
     * guards are checked again).
     *
     * @return the remediation's id, or empty when none of {@code playbook} was waiting at {@code at}
     */
    public Optional<String> approve(Instant at, String playbook, String by) {
        return answer(at, playbook, id -> run.approvals().approve(id, by));
    }

    /** Rejects, at {@code at}, the oldest remediation of {@code playbook} waiting for approval: SKIPPED rejected. */
    public Optional<String> reject(Instant at, String playbook, String by) {
        return answer(at, playbook, id -> run.approvals().reject(id, by));
    }

    private Optional<String> answer(Instant at, String playbook,
            Function<String, Optional<String>> answer) {
        inOrder(at);
        advanceTo(at);
        lastInput = at;
        Optional<String> waiting = ledger.all().stream().flatMap(e -> e.pending().stream())
                .filter(p -> p.playbook().equals(playbook))
                .min(Comparator.comparing(LedgerEntry.PendingApproval::requestedAt))
                .map(LedgerEntry.PendingApproval::remediationId);
        Optional<String> answered = waiting.flatMap(answer);
        advanceTo(at);
        return answered;
    }

    private void inOrder(Instant at) {
        if (at.isBefore(clock.instant())) {
            throw new IllegalArgumentException("a rehearsal takes its inputs in time order: " + at + " is before "
                    + clock.instant());
        }
    }

    /** Runs on until {@code until} and answers what happened since the start. */
    public RehearsalResult finish(Instant until) {
        advanceTo(until);
        return result();
    }

    /**
     * Runs on until nothing is due any more (verifications ended, approvals answered or expired, ladder steps judged,
     * escalations sent), at most {@link #HORIZON} after the last alert or answer, and answers what happened since the
     * start.
     */
    public RehearsalResult finish() {
        return finish(lastInput.plus(HORIZON));
    }

    /** What happened so far. */
    public RehearsalResult result() {
        return new RehearsalResult(decisions, desk.pages(), desk.breaches());
    }

    private void published(RemediationEvent event) {
        decisions.add(new RehearsalResult.Step(clock.instant(), event));
        approvalTimer.observe(event);
        desk.onRemediation(event);
    }

    /** Moves the clock to {@code target}, stopping at each time something falls due to run it. */
    private void advanceTo(Instant target) {
        Instant previous = null;
        int steps = 0;
        while (true) {
            Optional<Instant> next = Stream.of(scheduler.nextDue(), approvalTimer.nextDue(), ladderTimer.nextDue(),
                            desk.nextDue())
                    .flatMap(Optional::stream).min(Comparator.naturalOrder());
            if (next.isEmpty() || next.get().isAfter(target)) {
                break;
            }
            if (next.get().isAfter(clock.instant())) {
                clock.moveTo(next.get());
            }
            steps = Objects.equals(previous, clock.instant()) ? steps + 1 : 0;
            if (steps > MAX_STEPS_PER_INSTANT) {
                throw new IllegalStateException("the rehearsal does not settle at " + clock.instant());
            }
            previous = clock.instant();
            runDue();
        }
        clock.moveTo(target.isAfter(clock.instant()) ? target : clock.instant());
    }

    private void runDue() {
        scheduler.runDue();
        approvalTimer.expireIfDue(run.approvals()::expire);
        ladderTimer.judgeIfDue(run.ladders()::judge);
        desk.tick();
    }

    /** Configures a {@link Rehearsal}. Not thread safe. */
    public static final class Builder {

        private Instant start = Instant.parse("2026-01-01T00:00:00Z");
        private List<Path> playbooks = List.of();
        private List<PlaybookLoader.Source> sources;
        private PolicySet policies;
        private RehearsalSettings settings = RehearsalSettings.defaults();
        private SimulatedCluster cluster = new SimulatedCluster(List.of());

        private Builder() {
        }

        /** Where the virtual clock starts; default 2026-01-01T00:00:00Z. Alerts must not be earlier. */
        public Builder start(Instant start) {
            this.start = Objects.requireNonNull(start, "start");
            return this;
        }

        /**
         * The playbooks, read as the service reads its locations (files or directories of {@code *.yml}/{@code
         * *.yaml}); the build throws the loader's {@code InvalidPlaybookException} for an invalid file.
         */
        public Builder playbooks(List<Path> locations) {
            this.playbooks = List.copyOf(locations);
            return this;
        }

        /**
         * The playbooks, already read (file name and text), loaded with the service's loader; the build throws its
         * {@code InvalidPlaybookException} for an invalid source.
         */
        public Builder playbookSources(List<PlaybookLoader.Source> sources) {
            this.sources = List.copyOf(sources);
            return this;
        }

        /** The escalation policies; default: the notifier's shipped policies. */
        public Builder policies(PolicySet policies) {
            this.policies = policies;
            return this;
        }

        /** The service settings; default {@link RehearsalSettings#defaults()}. */
        public Builder settings(RehearsalSettings settings) {
            this.settings = Objects.requireNonNull(settings, "settings");
            return this;
        }

        /** The cluster the guards read and the actions change; default: every object exists and is healthy. */
        public Builder cluster(SimulatedCluster cluster) {
            this.cluster = Objects.requireNonNull(cluster, "cluster");
            return this;
        }

        public Rehearsal build() {
            return new Rehearsal(this);
        }
    }
}
