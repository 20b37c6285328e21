package io.alertpilot.notifier.escalation;

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
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.notifier.testing.Events;
import io.alertpilot.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class IncidentMachineTest {

    private static final Duration WINDOW = Duration.ofSeconds(30);
    private static final String FP = "0c029c006d0ffce0";

    private final TestClock clock = new TestClock();
    private final IncidentMachine machine = new IncidentMachine(TestPolicies::set, WINDOW, Duration.ofMinutes(10));
    private final List<PendingNotification> sent = new ArrayList<>();
    private Incident incident;

    private void apply(Transition transition) {
        if (transition.changed()) {
            incident = transition.incident();
        }
        sent.addAll(transition.send());
        // every send ends delivered to its intended contact
        for (PendingNotification notification : transition.send()) {
            Transition done = machine.delivered(incident, notification,
                    new Contact(notification.channel(), notification.recipient()), clock.instant());
            if (done.changed()) {
                incident = done.incident();
            }
            sent.addAll(done.send());
        }
    }

    private void fire() {
        apply(machine.onAlert(incident, Events.firing(FP, Severity.CRITICAL, clock.instant()), clock.instant()));
    }

    private void tickAt(Duration sinceNow) {
        clock.advance(sinceNow);
        apply(machine.tick(incident, clock.instant()));
    }

    private List<Contact> triggered() {
        return sent.stream().filter(n -> n.action().equals("trigger"))
                .map(n -> new Contact(n.channel(), n.recipient())).toList();
    }

    @Test
    void unhandledAlertWaitsTheDecisionWindowThenPagesThePrimary() {
        fire();
        assertThat(incident.state()).isEqualTo(IncidentState.TRIGGERED);
        assertThat(incident.dedupKey()).isEqualTo("alertmanager:" + FP);

        tickAt(WINDOW.minusSeconds(1));
        assertThat(sent).isEmpty();

        tickAt(Duration.ofSeconds(1));
        assertThat(incident.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(triggered()).containsExactly(PRIMARY);
        assertThat(incident.step()).isZero();
        assertThat(incident.paged()).containsExactly("pagerduty:primary");
        assertThat(incident.outbox()).isEmpty();
    }

    @Test
    void secondaryIsPagedWhenItsDelayHasPassedAndNotBefore() {
        fire();
        tickAt(WINDOW);
        tickAt(Duration.ofMinutes(5).minusMillis(1));
        assertThat(triggered()).containsExactly(PRIMARY);

        tickAt(Duration.ofMillis(1));
        assertThat(triggered()).containsExactly(PRIMARY, SECONDARY);

        tickAt(Duration.ofMinutes(10));
        assertThat(triggered()).containsExactly(PRIMARY, SECONDARY, MANAGER, INCIDENTS);
    }

    @Test
    void theChainRepeatsAfterItsIntervalAsOftenAsConfiguredThenStops() {
        fire();
        tickAt(WINDOW);
        tickAt(Duration.ofMinutes(15));
        assertThat(triggered()).hasSize(4);

        tickAt(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(triggered()).hasSize(4);
        tickAt(Duration.ofSeconds(1));
        assertThat(triggered()).hasSize(5).last().isEqualTo(PRIMARY);
        assertThat(incident.repeat()).isEqualTo(1);

        tickAt(Duration.ofHours(5));
        assertThat(triggered()).containsExactly(PRIMARY, SECONDARY, MANAGER, INCIDENTS, PRIMARY, SECONDARY, MANAGER,
                INCIDENTS);
        assertThat(incident.nextEscalationAt()).isNull();
        tickAt(Duration.ofHours(5));
        assertThat(triggered()).hasSize(8);
    }

    @Test
    void aStepIsSentOnceHoweverOftenTheTickRuns() {
        fire();
        tickAt(WINDOW);
        Incident afterFirst = incident;
        assertThat(machine.tick(afterFirst, clock.instant()).changed()).isFalse();
        assertThat(machine.tick(afterFirst, clock.instant().plusSeconds(299)).changed()).isFalse();
        assertThat(triggered()).containsExactly(PRIMARY);
    }

    @Test
    void stepsOverdueAfterADowntimeAreEachSentOnce() {
        fire();
        tickAt(WINDOW);
        tickAt(Duration.ofMinutes(20));
        assertThat(triggered()).containsExactly(PRIMARY, SECONDARY, MANAGER, INCIDENTS);
        assertThat(incident.step()).isEqualTo(2);
    }

    @Test
    void acknowledgeStopsEscalationAndTellsThePagedProvider() {
        fire();
        tickAt(WINDOW);
        apply(machine.acknowledge(incident, "alice", false, clock.instant()));
        assertThat(incident.state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(incident.acknowledgedBy()).isEqualTo("alice");
        assertThat(incident.nextEscalationAt()).isNull();
        assertThat(sent).filteredOn(n -> n.action().equals("acknowledge"))
                .extracting(PendingNotification::recipient).containsExactly("primary");

        tickAt(Duration.ofHours(2));
        assertThat(triggered()).containsExactly(PRIMARY);
    }

    @Test
    void acknowledgeFromPagerDutyIsNotEchoedToPagerDuty() {
        fire();
        tickAt(WINDOW);
        apply(machine.acknowledge(incident, "alice", true, clock.instant()));
        assertThat(sent).noneMatch(n -> n.action().equals("acknowledge"));
    }

    @Test
    void resolveStopsEscalationAndResolvesEveryPagedTarget() {
        fire();
        tickAt(WINDOW);
        tickAt(Duration.ofMinutes(5));
        apply(machine.onAlert(incident, Events.resolved(FP, Severity.CRITICAL, clock.instant()), clock.instant()));
        assertThat(incident.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(incident.resolvedBy()).isEqualTo("alert");
        assertThat(sent).filteredOn(n -> n.action().equals("resolve"))
                .extracting(PendingNotification::recipient).containsExactlyInAnyOrder("primary", "secondary");

        tickAt(Duration.ofHours(2));
        assertThat(triggered()).containsExactly(PRIMARY, SECONDARY);
        apply(machine.resolve(incident, "api:bob", false, clock.instant()));
        assertThat(sent).filteredOn(n -> n.action().equals("resolve")).hasSize(2);
    }

    @Test
    void aTriggerDeliveredAfterTheAcknowledgementIsAcknowledgedToo() {
        fire();
        clock.advance(WINDOW);
        Transition escalation = machine.tick(incident, clock.instant());
        incident = escalation.incident();
        PendingNotification primary = escalation.send().getFirst();
        incident = machine.acknowledge(incident, "alice", false, clock.instant()).incident();
        Transition late = machine.delivered(incident, primary, PRIMARY, clock.instant());
        assertThat(late.send()).singleElement().satisfies(n -> {
            assertThat(n.action()).isEqualTo("acknowledge");
            assertThat(n.recipient()).isEqualTo("primary");
        });
    }

    @Test
    void aRedeliveredAlertChangesNothing() {
        var alert = Events.firing(FP, Severity.CRITICAL, clock.instant());
        apply(machine.onAlert(null, alert, clock.instant()));
        tickAt(WINDOW);
        assertThat(machine.onAlert(incident, alert, clock.instant()).changed()).isFalse();
        var resolved = Events.resolved(FP, Severity.CRITICAL, clock.instant());
        apply(machine.onAlert(incident, resolved, clock.instant()));
        // the old firing record read again after the resolution does not open a new incident
        assertThat(machine.onAlert(incident, alert, clock.instant()).changed()).isFalse();
        assertThat(incident.state()).isEqualTo(IncidentState.RESOLVED);
    }

    @Test
    void aRedeliveredRemediationEventChangesNothing() {
        fire();
        var failed = Events.remediation(FP, RemediationPhase.FAILED, clock.instant());
        apply(machine.onRemediation(incident, failed, clock.instant()));
        assertThat(triggered()).containsExactly(PRIMARY);
        assertThat(machine.onRemediation(incident, failed, clock.instant()).changed()).isFalse();
    }

    @Test
    void aFiringAlertAfterTheResolutionOpensANewIncident() {
        fire();
        clock.advance(Duration.ofMinutes(1));
        apply(machine.onAlert(incident, Events.resolved(FP, Severity.CRITICAL, clock.instant()), clock.instant()));
        clock.advance(Duration.ofMinutes(1));
        long version = incident.version();
        fire();
        assertThat(incident.state()).isEqualTo(IncidentState.TRIGGERED);
        assertThat(incident.version()).isGreaterThan(version);
        assertThat(incident.notices()).isEmpty();
    }

    @Test
    void aHandledAlertWhoseRemediationIsVerifiedPagesNobodyAndInformsOnce() {
        fire();
        apply(machine.onRemediation(incident, Events.remediation(FP, RemediationPhase.PLANNED, clock.instant()),
                clock.instant()));
        assertThat(incident.state()).isEqualTo(IncidentState.REMEDIATING);
        apply(machine.onRemediation(incident, Events.remediation(FP, RemediationPhase.STARTED, clock.instant()),
                clock.instant()));
        tickAt(WINDOW.plusSeconds(1));
        apply(machine.onRemediation(incident, Events.remediation(FP, RemediationPhase.VERIFIED, clock.instant()),
                clock.instant()));
        assertThat(incident.state()).isEqualTo(IncidentState.REMEDIATED);
        apply(machine.onRemediation(incident, Events.remediation(FP, RemediationPhase.VERIFIED, clock.instant()),
                clock.instant()));
        apply(machine.onAlert(incident, Events.resolved(FP, Severity.CRITICAL, clock.instant()), clock.instant()));
        assertThat(triggered()).isEmpty();
        assertThat(sent).filteredOn(n -> n.action().equals("info")).extracting(PendingNotification::recipient)
                .containsExactly("incidents");
        assertThat(incident.state()).isEqualTo(IncidentState.RESOLVED);
    }

    @Test
    void aHandledAlertStillFiringAfterTheGraceEscalates() {
        fire();
        apply(machine.onRemediation(incident, Events.remediation(FP, RemediationPhase.STARTED, clock.instant()),
                clock.instant()));
        tickAt(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(triggered()).isEmpty();
        tickAt(Duration.ofSeconds(1));
        assertThat(incident.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(triggered()).containsExactly(PRIMARY);
    }

    @Test
    void failedOrSkippedRemediationEscalatesAtOnce() {
        for (RemediationPhase phase : List.of(RemediationPhase.FAILED, RemediationPhase.SKIPPED)) {
            incident = null;
            sent.clear();
            fire();
            apply(machine.onRemediation(incident, Events.remediation(FP, RemediationPhase.STARTED, clock.instant()),
                    clock.instant()));
            apply(machine.onRemediation(incident, Events.remediation(FP, phase, clock.instant()), clock.instant()));
            assertThat(incident.state()).as(phase.name()).isEqualTo(IncidentState.ESCALATED);
            assertThat(triggered()).as(phase.name()).containsExactly(PRIMARY);
        }
    }

    @Test
    void aRemediationInDryRunIsNoHandling() {
        fire();
        apply(machine.onRemediation(incident, Events.remediation(FP, "r1", RemediationPhase.PLANNED, clock.instant(),
                true), clock.instant()));
        assertThat(incident.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(triggered()).containsExactly(PRIMARY);
    }

    @Test
    void pendingApprovalPagesTheApproversOncePerRemediation() {
        fire();
        var pending = Events.remediation(FP, "r1", RemediationPhase.PENDING_APPROVAL, clock.instant(), false);
        apply(machine.onRemediation(incident, pending, clock.instant()));
        apply(machine.onRemediation(incident, Events.remediation(FP, "r1", RemediationPhase.PENDING_APPROVAL,
                clock.instant(), false), clock.instant()));
        assertThat(triggered()).containsExactly(APPROVERS);
        assertThat(incident.state()).isEqualTo(IncidentState.REMEDIATING);
    }

    @Test
    void afterARestartUnconfirmedPagesAreResentOnlyWhereTheProviderDeduplicates() {
        fire();
        clock.advance(WINDOW);
        incident = machine.tick(incident, clock.instant()).incident();
        clock.advance(Duration.ofMinutes(15));
        incident = machine.tick(incident, clock.instant()).incident();
        // the service stopped before any send was confirmed
        assertThat(incident.outbox()).extracting(PendingNotification::recipient)
                .containsExactly("primary", "secondary", "manager", "incidents");
        Transition recovery = machine.recover(incident, Set.of(), clock.instant());
        assertThat(recovery.send()).extracting(PendingNotification::recipient)
                .containsExactly("primary", "secondary", "manager");
        assertThat(recovery.abandoned()).extracting(PendingNotification::recipient).containsExactly("incidents");
        assertThat(recovery.incident().outbox()).hasSize(3);
        assertThat(recovery.incident().step()).isEqualTo(2);
    }

    @Test
    void acknowledgingAResolvedIncidentIsRefused() {
        fire();
        apply(machine.resolve(incident, "api:bob", false, clock.instant()));
        assertThat(machine.acknowledge(incident, "alice", false, clock.instant()).refusal()).isEqualTo("resolved");
        assertThat(machine.acknowledge(null, "alice", false, clock.instant()).refusal()).isEqualTo("unknown");
    }

    @Test
    void routesByThePolicyOfTheSeverity() {
        apply(machine.onAlert(null, Events.firing(FP, Severity.WARNING, clock.instant()), clock.instant()));
        assertThat(incident.policy()).isEqualTo("chat");
        tickAt(WINDOW);
        assertThat(triggered()).containsExactly(new Contact("slack", "alerts"));
    }
}
