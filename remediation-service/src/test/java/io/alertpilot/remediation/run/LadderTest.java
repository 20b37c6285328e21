package io.alertpilot.remediation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.guard.LedgerEntry.LadderState;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A ladder's steps as the ledger holds them: started, held, judged still firing, cleared, continued by a replica. */
class LadderTest {

    private static final String KEY = "default/shop/Deployment/api";
    static final String LADDER = """
            playbooks:
              - name: service-down
                match: { alertname: ServiceDown }
                target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                guard: { cooldown: 30m, maxAttempts: 5, window: 1h }
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

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        fixture.close();
    }

    private RemediationRun run(String playbooks) throws IOException {
        Files.writeString(dir.resolve("p.yml"), playbooks);
        return fixture.run(dir, false);
    }

    private static AlertEvent serviceDown(AlertStatus status) {
        return Alerts.firing("ServiceDown", Map.of("namespace", "shop", "deployment", "api")).status(status)
                .fingerprint("fp-down").severity(Severity.CRITICAL).build();
    }

    private LadderState ladder() {
        return fixture.ledger.get(KEY).ladder("fp-down", "service-down");
    }

    private void awaitLadder(int step, String state) {
        await().atMost(Duration.ofSeconds(5)).until(() -> ladder() != null && ladder().step() == step
                && ladder().state().equals(state));
    }

    @Test
    void climbsStepByStepWhileTheAlertStillFiresAndEndsWhenItResolves() throws IOException {
        RemediationRun run = run(LADDER);
        run.remediator().handle(serviceDown(AlertStatus.FIRING));
        awaitLadder(1, LadderLedger.HOLDING);
        assertThat(fixture.executor.executed).hasExactlyElementsOfTypes(Action.Restart.class);
        assertThat(fixture.events).as("the rollout alone does not verify a step with holdFor")
                .extracting(RemediationEvent::phase, RemediationEvent::step).containsExactly(
                        tuple(RemediationPhase.PLANNED, 1), tuple(RemediationPhase.STARTED, 1),
                        tuple(RemediationPhase.SUCCEEDED, 1));

        run.remediator().handle(serviceDown(AlertStatus.FIRING));
        assertThat(fixture.executor.executed).as("a FIRING while the step holds changes nothing").hasSize(1);

        fixture.clock.advance(Duration.ofMinutes(5));
        run.ladders().judge();
        awaitLadder(2, LadderLedger.HOLDING);
        assertThat(fixture.executor.executed).as("the cooldown of step 1 does not hold step 2 back")
                .hasExactlyElementsOfTypes(Action.Restart.class, Action.Scale.class);
        assertThat(fixture.events).filteredOn(e -> e.phase() == RemediationPhase.FAILED)
                .extracting(RemediationEvent::reason, RemediationEvent::step, RemediationEvent::action)
                .containsExactly(tuple(Ladders.STILL_FIRING, 1, "restart"));

        fixture.clock.advance(Duration.ofMinutes(5));
        run.ladders().judge();
        awaitLadder(3, LadderLedger.AWAITING_APPROVAL);
        RemediationEvent pending = fixture.events.getLast();
        assertThat(pending.phase()).isEqualTo(RemediationPhase.PENDING_APPROVAL);
        assertThat(pending.step()).isEqualTo(3);
        assertThat(pending.action()).isEqualTo("rollback");

        assertThat(run.approvals().approve(pending.remediationId(), "alice")).contains(pending.remediationId());
        awaitLadder(3, LadderLedger.HOLDING);
        assertThat(fixture.executor.executed.getLast()).isInstanceOf(Action.Rollback.class);

        run.remediator().handle(serviceDown(AlertStatus.RESOLVED));
        assertThat(ladder().state()).isEqualTo(LadderLedger.CLEARED);
        assertThat(fixture.events.getLast()).extracting(RemediationEvent::phase, RemediationEvent::step,
                RemediationEvent::remediationId, RemediationEvent::message).containsExactly(
                        RemediationPhase.VERIFIED, 3, pending.remediationId(), LadderLedger.CLEARED_MESSAGE);

        fixture.clock.advance(Duration.ofMinutes(5));
        run.ladders().judge();
        assertThat(ladder()).as("held clear for holdFor: the ladder ends").isNull();
        assertThat(fixture.events).extracting(RemediationEvent::step).doesNotContainNull();
    }

    @Test
    void aFiringWhileTheClearedLadderHoldsContinuesAtTheNextStep() throws IOException {
        RemediationRun run = run(LADDER);
        run.remediator().handle(serviceDown(AlertStatus.FIRING));
        awaitLadder(1, LadderLedger.HOLDING);
        fixture.clock.advance(Duration.ofMinutes(1));
        run.remediator().handle(serviceDown(AlertStatus.RESOLVED));
        assertThat(fixture.events.getLast()).extracting(RemediationEvent::phase, RemediationEvent::step)
                .containsExactly(RemediationPhase.VERIFIED, 1);

        fixture.clock.advance(Duration.ofMinutes(1));
        run.remediator().handle(serviceDown(AlertStatus.FIRING));
        awaitLadder(2, LadderLedger.HOLDING);
        assertThat(fixture.executor.executed.getLast()).isInstanceOf(Action.Scale.class);
    }

    @Test
    void theLastStepStillFiringEndsTheLadderForAHuman() throws IOException {
        RemediationRun run = run(LADDER.replace("        approval: required\n", "")
                .replace("        otherwise: escalate\n", ""));
        run.remediator().handle(serviceDown(AlertStatus.FIRING));
        for (int step = 1; step <= 3; step++) {
            awaitLadder(step, LadderLedger.HOLDING);
            fixture.clock.advance(Duration.ofMinutes(5));
            run.ladders().judge();
        }
        assertThat(ladder()).isNull();
        assertThat(fixture.events.subList(fixture.events.size() - 2, fixture.events.size()))
                .extracting(RemediationEvent::phase, RemediationEvent::reason, RemediationEvent::step)
                .containsExactly(tuple(RemediationPhase.FAILED, Ladders.STILL_FIRING, 3),
                        tuple(RemediationPhase.SKIPPED, Ladders.EXHAUSTED, 3));
    }

    @Test
    void otherwiseStopEndsTheLadderAfterTheStep() throws IOException {
        RemediationRun run = run(LADDER.replaceFirst("        holdFor: 5m\n",
                "        holdFor: 5m\n        otherwise: stop\n"));
        run.remediator().handle(serviceDown(AlertStatus.FIRING));
        awaitLadder(1, LadderLedger.HOLDING);
        fixture.clock.advance(Duration.ofMinutes(5));
        run.ladders().judge();
        assertThat(ladder()).isNull();
        assertThat(fixture.events.getLast()).extracting(RemediationEvent::phase, RemediationEvent::reason)
                .containsExactly(RemediationPhase.SKIPPED, Ladders.STOPPED);
        assertThat(fixture.executor.executed).hasSize(1);
    }

    @Test
    void anotherReplicaContinuesTheLadderAtTheRightStep() throws IOException {
        RemediationRun first = run(LADDER);
        first.remediator().handle(serviceDown(AlertStatus.FIRING));
        awaitLadder(1, LadderLedger.HOLDING);

        RemediationRun second = fixture.run(dir, false);
        fixture.clock.advance(Duration.ofMinutes(5));
        second.ladders().judge();
        awaitLadder(2, LadderLedger.HOLDING);
        first.ladders().judge();
        assertThat(fixture.executor.executed).as("judged once, by one replica")
                .hasExactlyElementsOfTypes(Action.Restart.class, Action.Scale.class);
    }

    @Test
    void aDryRunLadderPlansEachStepJudgedAgainstTheRealAlert() throws IOException {
        Files.writeString(dir.resolve("p.yml"), LADDER);
        RemediationRun run = fixture.run(dir, true);
        run.remediator().handle(serviceDown(AlertStatus.FIRING));
        awaitLadder(1, LadderLedger.HOLDING);
        fixture.clock.advance(Duration.ofMinutes(5));
        run.ladders().judge();
        awaitLadder(2, LadderLedger.HOLDING);
        assertThat(fixture.executor.executed).isEmpty();
        assertThat(fixture.events).allMatch(RemediationEvent::dryRun)
                .extracting(RemediationEvent::phase, RemediationEvent::step, RemediationEvent::action)
                .containsExactly(tuple(RemediationPhase.PLANNED, 1, "restart"),
                        tuple(RemediationPhase.FAILED, 1, "restart"), tuple(RemediationPhase.PLANNED, 2, "scale"));
    }
}
