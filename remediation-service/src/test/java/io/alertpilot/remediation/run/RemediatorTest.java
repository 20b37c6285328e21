package io.alertpilot.remediation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.WindowMatcher;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.testing.TestClock;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.guard.InMemoryLedger;
import io.alertpilot.remediation.guard.LocalTargetLocks;
import io.alertpilot.remediation.guard.TargetLocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RemediatorTest {

    private final TestClock clock = TestClock.at("2026-11-23T10:00:00Z");
    private final List<RemediationEvent> events = new CopyOnWriteArrayList<>();
    private final RecordingExecutor executor = new RecordingExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private TargetLocks locks = new LocalTargetLocks(clock, "test");
    private RemediationRun run;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    private Remediator remediator(boolean dryRun, String playbooks) throws IOException {
        Files.writeString(dir.resolve("p.yml"), playbooks);
        run = TestRuns.run(List.of(dir.toString()), dryRun, ledger, locks, executor, events, scheduler, clock);
        return run.remediator();
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

    /** {@code cycles} times: FIRING, 15 s later RESOLVED, 15 s later the next cycle. */
    private void fireAndResolve(Remediator remediator, String fingerprint, int cycles) {
        for (int i = 0; i < cycles; i++) {
            remediator.handle(crash(AlertStatus.FIRING, fingerprint));
            clock.advance(Duration.ofSeconds(15));
            remediator.handle(crash(AlertStatus.RESOLVED, fingerprint));
            clock.advance(Duration.ofSeconds(15));
        }
    }

    private void awaitEveryActionVerified() {
        await().atMost(Duration.ofSeconds(5)).until(() -> events.stream()
                .filter(e -> e.phase() == RemediationPhase.VERIFIED).count() == executor.executed.size());
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
        assertThat(executor.executed).hasSize(1);
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
    void twoPlaybooksWithContinueBothActOnOneAlertEvaluateShowsBothAndARedeliveryActsOnNeither() throws IOException {
        Remediator remediator = remediator(false, """
                playbooks:
                  - name: restart-api
                    continue: true
                    match: { alertname: ServiceDown, matchers: ['team!=infra'] }
                    target: { kind: Deployment, namespace: shop, name: api }
                    actions: [ restart ]
                  - name: restart-worker
                    match: { alertname: ServiceDown, priority: [SEV-1] }
                    target: { kind: Deployment, namespace: shop, name: worker }
                    actions: [ restart ]
                  - name: never-reached
                    match: { alertname: ServiceDown }
                    target: { kind: Deployment, namespace: shop, name: other }
                    actions: [ restart ]
                """);
        AlertEvent alert = Alerts.firing("ServiceDown", Map.of("team", "shop")).sourceSeverity("Sev1")
                .fingerprint("down").build();

        Evaluation evaluation = run.evaluator().evaluate(alert);
        assertThat(evaluation.playbook()).isEqualTo("restart-api");
        assertThat(evaluation.outcome()).isEqualTo("act");
        assertThat(evaluation.continued()).singleElement().satisfies(next -> {
            assertThat(next.playbook()).isEqualTo("restart-worker");
            assertThat(next.targetKey()).isEqualTo("default/shop/Deployment/worker");
            assertThat(next.outcome()).isEqualTo("act");
        });

        remediator.handle(alert);
        awaitEveryActionVerified();
        remediator.handle(alert);

        assertThat(run.evaluator().evaluate(alert)).satisfies(again -> {
            assertThat(again.outcome()).isEqualTo("duplicate");
            assertThat(again.continued()).extracting(Evaluation::outcome).containsExactly("duplicate");
        });
        assertThat(executor.executed).hasSize(2);
        assertThat(events).filteredOn(e -> e.phase() == RemediationPhase.VERIFIED)
                .extracting(RemediationEvent::playbook, RemediationEvent::key)
                .containsExactlyInAnyOrder(tuple("restart-api", "default/shop/Deployment/api"),
                        tuple("restart-worker", "default/shop/Deployment/worker"));
        assertThat(events).extracting(RemediationEvent::playbook).doesNotContain("never-reached");
        assertThat(events).hasSize(8);
    }

    @Test
    void aRedeliveredRecordNeverActsTwice() throws IOException {
        Remediator remediator = remediator(false, RESTART);
        AlertEvent alert = crash(AlertStatus.FIRING, "f1");
        remediator.handle(alert);
        remediator.handle(alert);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 4);
        assertThat(executor.executed).hasSize(1);
    }

    @Test
    void dryRunOnlyPlans() throws IOException {
        remediator(true, RESTART).handle(crash(AlertStatus.FIRING, "f1"));
        assertThat(phases()).containsExactly(RemediationPhase.PLANNED);
        assertThat(events.getFirst().dryRun()).isTrue();
        assertThat(executor.executed).hasSize(0);
    }

    @Test
    void aFlappingAlertCausesNoMoreActionsThanConfigured() throws IOException {
        // at most 6 status changes per 10 minutes: the 5th firing (the 8th change) and later are left to humans
        Remediator remediator = remediator(false, RESTART.replace("maxAttempts: 3", "maxAttempts: 10"));
        fireAndResolve(remediator, "flap", 20);
        awaitEveryActionVerified();
        assertThat(executor.executed.size()).isBetween(1, 4);
        List<RemediationEvent> skipped = events.stream().filter(e -> e.phase() == RemediationPhase.SKIPPED).toList();
        assertThat(skipped).hasSize(20 - executor.executed.size());
        assertThat(skipped).extracting(RemediationEvent::reason).isSubsetOf("flapping", "target-lock");
        assertThat(skipped).extracting(RemediationEvent::reason).contains("flapping");
    }

    @Test
    void approvalWaitsThenRunsOnApprove() throws IOException {
        Remediator remediator = remediator(false, RESTART.replace("actions: [ restart ]",
                "actions: [ restart ]\n    approval: { required: true, timeout: 20m }"));
        remediator.handle(crash(AlertStatus.FIRING, "f1"));
        assertThat(phases()).containsExactly(RemediationPhase.PLANNED, RemediationPhase.PENDING_APPROVAL);
        assertThat(executor.executed).hasSize(0);
        String id = events.getLast().remediationId();
        RemediationEvent request = events.getLast();
        assertThat(request.deadline()).isEqualTo(clock.instant().plus(Duration.ofMinutes(20)));
        assertThat(request.action()).isEqualTo("restart");
        assertThat(request.target().key()).isEqualTo("default/shop/Deployment/api");
        assertThat(request.message()).contains("playbook restart needs approval to restart Deployment shop/api")
                .contains("for KubePodCrashLooping").contains("/api/v1/remediations/" + id + "/approve");
        Approvals.Waiting waiting = run.approvals().waiting(id).orElseThrow();
        assertThat(waiting).extracting(Approvals.Waiting::playbook, Approvals.Waiting::action,
                w -> w.target().key(), Approvals.Waiting::deadline)
                .containsExactly("restart", "restart", "default/shop/Deployment/api", request.deadline());
        assertThat(run.approvals().waiting("no-such-id")).isEmpty();
        assertThat(run.approvals().approve(id, "alice")).contains(id);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 5);
        assertThat(phases()).containsExactly(RemediationPhase.PLANNED, RemediationPhase.PENDING_APPROVAL,
                RemediationPhase.STARTED, RemediationPhase.SUCCEEDED, RemediationPhase.VERIFIED);
        assertThat(events).extracting(RemediationEvent::remediationId).containsOnly(id);
        assertThat(events).extracting(RemediationEvent::by).containsExactly(null, null, "alice", "alice", null);
        assertThat(events.get(2).message()).endsWith("(approved by alice)");
        assertThat(events.get(3).message()).endsWith("(approved by alice)");
        assertThat(run.approvals().approve(id, "alice")).isEmpty();
        assertThat(run.approvals().waiting(id)).as("decided: no longer waiting").isEmpty();
    }

    @Test
    void anApprovalGivenWhileAMaintenanceWindowHoldsTheTargetIsSkippedMaintenanceAndNothingRuns() throws IOException {
        List<MaintenanceWindow> windows = new CopyOnWriteArrayList<>();
        Files.writeString(dir.resolve("p.yml"), RESTART.replace("actions: [ restart ]",
                "actions: [ restart ]\n    approval: { required: true, timeout: 20m }"));
        run = TestRuns.run(List.of(dir.toString()), false, ledger, locks, executor, events, scheduler, clock,
                () -> windows);
        run.remediator().handle(crash(AlertStatus.FIRING, "f1"));
        String id = events.getLast().remediationId();
        windows.add(new MaintenanceWindow("w-9", List.of(WindowMatcher.equal("namespace", "shop")),
                clock.instant(), null, null, false, true, "node upgrade", "admin", clock.instant(), null, null));

        assertThat(run.approvals().approve(id, "alice")).contains(id);

        assertThat(phases()).containsExactly(RemediationPhase.PLANNED, RemediationPhase.PENDING_APPROVAL,
                RemediationPhase.SKIPPED);
        assertThat(events.getLast().reason()).isEqualTo("maintenance");
        assertThat(events.getLast().message()).contains("w-9", "node upgrade", "approved by alice, not run");
        assertThat(events.getLast().by()).isEqualTo("alice");
        assertThat(executor.executed).isEmpty();
    }

    @Test
    void aFailoverIsNotSwitchedBackWhileAWindowHoldsAutomationAndIsAtTheNextResolutionAfterIt() throws IOException {
        List<MaintenanceWindow> windows = new CopyOnWriteArrayList<>();
        Files.writeString(dir.resolve("p.yml"), """
                playbooks:
                  - name: failover
                    match: { alertname: DbDown }
                    target: { kind: Service, namespace: "{{ labels.namespace }}", name: "{{ labels.service }}" }
                    actions: [ { failover: { selector: { role: standby }, revertOnRecovery: true } } ]
                    guard: { cooldown: 0s }
                """);
        run = TestRuns.run(List.of(dir.toString()), false, ledger, locks, executor, events, scheduler, clock,
                () -> windows);
        executor.nextResult = new ActionResult.Done("switched", Map.of("previous.role", "primary"));
        run.remediator().handle(db(AlertStatus.FIRING, "e1"));
        awaitEveryActionVerified();
        windows.add(new MaintenanceWindow("w-7", List.of(WindowMatcher.equal("namespace", "db")),
                clock.instant(), null, null, false, true, "storage move", "admin", clock.instant(), null, null));
        clock.advance(Duration.ofMinutes(1));

        run.remediator().handle(db(AlertStatus.RESOLVED, "e2"));

        assertThat(executor.executed).as("nothing switched back").hasSize(1);
        assertThat(events.getLast().phase()).isEqualTo(RemediationPhase.SKIPPED);
        assertThat(events.getLast().reason()).isEqualTo("maintenance");
        assertThat(events.getLast().message()).contains("did not switch the Service back", "w-7", "storage move");
        assertThat(ledger.get("default/db/Service/orders").failover()).as("kept for later").isNotNull();

        windows.clear();
        // the Service points at the standby now: a second failover replaces the standby selector
        executor.nextResult = new ActionResult.Done("switched", Map.of("previous.role", "standby"));
        run.remediator().handle(db(AlertStatus.FIRING, "e3"));
        awaitEveryActionVerified();
        run.remediator().handle(db(AlertStatus.RESOLVED, "e4"));

        await().atMost(Duration.ofSeconds(5)).until(() -> executor.executed.size() == 3);
        assertThat(executor.executed.getLast()).as("back to the selector of before the first failover")
                .isEqualTo(new Action.Failover(Map.of("role", "primary"), false));
        await().atMost(Duration.ofSeconds(5)).until(() -> "revert".equals(events.getLast().reason()));
        assertThat(ledger.get("default/db/Service/orders").failover()).isNull();
    }

    private static AlertEvent db(AlertStatus status, String eventId) {
        return Alerts.firing("DbDown", Map.of("namespace", "db", "service", "orders")).status(status)
                .fingerprint("fdb").eventId(eventId).severity(Severity.CRITICAL).build();
    }

    @Test
    void rejectAndResolvedAndTimeoutEndAPendingApproval() throws IOException {
        Remediator remediator = remediator(false, RESTART.replace("actions: [ restart ]",
                "actions: [ restart ]\n    approval: { required: true, timeout: 5m }"));
        remediator.handle(crash(AlertStatus.FIRING, "a"));
        run.approvals().reject(events.getLast().remediationId(), "bob");
        assertThat(events.getLast()).extracting(RemediationEvent::phase, RemediationEvent::reason,
                RemediationEvent::by, RemediationEvent::message)
                .containsExactly(RemediationPhase.SKIPPED, "rejected", "bob", "rejected by bob");

        remediator.handle(crash(AlertStatus.FIRING, "b"));
        remediator.handle(crash(AlertStatus.RESOLVED, "b"));
        assertThat(events.getLast()).extracting(RemediationEvent::phase, RemediationEvent::reason,
                RemediationEvent::by).containsExactly(RemediationPhase.SKIPPED, "resolved", null);

        remediator.handle(crash(AlertStatus.FIRING, "c"));
        clock.advance(Duration.ofMinutes(6));
        run.approvals().expire();
        assertThat(events.getLast()).extracting(RemediationEvent::phase, RemediationEvent::reason)
                .containsExactly(RemediationPhase.SKIPPED, "approval-timeout");
        assertThat(executor.executed).hasSize(0);
    }

    @Test
    void anOpenBreakerSkipsAndAForbiddenCallFails() throws IOException {
        Remediator remediator = remediator(false, RESTART);
        executor.nextResult = new ActionResult.CircuitOpen("default");
        remediator.handle(crash(AlertStatus.FIRING, "f1"));
        assertThat(events.getLast()).extracting(RemediationEvent::phase, RemediationEvent::reason)
                .containsExactly(RemediationPhase.SKIPPED, "circuit-open");
        executor.nextResult = new ActionResult.Failed("http-403", "forbidden");
        remediator.handle(crash(AlertStatus.FIRING, "f2"));
        assertThat(events.getLast()).extracting(RemediationEvent::phase, RemediationEvent::reason)
                .containsExactly(RemediationPhase.FAILED, "http-403");
    }

    @Test
    void anUnexpectedErrorIsReportedAsFailedAndTheRedeliveryActsNoMore() throws IOException {
        Remediator remediator = remediator(false, RESTART);
        executor.nextError = new IllegalStateException("unexpected answer");
        AlertEvent alert = crash(AlertStatus.FIRING, "f1");
        remediator.handle(alert);
        assertThat(events.getLast()).extracting(RemediationEvent::phase, RemediationEvent::reason)
                .containsExactly(RemediationPhase.FAILED, "internal-error");
        executor.nextError = null;
        remediator.handle(alert);
        assertThat(executor.executed).hasSize(1);
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
        assertThat(executor.executed).hasSize(0);
    }

    @Test
    void aHostileLabelFailsBeforeAnyCall() throws IOException {
        remediator(false, RESTART).handle(Alerts.firing("KubePodCrashLooping",
                Map.of("namespace", "shop", "deployment", "../../x")).fingerprint("h").severity(Severity.CRITICAL)
                .build());
        assertThat(events).singleElement().extracting(RemediationEvent::phase, RemediationEvent::reason)
                .containsExactly(RemediationPhase.FAILED, "invalid-target");
        assertThat(executor.executed).hasSize(0);
    }

    private static final String RESOLVED_BEFORE_FIRING = """
            playbooks:
              - name: tell-a-human-it-recovered
                match: { alertname: KubePodCrashLooping, status: RESOLVED }
                actions: [ escalate ]
            """ + RESTART.substring(RESTART.indexOf('\n') + 1).replace("{ alertname: KubePodCrashLooping }",
            "{ alertname: KubePodCrashLooping, status: FIRING }");

    @Test
    void aFiringAlertGoesToTheFirstPlaybookWhoseRuleHoldsWithItsStatus() throws IOException {
        Remediator remediator = remediator(false, RESOLVED_BEFORE_FIRING);
        remediator.handle(crash(AlertStatus.FIRING, "f1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 4);
        assertThat(executor.executed).singleElement().isInstanceOf(Action.Restart.class);
        assertThat(events).extracting(RemediationEvent::playbook).containsOnly("restart");

        events.clear();
        remediator.handle(crash(AlertStatus.RESOLVED, "f1"));
        assertThat(events).extracting(RemediationEvent::playbook, RemediationEvent::phase, RemediationEvent::reason)
                .containsExactly(tuple("tell-a-human-it-recovered", RemediationPhase.PLANNED, null),
                        tuple("tell-a-human-it-recovered", RemediationPhase.SKIPPED, "escalate"));
        assertThat(executor.executed).hasSize(1);
    }

    @Test
    void aResolvedAlertCancelsTheApprovalOfThePlaybookThatHandledItFiringAlsoWhenAnotherActsOnTheResolution()
            throws IOException {
        Remediator remediator = remediator(false, RESOLVED_BEFORE_FIRING.replace("actions: [ restart ]",
                "actions: [ restart ]\n    approval: required"));
        remediator.handle(crash(AlertStatus.FIRING, "f1"));
        String pending = events.getLast().remediationId();
        assertThat(events.getLast().phase()).isEqualTo(RemediationPhase.PENDING_APPROVAL);

        remediator.handle(crash(AlertStatus.RESOLVED, "f1"));
        assertThat(events.subList(2, events.size()))
                .extracting(RemediationEvent::playbook, RemediationEvent::phase, RemediationEvent::reason)
                .containsExactly(tuple("restart", RemediationPhase.SKIPPED, "resolved"),
                        tuple("tell-a-human-it-recovered", RemediationPhase.PLANNED, null),
                        tuple("tell-a-human-it-recovered", RemediationPhase.SKIPPED, "escalate"));
        assertThat(run.approvals().approve(pending, "alice")).isEmpty();
        assertThat(executor.executed).isEmpty();
    }

    @Test
    void twoDifferentTargetlessAlertsDoNotShareACooldown() throws IOException {
        Remediator remediator = remediator(false, """
                playbooks:
                  - name: run-the-runbook
                    match: { alertname: DiskFull }
                    actions:
                      - webhook: { url: "https://runbooks.example.com/disk" }
                    guard: { cooldown: 10m }
                """);
        remediator.handle(Alerts.alert("DiskFull", AlertStatus.FIRING, Map.of("host", "a"), "disk-a"));
        remediator.handle(Alerts.alert("DiskFull", AlertStatus.FIRING, Map.of("host", "b"), "disk-b"));
        assertThat(executor.executed).hasSize(2);

        remediator.handle(Alerts.alert("DiskFull", AlertStatus.FIRING, Map.of("host", "a"), "disk-a"));
        assertThat(executor.executed).hasSize(2);
        // the first two are verified in the background, so their VERIFIED may come after the skip
        assertThat(events).filteredOn(e -> e.phase() == RemediationPhase.SKIPPED).singleElement()
                .extracting(RemediationEvent::fingerprint, RemediationEvent::reason)
                .containsExactly("disk-a", "cooldown");
        assertThat(ledger.keys()).containsExactlyInAnyOrder("default/-/-/-/run-the-runbook/disk-a",
                "default/-/-/-/run-the-runbook/disk-b");
    }

    /** Cooldown 5m, flapping after 6 changes in 30m: the crash-looping Deployment. */
    private static final String RESTART_GUARDED = RESTART.replace("cooldown: 0s", "cooldown: 5m")
            .replace("window: 10m", "window: 30m");

    /** 20 fire/resolve cycles 30 s apart on a fresh run; answers phase:reason of each firing's decision. */
    private List<String> twentyCycles(boolean dryRun) throws IOException {
        Remediator remediator = remediator(dryRun, RESTART_GUARDED);
        fireAndResolve(remediator, "loop", 20);
        awaitEveryActionVerified();
        return events.stream().filter(e -> e.phase() == RemediationPhase.STARTED
                || e.phase() == RemediationPhase.SKIPPED || e.phase() == RemediationPhase.PLANNED && e.dryRun())
                .map(e -> (e.phase() == RemediationPhase.PLANNED ? "STARTED" : e.phase().name()) + ":" + e.reason())
                .toList();
    }

    @Test
    void twentyFireResolveCyclesInDryRunPlanOnceThenSkipForTheLiveRunsReasons() throws IOException {
        List<String> dry = twentyCycles(true);
        assertThat(executor.executed).isEmpty();
        events.clear();
        clock.advance(Duration.ofHours(2));
        List<String> live = twentyCycles(false);

        assertThat(executor.executed).hasSize(1);
        // one restart, then cooldown until 5m, then flapping (more than 6 changes within 30m)
        List<String> expected = new ArrayList<>();
        expected.add("STARTED:null");
        expected.addAll(java.util.Collections.nCopies(9, "SKIPPED:cooldown"));
        expected.addAll(java.util.Collections.nCopies(10, "SKIPPED:flapping"));
        assertThat(live).containsExactlyElementsOf(expected);
        assertThat(dry).as("the dry run's PLANNED stand where the live run's STARTED do").isEqualTo(live);
    }

    @Test
    void aDryRunHistoryDoesNotBlockALiveActionOnceDryRunIsTurnedOff() throws IOException {
        remediator(true, RESTART_GUARDED).handle(crash(AlertStatus.FIRING, "a"));
        clock.advance(Duration.ofMinutes(1));
        run.remediator().handle(crash(AlertStatus.FIRING, "b"));
        assertThat(events).extracting(RemediationEvent::phase, RemediationEvent::reason).containsExactly(
                tuple(RemediationPhase.PLANNED, null), tuple(RemediationPhase.SKIPPED, "cooldown"));

        // the same ledger, dry run off: the planned restart never ran, so no cooldown holds the live one back
        events.clear();
        remediator(false, RESTART_GUARDED).handle(crash(AlertStatus.FIRING, "c"));
        await().atMost(Duration.ofSeconds(5)).until(() -> events.size() == 4);
        assertThat(phases()).containsExactly(RemediationPhase.PLANNED, RemediationPhase.STARTED,
                RemediationPhase.SUCCEEDED, RemediationPhase.VERIFIED);
        assertThat(executor.executed).hasSize(1);
    }

    @Test
    void aPlaybookInDryRunNextToALiveOneCountsApart() throws IOException {
        Remediator remediator = remediator(false, RESTART_GUARDED + """
                  - name: scale-in-dry-run
                    match: { alertname: HighLatency }
                    target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                    actions: [ { scale: { by: 1, max: 5 } } ]
                    guard: { cooldown: 5m }
                    dryRun: true
                """);
        AlertEvent latency = Alerts.firing("HighLatency", Map.of("namespace", "shop", "deployment", "api"))
                .fingerprint("lat").build();
        remediator.handle(latency);
        clock.advance(Duration.ofMinutes(1));
        remediator.handle(crash(AlertStatus.FIRING, "crash"));
        await().atMost(Duration.ofSeconds(5)).until(() -> phases().contains(RemediationPhase.VERIFIED));
        assertThat(executor.executed).as("the planned scale is no live action on the target").hasSize(1);
        clock.advance(Duration.ofSeconds(270));
        // its own planned scale is 5.5 minutes old; it sees the live restart of 4.5 minutes ago as the live run would
        remediator.handle(Alerts.firing("HighLatency", Map.of("namespace", "shop", "deployment", "api"))
                .fingerprint("lat").build());
        assertThat(events.getLast()).extracting(RemediationEvent::playbook, RemediationEvent::phase,
                RemediationEvent::reason, RemediationEvent::dryRun)
                .containsExactly("scale-in-dry-run", RemediationPhase.SKIPPED, "cooldown", true);
    }
}
