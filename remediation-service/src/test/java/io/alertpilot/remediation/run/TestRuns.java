package io.alertpilot.remediation.run;

import io.alertpilot.model.maintenance.MaintenanceWindows;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.remediation.action.ActionExecutor;
import io.alertpilot.remediation.action.ActionPlanner;
import io.alertpilot.remediation.action.NamespacePolicy;
import io.alertpilot.remediation.decide.Decider;
import io.alertpilot.remediation.decide.KnownClusters;
import io.alertpilot.remediation.guard.ActionRateLimiter;
import io.alertpilot.remediation.guard.GuardDefaults;
import io.alertpilot.remediation.guard.Guards;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.TargetLocks;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.alertpilot.remediation.guard.InMemoryLedger;
import io.alertpilot.remediation.guard.LocalTargetLocks;
import io.alertpilot.testing.TestClock;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

/** The whole remediation run on test state: the service's defaults, {@code kube-system} denied, no cluster. */
final class TestRuns {

    /** The clusters the test runs know: the default and the samples' cluster. */
    static final KnownClusters KNOWN_CLUSTERS = KnownClusters.of(Set.of("default", "aks-shop-prod-weu"));

    private static final Duration APPROVAL_TIMEOUT = Duration.ofMinutes(15);

    private TestRuns() {
    }

    static RemediationRun run(List<String> playbooks, boolean dryRun, Ledger ledger, TargetLocks locks,
            ActionExecutor executor, List<RemediationEvent> events, ScheduledExecutorService scheduler, Clock clock) {
        return run(playbooks, dryRun, ledger, locks, executor, events, scheduler, clock, MaintenanceWindows.NONE);
    }

    /**
     * The state test runs work on: a test clock, the events they report, an executor that records, an in-memory
     * ledger and in-JVM target locks shared by every run made of it (replicas of one service). Closing stops the
     * scheduler.
     */
    static final class Fixture implements AutoCloseable {
        final TestClock clock = TestClock.at("2026-11-23T10:00:00Z");
        final List<RemediationEvent> events = new CopyOnWriteArrayList<>();
        final RecordingExecutor executor = new RecordingExecutor();
        final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        final InMemoryLedger ledger = new InMemoryLedger();
        final TargetLocks locks;

        /** @param lockHolder who the locks say holds a target */
        Fixture(String lockHolder) {
            this.locks = new LocalTargetLocks(clock, lockHolder);
        }

        /** A run (one replica) of the playbooks in {@code playbooks} on this state. */
        RemediationRun run(Path playbooks, boolean dryRun) {
            return TestRuns.run(List.of(playbooks.toString()), dryRun, ledger, locks, executor, events, scheduler,
                    clock);
        }

        @Override
        public void close() {
            scheduler.shutdownNow();
        }
    }

    /** The decider of the test runs: the service's defaults, {@code kube-system} denied. */
    static Decider decider(boolean dryRun, Clock clock) {
        NamespacePolicy namespaces = new NamespacePolicy(Set.of(), Set.of("kube-system"));
        return new Decider(new ActionPlanner(namespaces, "default"),
                new Guards(namespaces, new ActionRateLimiter(100, Duration.ofMinutes(1), clock), clock),
                new GuardDefaults(Duration.ZERO, 3, Duration.ofHours(1), 6, Duration.ofMinutes(30), 0),
                dryRun, APPROVAL_TIMEOUT, clock, KNOWN_CLUSTERS);
    }

    /** The run with {@code windows} in force. */
    static RemediationRun run(List<String> playbooks, boolean dryRun, Ledger ledger, TargetLocks locks,
            ActionExecutor executor, List<RemediationEvent> events, ScheduledExecutorService scheduler, Clock clock,
            MaintenanceWindows windows) {
        RemediationSettings settings = new RemediationSettings(dryRun, Duration.ofMinutes(10), Duration.ofSeconds(5),
                Duration.ofMillis(10), APPROVAL_TIMEOUT);
        return RemediationRun.of(new RemediationRun.Parts(new PlaybookLibrary(playbooks, clock), decider(dryRun, clock),
                ledger, locks, null, executor, new RemediationReporter(events::add, event -> { },
                        new RemediationMetrics(new SimpleMeterRegistry()), clock),
                scheduler, settings, clock), windows);
    }
}
