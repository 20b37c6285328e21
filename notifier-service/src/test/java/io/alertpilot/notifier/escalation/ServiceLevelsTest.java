package io.alertpilot.notifier.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.PendingNotification;
import io.alertpilot.model.incident.SlaBreach;
import io.alertpilot.testing.TestClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A policy's raw-priority routing, levels and service levels on the machine: the acknowledgement clock pages the next
 * level, the resolution clock sends its notice once, the status updates run until resolved.
 */
class ServiceLevelsTest {

    static final Duration WINDOW = MachineRun.WINDOW;
    static final Contact ONCALL = new Contact("pagerduty", "oncall");
    static final Contact SECONDARY = new Contact("pagerduty", "secondary");
    static final Contact MANAGER = new Contact("pagerduty", "manager");
    static final Contact CTO = new Contact("email", "cto@example.com");
    static final Contact CHAT = new Contact("slack", "alerts");

    /** aion-ops' Sev1: on-call SRE, no ACK in 5 min -> secondary -> manager; restore within 30 min; updates. */
    static Policy sev1() {
        return new Policy("sev1", "test", new PolicyMatch(Set.of(), Set.of(), null, Set.of("Sev1", "P0")),
                List.of(new Step(Duration.ZERO, List.of(ONCALL), "primary"),
                        new Step(Duration.ofHours(1), List.of(SECONDARY), "secondary"),
                        new Step(Duration.ofHours(2), List.of(MANAGER), "manager")),
                0, Duration.ofMinutes(10), null, List.of(), List.of(), null,
                new PolicySla(Duration.ofMinutes(5), Duration.ofMinutes(30), Duration.ofMinutes(15), List.of(CTO),
                        List.of()),
                null);
    }

    static Policy chat() {
        return new Policy("chat", "test", PolicyMatch.ANY, List.of(new Step(Duration.ZERO, List.of(CHAT))), 0,
                Duration.ofMinutes(10), null, List.of(), List.of(), null);
    }

    private final MachineRun run = new MachineRun(new PolicySet(List.of(sev1(), chat())));
    private final TestClock clock = run.clock;
    private final IncidentMachine machine = run.machine;
    private final List<PendingNotification> sent = run.sent;

    private void apply(Transition transition) {
        run.apply(transition);
    }

    private Incident incident() {
        return run.incident;
    }

    /** A Sev1 alert fires and escalates after the decision window. */
    private void escalated() {
        apply(machine.onAlert(null, alert("Sev1", AlertStatus.FIRING), clock.instant()));
        tickAfter(WINDOW);
    }

    private AlertEvent alert(String priority, AlertStatus status) {
        return Alerts.firing("AgentGatewayDown", Map.of("namespace", "aion")).fingerprint("fp-1").status(status)
                .severity(Severity.CRITICAL).sourceSeverity(priority).receivedAt(clock.instant()).build();
    }

    private void tickAfter(Duration duration) {
        run.tickAt(duration);
    }

    private List<String> sent(String action) {
        return sent.stream().filter(n -> n.action().equals(action)).map(n -> n.channel() + ":" + n.recipient()
                + (n.level() == null ? "" : "/" + n.level())).toList();
    }

    @Test
    void aRawPriorityRoutesWhateverItsSpellingAndIsKeptOnTheIncident() {
        apply(machine.onAlert(null, alert("SEV-1", AlertStatus.FIRING), clock.instant()));
        assertThat(incident().policy()).isEqualTo("sev1");
        assertThat(incident().priority()).isEqualTo("SEV-1");

        Incident p2 = machine.onAlert(null, alert("P2", AlertStatus.FIRING), clock.instant()).incident();
        assertThat(p2.policy()).isEqualTo("chat");
    }

    @Test
    void noAcknowledgementInTimePagesTheNextLevelAtOnceAndRecordsTheBreach() {
        escalated();
        assertThat(sent("trigger")).containsExactly("pagerduty:oncall/primary");

        tickAfter(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(sent("trigger")).hasSize(1);
        assertThat(incident().sla().breaches()).isEmpty();

        tickAfter(Duration.ofSeconds(1));
        assertThat(sent("trigger")).containsExactly("pagerduty:oncall/primary", "pagerduty:secondary/secondary");
        assertThat(incident().sla().breaches()).extracting(SlaBreach::kind, SlaBreach::detail)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("ack",
                        "not acknowledged within 5m: paging the secondary now"));

        tickAfter(Duration.ofMinutes(5));
        assertThat(sent("trigger")).containsExactly("pagerduty:oncall/primary", "pagerduty:secondary/secondary",
                "pagerduty:manager/manager");

        tickAfter(Duration.ofMinutes(5));
        assertThat(incident().sla().breaches()).extracting(SlaBreach::detail).last()
                .isEqualTo("not acknowledged within 5m: nobody further to page");
        tickAfter(Duration.ofMinutes(5));
        assertThat(sent("trigger")).hasSize(3);
        assertThat(incident().sla().breaches()).hasSize(3);
    }

    @Test
    void anAcknowledgedIncidentIsNotPagedFurtherButStillGetsItsUpdatesUntilResolved() {
        escalated();
        clock.advance(Duration.ofMinutes(2));
        apply(machine.acknowledge(incident(), "ana", false, clock.instant()));
        tickAfter(Duration.ofMinutes(13).minusSeconds(1));
        assertThat(sent("update")).isEmpty();
        tickAfter(Duration.ofSeconds(1));
        assertThat(sent("trigger")).containsExactly("pagerduty:oncall/primary");
        assertThat(incident().sla().breaches()).isEmpty();
        assertThat(sent("update")).containsExactly("pagerduty:oncall");
        assertThat(sent.getLast().note()).startsWith("status update 1: acknowledged").contains("by ana");

        tickAfter(Duration.ofMinutes(15));
        assertThat(sent("update")).hasSize(2);

        apply(machine.onAlert(incident(), alert("Sev1", AlertStatus.RESOLVED), clock.instant()));
        assertThat(incident().state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(incident().nextDueAt()).isNull();
        tickAfter(Duration.ofHours(1));
        assertThat(sent("update")).hasSize(2);
    }

    @Test
    void notResolvedInTimeSendsTheBreachNoticeOnceToItsContacts() {
        escalated();
        apply(machine.acknowledge(incident(), "ana", false, clock.instant()));
        tickAfter(Duration.ofMinutes(30).minus(WINDOW).minusSeconds(1));
        assertThat(sent("breach")).isEmpty();

        tickAfter(Duration.ofSeconds(1));
        assertThat(sent("breach")).containsExactly("email:cto@example.com");
        assertThat(incident().sla().breaches()).extracting(SlaBreach::kind).containsExactly("resolve");

        apply(machine.tick(incident(), clock.instant()));
        tickAfter(Duration.ofHours(1));
        assertThat(sent("breach")).hasSize(1);
    }

    @Test
    void aTickAppliedTwiceSendsNothingTwice() {
        escalated();
        clock.advance(Duration.ofMinutes(15));
        Incident before = incident();
        apply(machine.tick(before, clock.instant()));
        int count = sent.size();
        Transition again = machine.tick(incident(), clock.instant());
        assertThat(again.send()).isEmpty();
        assertThat(count).isEqualTo(sent.size());
    }
}
