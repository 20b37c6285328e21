package io.alertpilot.notifier.escalation;

import static io.alertpilot.notifier.escalation.MachineRun.FP;
import static io.alertpilot.notifier.escalation.MachineRun.WINDOW;
import static io.alertpilot.notifier.escalation.TestPolicies.APPROVERS;
import static io.alertpilot.notifier.escalation.TestPolicies.INCIDENTS;
import static io.alertpilot.notifier.escalation.TestPolicies.MANAGER;
import static io.alertpilot.notifier.escalation.TestPolicies.PRIMARY;
import static io.alertpilot.notifier.escalation.TestPolicies.SECONDARY;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.PendingNotification;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.notifier.testing.Events;
import io.alertpilot.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * An alert and its remediation event come on two topics with no order between them: whichever is read first, the
 * same pages go to the same contacts (the alert's policy), and an alert that never comes still pages someone.
 */
class RecordOrderTest {

    private static final Contact DEFAULT = new Contact("slack", "alerts");
    private static final Instant START = new TestClock().instant();

    @ParameterizedTest(name = "{0} dry run {1}")
    @CsvSource({"FAILED, false", "SKIPPED, false", "PLANNED, true", "STARTED, false", "VERIFIED, false",
            "PENDING_APPROVAL, false"})
    void eitherOrderSendsTheSamePagesToTheSameContacts(RemediationPhase phase, boolean dryRun) {
        RemediationEvent event = event(phase, dryRun);

        MachineRun inOrder = new MachineRun();
        inOrder.fire();
        inOrder.clock.advance(Duration.ofSeconds(1));
        inOrder.apply(inOrder.machine.onRemediation(inOrder.incident, event, inOrder.now()));
        List<Contact> inOrderFirstWindow = timeline(inOrder);

        MachineRun eventFirst = new MachineRun();
        eventFirst.apply(eventFirst.machine.onRemediation(null, event, eventFirst.now()));
        assertThat(eventFirst.sent).as("nothing is sent before the alert routes the incident").isEmpty();
        eventFirst.clock.advance(Duration.ofSeconds(1));
        eventFirst.fire();
        List<Contact> firstWindow = timeline(eventFirst);

        assertThat(sends(eventFirst)).isEqualTo(sends(inOrder));
        assertThat(eventFirst.incident.state()).isEqualTo(inOrder.incident.state());
        assertThat(eventFirst.incident.policy()).isEqualTo("critical");
        assertThat(eventFirst.incident.lastRemediation()).isEqualTo(inOrder.incident.lastRemediation());
        assertThat(eventFirst.incident.heldRemediations()).isEmpty();
        assertThat(firstWindow).isEqualTo(inOrderFirstWindow);
        switch (phase) {
            case FAILED, SKIPPED, PLANNED -> assertThat(firstWindow).containsExactly(PRIMARY);
            case PENDING_APPROVAL -> assertThat(firstWindow).containsExactly(APPROVERS);
            default -> assertThat(firstWindow).as("handled: nobody paged before the grace ends").isEmpty();
        }
        // still firing after the grace: the critical policy's steps, never the default policy's contact
        assertThat(eventFirst.triggered()).contains(PRIMARY).doesNotContain(DEFAULT);
    }

    @Test
    void severalHeldEventsAreAppliedInTheOrderTheyCame() {
        MachineRun run = new MachineRun();
        run.apply(run.machine.onRemediation(null, event(RemediationPhase.STARTED, false), run.now()));
        run.apply(run.machine.onRemediation(run.incident, event(RemediationPhase.FAILED, false), run.now()));
        assertThat(run.incident.heldRemediations()).extracting(RemediationEvent::phase)
                .containsExactly(RemediationPhase.STARTED, RemediationPhase.FAILED);
        run.fire();
        assertThat(run.incident.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(run.triggered()).containsExactly(PRIMARY);
    }

    @Test
    void aHeldEventRedeliveredChangesNothingAndSurvivesARestart() throws Exception {
        MachineRun run = new MachineRun();
        RemediationEvent failed = event(RemediationPhase.FAILED, false);
        run.apply(run.machine.onRemediation(null, failed, run.now()));
        assertThat(run.machine.onRemediation(run.incident, failed, run.now()).changed()).isFalse();

        // the incident topic's value, read back by the replica that takes over
        String json = Json.mapper().writeValueAsString(run.incident);
        run.incident = Json.mapper().readValue(json, Incident.class);
        assertThat(run.incident.heldRemediations()).containsExactly(failed);

        run.fire();
        assertThat(run.triggered()).containsExactly(PRIMARY);
        assertThat(run.machine.onRemediation(run.incident, failed, run.now()).changed()).isFalse();
        assertThat(run.machine.onAlert(run.incident, Events.firing(FP, Severity.CRITICAL, run.now()), run.now())
                .changed()).isFalse();
        assertThat(run.triggered()).containsExactly(PRIMARY);
    }

    @Test
    void aRecordWrittenBeforeHeldEventsReadsAsHoldingNone() throws Exception {
        MachineRun run = new MachineRun();
        run.fire();
        String json = Json.mapper().writeValueAsString(run.incident).replace(",\"heldRemediations\":[]", "");
        assertThat(json).doesNotContain("heldRemediations");
        assertThat(Json.mapper().readValue(json, Incident.class)).isEqualTo(run.incident);
    }

    @Test
    void anAlertThatNeverComesEscalatesByTheDefaultPolicyAtTheEndOfTheWindowSayingSo() {
        MachineRun run = new MachineRun();
        run.apply(run.machine.onRemediation(null, event(RemediationPhase.STARTED, false), run.now()));
        run.tickAt(WINDOW.minusSeconds(1));
        assertThat(run.sent).isEmpty();
        run.tickAt(Duration.ofSeconds(1));
        assertThat(run.incident.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(run.triggered()).containsExactly(DEFAULT);
        assertThat(run.incident.lastRemediation()).startsWith("alert not received within the decision window")
                .contains("STARTED restart-crashlooping-pods/restart");
        assertThat(run.incident.heldRemediations()).isEmpty();
        run.tickAt(Duration.ofSeconds(1));
        assertThat(run.triggered()).as("paged once").containsExactly(DEFAULT);
        // the alert comes late after all: it routes the incident by its policy, and pages nobody twice
        run.fire();
        assertThat(run.triggered()).containsExactly(DEFAULT, PRIMARY);
    }

    @Test
    void anAlertAfterItsWindowRoutesTheEscalatedIncidentByItsPolicyFromThenOn() {
        MachineRun run = new MachineRun();
        run.apply(run.machine.onRemediation(null, event(RemediationPhase.FAILED, false), run.now()));
        run.tickAt(WINDOW);
        assertThat(run.triggered()).containsExactly(DEFAULT);

        run.clock.advance(Duration.ofSeconds(5));
        run.fire();
        assertThat(run.incident.policy()).isEqualTo("critical");
        assertThat(run.incident.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(run.triggered()).as("the step reached, paged by the alert's policy at once")
                .containsExactly(DEFAULT, PRIMARY);
        assertThat(run.machine.onAlert(run.incident, Events.firing(FP, Severity.CRITICAL, run.now()), run.now())
                .changed()).isFalse();
        for (Duration step : List.of(Duration.ofMinutes(5), Duration.ofMinutes(10), Duration.ofMinutes(20),
                Duration.ofMinutes(30), Duration.ofMinutes(30))) {
            run.tickAt(step);
        }
        assertThat(run.triggered()).as("the steps that follow go to the alert's policy")
                .containsExactly(DEFAULT, PRIMARY, SECONDARY, MANAGER, INCIDENTS, PRIMARY, SECONDARY, MANAGER,
                        INCIDENTS);
    }

    @Test
    void aContactTheDefaultPolicyPagedIsNotPagedTwiceForTheSameStepWhenTheLateAlertReroutes() {
        Policy sharedDefault = new Policy("chat", "test", PolicyMatch.ANY,
                List.of(new Step(Duration.ZERO, List.of(PRIMARY))), 0, Duration.ofMinutes(10), null, List.of(),
                List.of(), null);
        MachineRun run = new MachineRun(new PolicySet(List.of(TestPolicies.critical(), sharedDefault)));
        run.apply(run.machine.onRemediation(null, event(RemediationPhase.SKIPPED, false), run.now()));
        run.tickAt(WINDOW);
        assertThat(run.triggered()).containsExactly(PRIMARY);

        run.fire();
        assertThat(run.incident.policy()).isEqualTo("critical");
        assertThat(run.triggered()).as("step 0 reached PRIMARY already").containsExactly(PRIMARY);
        run.tickAt(Duration.ofMinutes(5));
        assertThat(run.triggered()).containsExactly(PRIMARY, SECONDARY);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({"FAILED", "PENDING_APPROVAL", "STARTED"})
    void anEventReadBeforeTheAlertThatRefiresIsHeldForTheReopenedIncident(RemediationPhase phase) {
        MachineRun run = new MachineRun();
        run.fire();
        run.clock.advance(Duration.ofSeconds(5));
        run.apply(run.machine.onAlert(run.incident, Events.resolved(FP, Severity.CRITICAL, run.now()), run.now()));
        assertThat(run.incident.state()).isEqualTo(IncidentState.RESOLVED);
        long resolvedVersion = run.incident.version();

        run.clock.advance(Duration.ofMinutes(10));
        RemediationEvent next = phase == RemediationPhase.PENDING_APPROVAL
                ? Events.approvalRequest(FP, "rem-2", run.now(), run.now().plus(Duration.ofMinutes(30)))
                : Events.remediation(FP, "rem-2", phase, run.now(), false);
        run.apply(run.machine.onRemediation(run.incident, next, run.now()));
        assertThat(run.incident.heldRemediations()).as("held for the next occurrence").containsExactly(next);
        assertThat(run.incident.version()).isGreaterThan(resolvedVersion);
        assertThat(run.machine.onRemediation(run.incident, next, run.now()).changed()).isFalse();
        assertThat(run.sent).isEmpty();

        run.clock.advance(Duration.ofSeconds(1));
        run.fire(); // the alert fires again
        assertThat(run.incident.heldRemediations()).isEmpty();
        assertThat(run.incident.policy()).isEqualTo("critical");
        switch (phase) {
            case FAILED -> {
                assertThat(run.triggered()).containsExactly(PRIMARY);
                assertThat(run.incident.lastRemediation()).startsWith("FAILED");
            }
            case PENDING_APPROVAL -> assertThat(run.triggered()).containsExactly(APPROVERS);
            default -> {
                assertThat(run.incident.state()).isEqualTo(IncidentState.REMEDIATING);
                run.tickAt(WINDOW);
                assertThat(run.triggered()).as("handled: no page for an unhandled alert").isEmpty();
            }
        }
    }

    @Test
    void anEventOfTheResolvedOccurrenceChangesNothing() {
        MachineRun run = new MachineRun();
        run.fire();
        RemediationEvent before = Events.remediation(FP, "rem-1", RemediationPhase.FAILED, run.now(), false);
        run.clock.advance(Duration.ofSeconds(5));
        run.apply(run.machine.onAlert(run.incident, Events.resolved(FP, Severity.CRITICAL, run.now()), run.now()));
        run.clock.advance(Duration.ofSeconds(5));
        assertThat(run.machine.onRemediation(run.incident, before, run.now()).changed()).isFalse();
        RemediationEvent verified = Events.remediation(FP, "rem-1", RemediationPhase.VERIFIED, run.now(), false);
        assertThat(run.machine.onRemediation(run.incident, verified, run.now()).changed())
                .as("a follow-up of the resolved occurrence's run").isFalse();
    }

    private static RemediationEvent event(RemediationPhase phase, boolean dryRun) {
        return phase == RemediationPhase.PENDING_APPROVAL
                ? Events.approvalRequest(FP, "rem-1", START, START.plus(Duration.ofMinutes(30)))
                : Events.remediation(FP, "rem-1", phase, START, dryRun);
    }

    /**
     * The decision window, the remediation grace and the policy's steps and repeat, each passed.
     *
     * @return the contacts paged by the end of the decision window
     */
    private static List<Contact> timeline(MachineRun run) {
        run.tickAt(WINDOW);
        List<Contact> firstWindow = run.triggered();
        for (Duration step : List.of(Duration.ofMinutes(5), Duration.ofMinutes(5), Duration.ofMinutes(10),
                Duration.ofMinutes(30), Duration.ofMinutes(30))) {
            run.tickAt(step);
        }
        return firstWindow;
    }

    /** What was sent, to whom, in order. */
    private static List<String> sends(MachineRun run) {
        return run.sent.stream().map(RecordOrderTest::describe).toList();
    }

    private static String describe(PendingNotification n) {
        return n.action() + " " + n.channel() + ":" + n.recipient() + " step " + n.step() + " repeat " + n.repeat();
    }
}
