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
import io.alertpilot.model.kafka.Json;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.LedgerEntry.LadderState;
import io.alertpilot.remediation.guard.LedgerEntry.PendingApproval;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ladders of several alerts and playbooks on one target, and the seams between the listener and the timer. */
class LadderSeamTest {
    private static final String KEY = "default/shop/Deployment/api";
    /** {@link LadderTest#LADDER} with a 5m cooldown and approvals that wait 2h. */
    private static final String LADDER = LadderTest.LADDER.replace(
            "guard: { cooldown: 30m, maxAttempts: 5, window: 1h }",
            "guard: { cooldown: 5m, maxAttempts: 10, window: 1h }\n    approval: { required: false, timeout: 2h }");

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

    /** The ledger of replica A's timer: at its {@code at}-th catch-up, another replica writes first. */
    private static final class Interleaved implements Ledger {
        private final Ledger ledger;
        private final AtomicInteger syncs = new AtomicInteger();
        private volatile int at = -1;
        private volatile Runnable meanwhile;

        Interleaved(Ledger ledger) {
            this.ledger = ledger;
        }

        void arm(int at, Runnable meanwhile) {
            syncs.set(0);
            this.meanwhile = meanwhile;
            this.at = at;
        }

        @Override public LedgerEntry get(String key) { return ledger.get(key); }
        @Override public LedgerEntry put(LedgerEntry entry) { return ledger.put(entry); }
        @Override public Collection<LedgerEntry> all() { return ledger.all(); }
        @Override public void sync() {
            ledger.sync();
            Runnable now = meanwhile;
            if (now != null && syncs.incrementAndGet() == at) {
                meanwhile = null;
                now.run();
            }
        }
    }

    @ParameterizedTest(name = "written before the timer's catch-up {0}")
    @ValueSource(ints = {1, 2, 3})
    void aResolutionOnAnotherReplicaWhileTheTimerJudgesTheStepClearsItAndTheLadderDoesNotClimb(int at)
            throws Exception {
        Files.writeString(dir.resolve("p.yml"), LADDER);
        Interleaved timerLedger = new Interleaved(fixture.ledger);
        RemediationRun a = TestRuns.run(List.of(dir.toString()), false, timerLedger, fixture.locks, fixture.executor,
                fixture.events, fixture.scheduler, fixture.clock);
        RemediationRun b = fixture.run(dir, false);
        a.remediator().handle(down("fp-1", "api-1"));
        awaitLadder("fp-1", 1, LadderLedger.HOLDING);
        fixture.clock.advance(Duration.ofMinutes(5));
        AlertEvent resolved = Alerts.firing("ServiceDown", Map.of("namespace", "shop", "deployment", "api",
                "pod", "api-1")).status(AlertStatus.RESOLVED).fingerprint("fp-1").severity(Severity.CRITICAL).build();
        timerLedger.arm(at, () -> b.remediator().handle(resolved));

        a.ladders().judge();

        assertThat(timerLedger.meanwhile).as("the resolution was written while the timer judged").isNull();
        assertThat(fixture.executor.executed).as("no second step").hasSize(1);
        assertThat(fixture.events).noneMatch(e -> Ladders.STILL_FIRING.equals(e.reason()));
        assertThat(fixture.events.getLast()).extracting(RemediationEvent::phase, RemediationEvent::step)
                .containsExactly(RemediationPhase.VERIFIED, 1);
        assertThat(ladder("fp-1").state()).isEqualTo(LadderLedger.CLEARED);
    }

    @Test
    void aStepWithoutHoldForIsVerifiedByItsRolloutAndEndsTheLadder() throws Exception {
        Files.writeString(dir.resolve("p.yml"), """
                playbooks:
                  - name: service-down
                    match: { alertname: ServiceDown }
                    target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                    steps:
                      - actions: [ restart ]
                      - action: { scale: { by: 2, max: 10 } }
                        holdFor: 5m
                """);
        RemediationRun run = fixture.run(dir, false);
        run.remediator().handle(down("fp-1", "api-1"));
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.events.stream()
                .anyMatch(e -> e.phase() == RemediationPhase.VERIFIED) && fixture.locks.holder(KEY).isEmpty());
        assertThat(ladder("fp-1")).as("the step held once verified: the ladder ends").isNull();

        fixture.clock.advance(Duration.ofHours(1));
        run.ladders().judge();

        assertThat(fixture.events).extracting(RemediationEvent::phase, RemediationEvent::step).containsExactly(
                tuple(RemediationPhase.PLANNED, 1), tuple(RemediationPhase.STARTED, 1),
                tuple(RemediationPhase.SUCCEEDED, 1), tuple(RemediationPhase.VERIFIED, 1));
    }

    @Test
    void anEntryWrittenWithOneLadderStillReads() {
        String old = "{\"targetKey\":\"" + KEY + "\",\"ladder\":{\"fingerprint\":\"fp-1\",\"playbook\":"
                + "\"service-down\",\"step\":2,\"state\":\"HOLDING\",\"since\":\"2026-11-23T10:00:00Z\","
                + "\"until\":\"2026-11-23T10:05:00Z\"}}";
        LedgerEntry entry = Json.read(old.getBytes(StandardCharsets.UTF_8), LedgerEntry.class);
        assertThat(entry.ladder("fp-1", "service-down")).extracting(LadderState::step, LadderState::state)
                .containsExactly(2, LadderLedger.HOLDING);
        assertThat(Json.read("{\"targetKey\":\"k\",\"ladder\":null}".getBytes(StandardCharsets.UTF_8),
                LedgerEntry.class).ladders()).isEmpty();
        assertThat(Json.read(Json.write(entry), LedgerEntry.class)).isEqualTo(entry);
    }

    @Test
    void anApprovalOfALadderPlaybookThatDoesNotTellItsStepRunsNothingAndSaysSo() throws Exception {
        Files.writeString(dir.resolve("p.yml"), LADDER);
        RemediationRun run = fixture.run(dir, false);
        AlertEvent alert = down("fp-1", "api-1");
        Instant now = fixture.clock.instant();
        // a request stored before requests knew their step, whose ladder state is gone
        fixture.ledger.put(LedgerEntry.empty(KEY).withPending(list -> {
            list.add(new PendingApproval("r-old", "service-down", alert, 0, now, now.plus(Duration.ofHours(1))));
            return list;
        }, now));

        run.approvals().approve("r-old", "alice");

        assertThat(fixture.executor.executed).as("never the whole playbook (step 1's restart)").isEmpty();
        assertThat(fixture.events).singleElement()
                .extracting(RemediationEvent::phase, RemediationEvent::reason, RemediationEvent::by)
                .containsExactly(RemediationPhase.FAILED, "ladder-step-unknown", "alice");
    }
}
