package io.alertpilot.remediation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.WindowMatcher;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.guard.LedgerEntry.RevertRecord;
import io.alertpilot.testing.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The ways back of actions with {@code revertOnRecovery}/{@code removeOnRecovery}, through the whole run. */
class RevertsTest {

    private static final String KEY = "default/shop/Deployment/api";
    private static final String SERVICE_KEY = "default/shop/Service/db";
    private static final String PLAYBOOKS = """
            playbooks:
              - name: contain
                match: { alertname: Compromised }
                target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                actions:
                  - patch-hpa: { min: 4, max: 12, revertOnRecovery: true }
                  - isolate: { removeOnRecovery: true }
                guard: { cooldown: 0s }
              - name: switch
                match: { alertname: Outage }
                target: { kind: Service, namespace: shop, name: db }
                actions: [ { failover: { selector: { role: standby }, revertOnRecovery: true } } ]
                approval: none
                guard: { cooldown: 0s }
              - name: isolate-for-good
                match: { alertname: Breach }
                target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                actions: [ isolate ]
                guard: { cooldown: 0s }
            """;
    /** What the executor answers for both actions: the details the Kubernetes executor gives. */
    private static final ActionResult.Done DONE = new ActionResult.Done("done", Map.of("hpa", "api", "previousMin",
            "2", "previousMax", "6", "minReplicas", "4", "maxReplicas", "12", "policy", "alertpilot-isolate-api",
            "created", "true"));

    private final TestRuns.Fixture fixture = new TestRuns.Fixture("test");
    private final List<MaintenanceWindow> windows = new CopyOnWriteArrayList<>();
    private RemediationRun run;

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        fixture.close();
    }

    private RemediationRun run() throws IOException {
        Files.writeString(dir.resolve("p.yml"), PLAYBOOKS);
        fixture.executor.nextResult = DONE;
        return TestRuns.run(List.of(dir.toString()), false, fixture.ledger, fixture.locks, fixture.executor,
                fixture.events, fixture.scheduler, fixture.clock, () -> windows);
    }

    @Test
    void aResolutionUndoesEveryChangeOfItsAlertInOrderUnderReasonRevert() throws IOException {
        run = run();
        run.remediator().handle(alert("Compromised", AlertStatus.FIRING, "fp-1"));
        awaitVerified(2);
        assertThat(fixture.ledger.get(KEY).reverts()).extracting(RevertRecord::action)
                .containsExactly("patch-hpa", "isolate");

        run.remediator().handle(alert("Compromised", AlertStatus.RESOLVED, "fp-1"));

        assertThat(fixture.executor.executed.subList(2, 4)).containsExactly(
                new Action.PatchHpa("api", 2, 6, false), new Action.EndIsolation("alertpilot-isolate-api"));
        assertThat(reverts()).extracting(RemediationEvent::action, RemediationEvent::phase).containsExactly(
                tuple("patch-hpa", RemediationPhase.PLANNED), tuple("patch-hpa", RemediationPhase.STARTED),
                tuple("patch-hpa", RemediationPhase.SUCCEEDED), tuple("patch-hpa", RemediationPhase.VERIFIED),
                tuple("isolate", RemediationPhase.PLANNED), tuple("isolate", RemediationPhase.STARTED),
                tuple("isolate", RemediationPhase.SUCCEEDED), tuple("isolate", RemediationPhase.VERIFIED));
        assertThat(reverts()).extracting(RemediationEvent::playbook).containsOnly("contain");
        assertThat(fixture.ledger.get(KEY).reverts()).isEmpty();
    }

    @Test
    void aResolutionWhileAnotherActionHoldsTheTargetKeepsTheWaysBackAndTheTimerTakesThemOnceItIsFree()
            throws IOException {
        run = run();
        run.remediator().handle(alert("Compromised", AlertStatus.FIRING, "fp-1"));
        awaitVerified(2);
        var busy = fixture.locks.tryLock(KEY, Duration.ofMinutes(10)).orElseThrow(); // a step's rollout being verified
        run.remediator().handle(alert("Compromised", AlertStatus.RESOLVED, "fp-1"));
        run.ladders().judge();

        assertThat(fixture.executor.executed).as("nothing undone yet").hasSize(2);
        assertThat(fixture.events).noneMatch(e -> e.phase() == RemediationPhase.SKIPPED
                || e.phase() == RemediationPhase.FAILED);
        assertThat(fixture.ledger.get(KEY).reverts()).as("not undone, so the ways back stay, due")
                .extracting(RevertRecord::action).containsExactly("patch-hpa", "isolate");
        assertThat(fixture.ledger.get(KEY).reverts()).allSatisfy(r -> assertThat(r.due()).isNotNull());

        run.remediator().handle(Alerts.firing("Compromised", Map.of("namespace", "shop", "deployment", "api"))
                .fingerprint("fp-1").severity(Severity.CRITICAL).eventId("again").build());
        busy.close();
        fixture.clock.advance(Duration.ofSeconds(15));
        run.ladders().judge();
        assertThat(fixture.executor.executed).as("the alert fires again: its changes are its own again").hasSize(2);

        run.remediator().handle(alert("Compromised", AlertStatus.RESOLVED, "fp-1"));
        fixture.clock.advance(Duration.ofSeconds(15));
        run.ladders().judge();

        assertThat(fixture.executor.executed.subList(2, 4)).containsExactly(
                new Action.PatchHpa("api", 2, 6, false), new Action.EndIsolation("alertpilot-isolate-api"));
        assertThat(reverts()).filteredOn(e -> e.phase() == RemediationPhase.VERIFIED)
                .extracting(RemediationEvent::action).containsExactly("patch-hpa", "isolate");
        assertThat(fixture.ledger.get(KEY).reverts()).isEmpty();
    }

    @Test
    void aWayBackStillNotTakenTwoLockTtlsAfterTheResolutionIsFailedForAHumanAndForgotten() throws IOException {
        run = run();
        run.remediator().handle(alert("Compromised", AlertStatus.FIRING, "fp-1"));
        awaitVerified(2);
        fixture.executor.nextResult = new ActionResult.Failed("forbidden", "horizontalpodautoscalers is forbidden");
        run.remediator().handle(alert("Compromised", AlertStatus.RESOLVED, "fp-1"));
        assertThat(fixture.ledger.get(KEY).reverts()).as("kept to be tried again").hasSize(2);
        assertThat(fixture.events).noneMatch(e -> e.phase() == RemediationPhase.FAILED);

        fixture.clock.advance(Duration.ofMinutes(20)); // the test runs' lock TTL is 10m
        run.ladders().judge();

        assertThat(fixture.events).filteredOn(e -> e.phase() == RemediationPhase.FAILED)
                .extracting(RemediationEvent::action, RemediationEvent::reason)
                .containsExactly(tuple("patch-hpa", "revert-failed"), tuple("isolate", "revert-failed"));
        assertThat(fixture.events).filteredOn(e -> e.phase() == RemediationPhase.FAILED).first()
                .extracting(RemediationEvent::message).asString()
                .contains("forbidden", "the change stays, undo it by hand");
        assertThat(fixture.ledger.get(KEY).reverts()).isEmpty();
    }

    @Test
    void anotherAlertsResolutionAndAnActionWithoutAWayBackUndoNothing() throws IOException {
        run = run();
        run.remediator().handle(alert("Compromised", AlertStatus.FIRING, "fp-1"));
        awaitVerified(2);
        fixture.clock.advance(Duration.ofMinutes(1));
        run.remediator().handle(alert("Breach", AlertStatus.FIRING, "fp-2"));
        awaitVerified(3);

        run.remediator().handle(alert("Breach", AlertStatus.RESOLVED, "fp-2"));

        assertThat(reverts()).isEmpty();
        assertThat(fixture.ledger.get(KEY).reverts()).extracting(RevertRecord::fingerprint).containsOnly("fp-1");
    }

    @Test
    void aWindowHoldsTheWaysBackSkippedMaintenanceAndTheNextResolutionAfterItTakesThemToTheFirstValues()
            throws IOException {
        run = run();
        run.remediator().handle(alert("Compromised", AlertStatus.FIRING, "fp-1"));
        awaitVerified(2);
        windows.add(new MaintenanceWindow("w-3", List.of(WindowMatcher.equal("namespace", "shop")),
                fixture.clock.instant(), null, null, false, true, "incident review", "admin", fixture.clock.instant(),
                null, null));
        fixture.clock.advance(Duration.ofMinutes(1));

        run.remediator().handle(alert("Compromised", AlertStatus.RESOLVED, "fp-1"));

        assertThat(fixture.executor.executed).as("nothing undone").hasSize(2);
        List<RemediationEvent> held = fixture.events.subList(fixture.events.size() - 2, fixture.events.size());
        assertThat(held).extracting(RemediationEvent::action).containsExactly("patch-hpa", "isolate");
        assertThat(held).allSatisfy(e -> {
            assertThat(e.phase()).isEqualTo(RemediationPhase.SKIPPED);
            assertThat(e.reason()).isEqualTo("maintenance");
            assertThat(e.message()).contains("w-3", "incident review", "the change stays");
        });
        assertThat(fixture.ledger.get(KEY).reverts()).as("kept for later").hasSize(2);

        windows.clear();
        // patched again while the first bounds are still the way back: the HPA has 4..12 now
        fixture.executor.nextResult = new ActionResult.Done("done", Map.of("hpa", "api", "previousMin", "4",
                "previousMax", "12", "policy", "alertpilot-isolate-api", "created", "false"));
        run.remediator().handle(alert("Compromised", AlertStatus.FIRING, "fp-1"));
        awaitVerified(4);
        run.remediator().handle(alert("Compromised", AlertStatus.RESOLVED, "fp-1"));

        assertThat(fixture.executor.executed.subList(4, 6)).containsExactly(new Action.PatchHpa("api", 2, 6, false),
                new Action.EndIsolation("alertpilot-isolate-api"));
        assertThat(fixture.ledger.get(KEY).reverts()).isEmpty();
    }

    @Test
    void aFailoverWhosePromoteFailedKeepsTheWayBackToTheFirstSelectorThroughARetry() throws IOException {
        run = run();
        ActionResult.Done switched = new ActionResult.Done("switched", Map.of("previous.role", "primary"));
        fixture.executor.nextResult = new ActionResult.Failed("lro-failed", "promoting failed", switched);
        run.remediator().handle(alert("Outage", AlertStatus.FIRING, "fp-db"));
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.events.stream()
                .anyMatch(e -> e.phase() == RemediationPhase.FAILED));
        assertThat(fixture.ledger.get(SERVICE_KEY).failover()).as("the switch is remembered").isNotNull();

        // the retry switches again: the Service has the standby's selector now, which must not become the way back
        fixture.clock.advance(Duration.ofMinutes(1));
        fixture.executor.nextResult = new ActionResult.Done("switched", Map.of("previous.role", "standby"));
        run.remediator().handle(alert("Outage", AlertStatus.FIRING, "fp-db"));
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.events.stream()
                .anyMatch(e -> e.phase() == RemediationPhase.VERIFIED) && fixture.locks.holder(SERVICE_KEY).isEmpty());
        run.remediator().handle(alert("Outage", AlertStatus.RESOLVED, "fp-db"));

        assertThat(fixture.executor.executed.getLast()).isEqualTo(new Action.Failover(Map.of("role", "primary"),
                false));
        assertThat(reverts()).extracting(RemediationEvent::phase).contains(RemediationPhase.SUCCEEDED);
    }

    private static AlertEvent alert(String name, AlertStatus status, String fingerprint) {
        return Alerts.firing(name, Map.of("namespace", "shop", "deployment", "api")).status(status)
                .fingerprint(fingerprint).severity(Severity.CRITICAL).build();
    }

    private void awaitVerified(int count) {
        await().atMost(Duration.ofSeconds(5)).until(() -> fixture.events.stream()
                .filter(e -> e.phase() == RemediationPhase.VERIFIED && !"revert".equals(e.reason())).count() == count
                && fixture.locks.holder(KEY).isEmpty());
    }

    private List<RemediationEvent> reverts() {
        return fixture.events.stream().filter(e -> "revert".equals(e.reason())).toList();
    }
}
