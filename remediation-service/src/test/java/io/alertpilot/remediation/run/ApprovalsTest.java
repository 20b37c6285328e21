package io.alertpilot.remediation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.guard.GuardCheckUnavailableException;
import io.alertpilot.remediation.guard.InMemoryLedger;
import io.alertpilot.remediation.guard.LocalTargetLocks;
import io.alertpilot.remediation.guard.TargetLocks;
import io.alertpilot.testing.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Answers to an approval on two replicas that share the ledger and the lock store. */
class ApprovalsTest {

    private static final String KEY = "default/shop/Deployment/api";

    private final TestClock clock = TestClock.at("2026-11-23T10:00:00Z");
    private final List<RemediationEvent> events = new CopyOnWriteArrayList<>();
    private final RecordingExecutor executor = new RecordingExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final TargetLocks locks = new LocalTargetLocks(clock, "cluster");
    private RemediationRun replicaA;
    private RemediationRun replicaB;
    private String id;

    @TempDir
    Path dir;

    @BeforeEach
    void requestOnA() throws IOException {
        Files.writeString(dir.resolve("p.yml"), """
                playbooks:
                  - name: restart
                    match: { alertname: KubePodCrashLooping }
                    target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                    actions: [ restart ]
                    approval: { required: true, timeout: 5m }
                """);
        replicaA = TestRuns.run(List.of(dir.toString()), false, ledger, locks, executor, events, scheduler, clock);
        replicaB = TestRuns.run(List.of(dir.toString()), false, ledger, locks, executor, events, scheduler, clock);
        AlertEvent alert = Alerts.firing("KubePodCrashLooping", Map.of("namespace", "shop", "deployment", "api"))
                .status(AlertStatus.FIRING).fingerprint("f1").severity(Severity.CRITICAL).build();
        replicaA.remediator().handle(alert);
        id = events.getLast().remediationId();
        assertThat(events.getLast().phase()).isEqualTo(RemediationPhase.PENDING_APPROVAL);
    }

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void anApproveWhileAnotherReplicaHoldsTheTargetDecidesNothingAndCanBeGivenAgain() {
        TargetLocks.TargetLock expiring = locks.tryLock(KEY, Duration.ofMinutes(1)).orElseThrow();

        assertThatThrownBy(() -> replicaB.approvals().approve(id, "alice"))
                .isInstanceOfSatisfying(GuardCheckUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo("lock-unavailable"));
        assertThat(replicaA.approvals().waiting(id)).as("still waiting").isPresent();
        assertThat(executor.executed).isEmpty();

        expiring.close();
        assertThat(replicaB.approvals().approve(id, "alice")).contains(id);
        await().atMost(Duration.ofSeconds(5)).until(() -> events.getLast().phase() == RemediationPhase.VERIFIED);
        assertThat(executor.executed).hasSize(1);
    }

    @Test
    void onceOneReplicaTookTheAnswerTheExpiryAndTheOtherReplicaChangeNothing() {
        assertThat(replicaB.approvals().reject(id, "bob")).contains(id);
        clock.advance(Duration.ofMinutes(6));
        replicaA.approvals().expire();
        assertThat(replicaA.approvals().approve(id, "alice")).isEmpty();

        assertThat(events).extracting(RemediationEvent::phase).containsExactly(RemediationPhase.PLANNED,
                RemediationPhase.PENDING_APPROVAL, RemediationPhase.SKIPPED);
        assertThat(events.getLast().reason()).isEqualTo("rejected");
        assertThat(executor.executed).isEmpty();
    }
}
