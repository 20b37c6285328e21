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
import io.alertpilot.remediation.guard.TargetLocks;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Answers to an approval on two replicas that share the ledger and the lock store. */
class ApprovalsTest {

    private static final String KEY = "default/shop/Deployment/api";

    private final TestRuns.Fixture state = new TestRuns.Fixture("cluster");
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
        replicaA = state.run(dir, false);
        replicaB = state.run(dir, false);
        AlertEvent alert = Alerts.firing("KubePodCrashLooping", Map.of("namespace", "shop", "deployment", "api"))
                .status(AlertStatus.FIRING).fingerprint("f1").severity(Severity.CRITICAL).build();
        replicaA.remediator().handle(alert);
        id = state.events.getLast().remediationId();
        assertThat(state.events.getLast().phase()).isEqualTo(RemediationPhase.PENDING_APPROVAL);
    }

    @AfterEach
    void stop() {
        state.close();
    }

    @Test
    void anApproveWhileAnotherReplicaHoldsTheTargetDecidesNothingAndCanBeGivenAgain() {
        TargetLocks.TargetLock expiring = state.locks.tryLock(KEY, Duration.ofMinutes(1)).orElseThrow();

        assertThatThrownBy(() -> replicaB.approvals().approve(id, "alice"))
                .isInstanceOfSatisfying(GuardCheckUnavailableException.class,
                        e -> assertThat(e.reason()).isEqualTo("lock-unavailable"));
        assertThat(replicaA.approvals().waiting(id)).as("still waiting").isPresent();
        assertThat(state.executor.executed).isEmpty();

        expiring.close();
        assertThat(replicaB.approvals().approve(id, "alice")).contains(id);
        await().atMost(Duration.ofSeconds(5))
                .until(() -> state.events.getLast().phase() == RemediationPhase.VERIFIED);
        assertThat(state.executor.executed).hasSize(1);
    }

    @Test
    void onceOneReplicaTookTheAnswerTheExpiryAndTheOtherReplicaChangeNothing() {
        assertThat(replicaB.approvals().reject(id, "bob")).contains(id);
        state.clock.advance(Duration.ofMinutes(6));
        replicaA.approvals().expire();
        assertThat(replicaA.approvals().approve(id, "alice")).isEmpty();

        assertThat(state.events).extracting(RemediationEvent::phase).containsExactly(RemediationPhase.PLANNED,
                RemediationPhase.PENDING_APPROVAL, RemediationPhase.SKIPPED);
        assertThat(state.events.getLast().reason()).isEqualTo("rejected");
        assertThat(state.executor.executed).isEmpty();
    }
}
