package io.alertpilot.remediation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.testing.TestClock;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionExecutor;
import io.alertpilot.remediation.action.ActionPlanner;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.NamespacePolicy;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.action.Verification;
import io.alertpilot.remediation.guard.ActionRateLimiter;
import io.alertpilot.remediation.guard.GuardDefaults;
import io.alertpilot.remediation.guard.Guards;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.LocalTargetLocks;
import io.alertpilot.remediation.guard.TargetLocks;
import io.alertpilot.remediation.playbook.PlaybookLibrary;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemediatorTest {

    private final TestClock clock = TestClock.at("2026-11-23T10:00:00Z");
    private final List<RemediationEvent> events = new CopyOnWriteArrayList<>();
    private final AtomicInteger calls = new AtomicInteger();
    private volatile ActionResult nextResult = new ActionResult.Done("ok", Map.of());
    private volatile RuntimeException nextError;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final MemoryLedger ledger = new MemoryLedger();
    private TargetLocks locks = new LocalTargetLocks(clock, "test");

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    static final class MemoryLedger implements Ledger {
        final Map<String, LedgerEntry> entries = new ConcurrentHashMap<>();

        public LedgerEntry get(String key) {
            return entries.getOrDefault(key, LedgerEntry.empty(key));
        }

        public void put(LedgerEntry entry) {
            entries.put(entry.targetKey(), entry);
        }

        public void sync() {
        }

        public Collection<LedgerEntry> all() {
            return entries.values();
        }
    }

    private Remediator remediator(boolean dryRun, String playbooks) throws IOException {
        Files.writeString(dir.resolve("p.yml"), playbooks);
        ActionExecutor executor = new ActionExecutor() {
            public ActionResult execute(ResolvedTarget target, Action action, ExecutionContext context) {
                calls.incrementAndGet();
                if (nextError != null) {
                    throw nextError;
                }
                return nextResult;
            }

            public Verification verify(ResolvedTarget target, Action action, ActionResult.Done done) {
                return new Verification.Verified("ready");
            }
        };
        NamespacePolicy namespaces = new NamespacePolicy(Set.of(), Set.of("kube-system"));
        return new Remediator(new PlaybookLibrary(List.of(dir.toString()), clock),
                new ActionPlanner(namespaces, "default"),
                new Guards(namespaces, new ActionRateLimiter(100, Duration.ofMinutes(1), clock), clock),
                new GuardDefaults(Duration.ZERO, 3, Duration.ofHours(1), 6, Duration.ofMinutes(30), 0),
                ledger, locks, null, executor, events::add, new RecentRemediations(100),
                new RemediationMetrics(new SimpleMeterRegistry()), scheduler,
                new RemediationSettings(dryRun, Duration.ofMinutes(10), Duration.ofSeconds(5), Duration.ofMillis(10),
                        Duration.ofMinutes(15)),
                clock);
    }

    private static final String RESTART = """
            playbooks:
              - name: restart
                match: { alertname: KubePodCrashLooping }
                target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                actions: [ restart ]
                guard: { cooldown: 0s, maxAttempts: 3, window: 1h, flapping: { maxTransitions: 6, window: 10m } }
            """;

    private static AlertEvent crash(AlertStatus status, String fingerprint) {
        return Alerts.firing("KubePodCrashLooping", Map.of("namespace", "shop", "deployment", "api")).status(status)
                .fingerprint(fingerprint).severity(Severity.CRITICAL).build();
    }

    private List<RemediationPhase> phases() {
        return events.stream().map(RemediationEvent::phase).toList();
    }

    @Test
    void alertsOfOneTargetOnSeveralListenerThreadsAtOnceGiveOneAction() throws Exception {
        Remediator remediator = remediator(false, RESTART.replace("cooldown: 0s", "cooldown: 10m"));
        int threads = 4;
        CyclicBarrier start = new CyclicBarrier(threads);
        List<Future<?>> handled = new ArrayList<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(threads)) {
            for (int i = 0; i < threads; i++) {
                AlertEvent alert = crash(AlertStatus.FIRING, "fp-thread-" + i);
                handled.add(pool.submit(() -> {
                    start.await();
                    remediator.handle(alert);
                    return null;
                }));
            }
            for (Future<?> future : handled) {
                future.get(30, TimeUnit.SECONDS);
            }
        }
        assertThat(calls).hasValue(1);
        assertThat(events).filteredOn(e -> e.phase() == RemediationPhase.STARTED).hasSize(1);
        // the later ones saw the first one's attempt on the ledger, not only its lock
        assertThat(events).filteredOn(e -> e.phase() == RemediationPhase.SKIPPED).hasSize(threads - 1)
                .extracting(RemediationEvent::reason).containsOnly("cooldown");
    }

    @Test
    void actsAndReportsEveryStepInOrder() throws IOException {
        remediator(false, RESTART).handle(crash(AlertStatus.FIRING, "f1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 4);
        assertThat(phases()).containsExactly(RemediationPhase.PLANNED, RemediationPhase.STARTED,
                RemediationPhase.SUCCEEDED, RemediationPhase.VERIFIED);
        assertThat(events).extracting(RemediationEvent::remediationId).containsOnly(events.getFirst().remediationId());
        assertThat(events.getFirst().key()).isEqualTo("default/shop/Deployment/api");
    }

    @Test
    void aRedeliveredRecordNeverActsTwice() throws IOException {
        Remediator remediator = remediator(false, RESTART);
        AlertEvent alert = crash(AlertStatus.FIRING, "f1");
        remediator.handle(alert);
        remediator.handle(alert);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 4);
        assertThat(calls).hasValue(1);
    }

    @Test
    void dryRunOnlyPlans() throws IOException {
        remediator(true, RESTART).handle(crash(AlertStatus.FIRING, "f1"));
        assertThat(phases()).containsExactly(RemediationPhase.PLANNED);
        assertThat(events.getFirst().dryRun()).isTrue();
        assertThat(calls).hasValue(0);
    }

    @Test
    void aFlappingAlertCausesNoMoreActionsThanConfigured() throws IOException {
        // at most 6 status changes per 10 minutes: the 5th firing (the 8th change) and later are left to humans
        Remediator remediator = remediator(false, RESTART.replace("maxAttempts: 3", "maxAttempts: 10"));
        for (int i = 0; i < 20; i++) {
            remediator.handle(crash(AlertStatus.FIRING, "flap"));
            clock.advance(Duration.ofSeconds(15));
            remediator.handle(crash(AlertStatus.RESOLVED, "flap"));
            clock.advance(Duration.ofSeconds(15));
        }
        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream()
                .filter(e -> e.phase() == RemediationPhase.VERIFIED).count() == calls.get());
        assertThat(calls.get()).isBetween(1, 4);
        List<RemediationEvent> skipped = events.stream().filter(e -> e.phase() == RemediationPhase.SKIPPED).toList();
        assertThat(skipped).hasSize(20 - calls.get());
        assertThat(skipped).extracting(RemediationEvent::reason).isSubsetOf("flapping", "target-lock");
        assertThat(skipped).extracting(RemediationEvent::reason).contains("flapping");
    }

    @Test
    void approvalWaitsThenRunsOnApprove() throws IOException {
        Remediator remediator = remediator(false, RESTART.replace("actions: [ restart ]",
                "actions: [ restart ]\n    approval: required"));
        remediator.handle(crash(AlertStatus.FIRING, "f1"));
        assertThat(phases()).containsExactly(RemediationPhase.PLANNED, RemediationPhase.PENDING_APPROVAL);
        assertThat(calls).hasValue(0);
        String id = events.getLast().remediationId();
        assertThat(remediator.approve(id, "alice")).contains(id);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 5);
        assertThat(phases()).containsExactly(RemediationPhase.PLANNED, RemediationPhase.PENDING_APPROVAL,
                RemediationPhase.STARTED, RemediationPhase.SUCCEEDED, RemediationPhase.VERIFIED);
        assertThat(events).extracting(RemediationEvent::remediationId).containsOnly(id);
        assertThat(remediator.approve(id, "alice")).isEmpty();
    }

    @Test
    void rejectAndResolvedAndTimeoutEndAPendingApproval() throws IOException {
        Remediator remediator = remediator(false, RESTART.replace("actions: [ restart ]",
                "actions: [ restart ]\n    approval: { required: true, timeout: 5m }"));
        remediator.handle(crash(AlertStatus.FIRING, "a"));
        remediator.reject(events.getLast().remediationId(), "bob");
        assertThat(events.getLast()).extracting(RemediationEvent::phase, RemediationEvent::reason)
                .containsExactly(RemediationPhase.SKIPPED, "rejected");

        remediator.handle(crash(AlertStatus.FIRING, "b"));
        remediator.handle(crash(AlertStatus.RESOLVED, "b"));
        assertThat(events.getLast()).extracting(RemediationEvent::phase, RemediationEvent::reason)
                .containsExactly(RemediationPhase.SKIPPED, "resolved");

        remediator.handle(crash(AlertStatus.FIRING, "c"));
        clock.advance(Duration.ofMinutes(6));
        remediator.expireApprovals();
        assertThat(events.getLast()).extracting(RemediationEvent::phase, RemediationEvent::reason)
                .containsExactly(RemediationPhase.SKIPPED, "approval-timeout");
        assertThat(calls).hasValue(0);
    }

    @Test
    void anOpenBreakerSkipsAndAForbiddenCallFails() throws IOException {
        Remediator remediator = remediator(false, RESTART);
        nextResult = new ActionResult.CircuitOpen("default");
        remediator.handle(crash(AlertStatus.FIRING, "f1"));
        assertThat(events.getLast()).extracting(RemediationEvent::phase, RemediationEvent::reason)
                .containsExactly(RemediationPhase.SKIPPED, "circuit-open");
        nextResult = new ActionResult.Failed("http-403", "forbidden");
        remediator.handle(crash(AlertStatus.FIRING, "f2"));
        assertThat(events.getLast()).extracting(RemediationEvent::phase, RemediationEvent::reason)
                .containsExactly(RemediationPhase.FAILED, "http-403");
    }

    @Test
    void anUnexpectedErrorIsReportedAsFailedAndTheRedeliveryActsNoMore() throws IOException {
        Remediator remediator = remediator(false, RESTART);
        nextError = new IllegalStateException("unexpected answer");
        AlertEvent alert = crash(AlertStatus.FIRING, "f1");
        remediator.handle(alert);
        assertThat(events.getLast()).extracting(RemediationEvent::phase, RemediationEvent::reason)
                .containsExactly(RemediationPhase.FAILED, "internal-error");
        nextError = null;
        remediator.handle(alert);
        assertThat(calls).hasValue(1);
        assertThat(phases()).containsExactly(RemediationPhase.PLANNED, RemediationPhase.STARTED,
                RemediationPhase.FAILED);
    }

    @Test
    void anEscalationIsNotHeldBackByALockHeldElsewhere() throws IOException {
        // every lock is held by a replica that died holding it
        locks = new TargetLocks() {
            public Optional<TargetLock> tryLock(String targetKey, Duration ttl) {
                return Optional.empty();
            }

            public Optional<String> holder(String targetKey) {
                return Optional.of("dead-replica");
            }
        };
        Remediator remediator = remediator(false, """
                playbooks:
                  - name: to-a-human
                    match: { alertname: NeedsHuman }
                    actions: [ escalate ]
                """);
        remediator.handle(Alerts.firing("NeedsHuman", Map.of("namespace", "shop")).fingerprint("e1").build());
        remediator.handle(Alerts.firing("NeedsHuman", Map.of("namespace", "shop")).fingerprint("e2").build());
        assertThat(events).extracting(RemediationEvent::phase, RemediationEvent::reason).containsExactly(
                tuple(RemediationPhase.PLANNED, null), tuple(RemediationPhase.SKIPPED, "escalate"),
                tuple(RemediationPhase.PLANNED, null), tuple(RemediationPhase.SKIPPED, "escalate"));
        assertThat(calls).hasValue(0);
    }

    @Test
    void aHostileLabelFailsBeforeAnyCall() throws IOException {
        remediator(false, RESTART).handle(Alerts.firing("KubePodCrashLooping",
                Map.of("namespace", "shop", "deployment", "../../x")).fingerprint("h").severity(Severity.CRITICAL)
                .build());
        assertThat(events).singleElement().extracting(RemediationEvent::phase, RemediationEvent::reason)
                .containsExactly(RemediationPhase.FAILED, "invalid-target");
        assertThat(calls).hasValue(0);
    }
}
