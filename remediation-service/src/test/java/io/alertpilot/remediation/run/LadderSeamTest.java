package io.alertpilot.remediation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.guard.LedgerEntry.LadderState;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ladders of several alerts and playbooks on one target, and the seams between the listener and the timer. */
class LadderSeamTest {
    private static final String KEY = "default/shop/Deployment/api";
    private static final String LADDER = """
            playbooks:
              - name: service-down
                match: { alertname: ServiceDown }
                target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                guard: { cooldown: 5m, maxAttempts: 10, window: 1h }
                approval: { required: false, timeout: 2h }
                steps:
                  - actions: [ restart ]
                    holdFor: 5m
                  - action: { scale: { by: 2, max: 10 } }
                    holdFor: 5m
                  - action: rollback
                    approval: required
                    holdFor: 5m
                    otherwise: escalate
            """;
    private final TestRuns.Fixture fixture = new TestRuns.Fixture("replica-a");
    @TempDir Path dir;
    @AfterEach void stop() { fixture.close(); }

    private static AlertEvent down(String fp, String pod) {
        return Alerts.firing("ServiceDown", Map.of("namespace", "shop", "deployment", "api", "pod", pod))
                .status(AlertStatus.FIRING).fingerprint(fp).severity(Severity.CRITICAL).build();
    }
    private LadderState ladder(String fp) { return fixture.ledger.get(KEY).ladder(fp, "service-down"); }
    private void awaitLadder(String fp, int step, String state) {
        await().atMost(Duration.ofSeconds(5)).until(() -> ladder(fp) != null
                && ladder(fp).step() == step && ladder(fp).state().equals(state));
    }

    @Test
    void approvingStep3RollbackAfterAnotherPodsAlertStartedItsLadderRunsTheRightAction() throws Exception {
        Files.writeString(dir.resolve("p.yml"), LADDER);
        RemediationRun run = fixture.run(dir, false);
        run.remediator().handle(down("fp-1", "api-1"));
        awaitLadder("fp-1", 1, LadderLedger.HOLDING);
        fixture.clock.advance(Duration.ofMinutes(5));
        run.ladders().judge();
        awaitLadder("fp-1", 2, LadderLedger.HOLDING);
        fixture.clock.advance(Duration.ofMinutes(5));
        run.ladders().judge();
        awaitLadder("fp-1", 3, LadderLedger.AWAITING_APPROVAL);
        RemediationEvent pending = fixture.events.getLast();
        assertThat(pending.action()).isEqualTo("rollback");

        fixture.clock.advance(Duration.ofMinutes(6));   // past the 5m cooldown of step 2's scale
        run.remediator().handle(down("fp-2", "api-2")); // another pod of the same Deployment
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.executor.executed.size() == 3);
        awaitLadder("fp-2", 1, LadderLedger.HOLDING);
        assertThat(ladder("fp-1")).as("fp-1's ladder still waits at step 3")
                .extracting(LadderState::step, LadderState::state).containsExactly(3, LadderLedger.AWAITING_APPROVAL);

        fixture.clock.advance(Duration.ofMinutes(6));
        run.approvals().approve(pending.remediationId(), "alice");
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.executor.executed.size() == 4);
        assertThat(fixture.executor.executed.getLast()).as("alice approved the rollback")
                .isInstanceOf(Action.Rollback.class);
        assertThat(fixture.events).filteredOn(e -> "fp-1".equals(e.fingerprint())
                        && e.phase() == RemediationPhase.STARTED).last()
                .extracting(RemediationEvent::action, RemediationEvent::step, RemediationEvent::by)
                .containsExactly("rollback", 3, "alice");
        assertThat(ladder("fp-2")).as("fp-2's ladder is its own").isNotNull();
    }
}
