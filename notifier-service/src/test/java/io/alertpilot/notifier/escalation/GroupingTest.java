package io.alertpilot.notifier.escalation;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.incident.GroupedAlert;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.PendingNotification;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.notifier.testing.Events;
import io.alertpilot.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Grouping: one incident per Alertmanager group or per groupBy labels, one page, resolved with the last alert. */
class GroupingTest {

    static final Duration WINDOW = Duration.ofSeconds(30);
    static final String GROUP = "{}/{}:{alertname=\"NodeDiskFull\"}";
    static final Contact ONCALL = new Contact("pagerduty", "oncall");

    private static Policy grouped(String name, Grouping grouping, String team) {
        return new Policy(name, "test", new PolicyMatch(java.util.Set.of(), java.util.Set.of(),
                io.alertpilot.config.LabelMatcher.compile(Map.of("team", team))),
                List.of(new Step(Duration.ZERO, List.of(ONCALL), "primary")), 0, Duration.ofMinutes(10), null,
                List.of(), List.of(), null, null, grouping);
    }

    private final TestClock clock = new TestClock();
    private final IncidentMachine machine = new IncidentMachine(() -> new PolicySet(List.of(
            grouped("by-group", Grouping.ALERTMANAGER, "disk"),
            grouped("by-labels", new Grouping(List.of("alertname", "namespace")), "net"),
            new Policy("rest", "test", PolicyMatch.ANY, List.of(new Step(Duration.ZERO, List.of(ONCALL))), 0,
                    Duration.ofMinutes(10), null, List.of(), List.of(), null))), WINDOW, Duration.ofMinutes(10));
    private final Map<String, Incident> incidents = new HashMap<>();
    private final List<PendingNotification> sent = new ArrayList<>();

    private AlertEvent alert(int n, String team, String namespace, AlertStatus status) {
        return Alerts.firing("NodeDiskFull", Map.of("team", team, "namespace", namespace, "node", "node-" + n))
                .fingerprint("fp-" + n).status(status).severity(Severity.CRITICAL).summary("disk of node-" + n)
                .receivedAt(clock.instant()).group(GROUP, "alertpilot", null).build();
    }

    private String apply(String id, Transition transition) {
        if (transition.changed()) {
            incidents.put(id, transition.incident());
        }
        for (PendingNotification notification : transition.send()) {
            sent.add(notification);
            Transition done = machine.delivered(incidents.get(id), notification,
                    new Contact(notification.channel(), notification.recipient()), clock.instant());
            if (done.changed()) {
                incidents.put(id, done.incident());
            }
        }
        return id;
    }

    private String onAlert(AlertEvent alert) {
        String id = machine.incidentId(alert);
        return apply(id, machine.onAlert(incidents.get(id), alert, clock.instant()));
    }

    @Test
    void aGroupOfFiveAlertsIsOneIncidentWithOnePageAndResolvesWithItsLastAlert() {
        String id = null;
        for (int n = 1; n <= 5; n++) {
            clock.advance(Duration.ofSeconds(1));
            id = onAlert(alert(n, "disk", "data", AlertStatus.FIRING));
        }
        assertThat(incidents).hasSize(1);
        assertThat(id).startsWith("g-").isEqualTo(Grouping.incidentId("by-group|" + GROUP));
        Incident incident = incidents.get(id);
        assertThat(incident.groupKey()).isEqualTo("by-group|" + GROUP);
        assertThat(incident.alerts()).extracting(GroupedAlert::fingerprint)
                .containsExactly("fp-1", "fp-2", "fp-3", "fp-4", "fp-5");
        assertThat(incident.dedupKey()).isEqualTo("alertmanager:" + id);

        clock.advance(WINDOW);
        apply(id, machine.tick(incidents.get(id), clock.instant()));
        assertThat(sent).extracting(PendingNotification::action).containsExactly("trigger");

        for (int n = 1; n <= 4; n++) {
            clock.advance(Duration.ofSeconds(1));
            onAlert(alert(n, "disk", "data", AlertStatus.RESOLVED));
        }
        assertThat(incidents.get(id).state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(incidents.get(id).alerts()).filteredOn(a -> a.status() == AlertStatus.RESOLVED).hasSize(4);

        clock.advance(Duration.ofSeconds(1));
        onAlert(alert(5, "disk", "data", AlertStatus.RESOLVED));
        assertThat(incidents.get(id).state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(incidents.get(id).resolvedBy()).isEqualTo("alert");
        assertThat(sent).extracting(PendingNotification::action).containsExactly("trigger", "resolve");
    }

    @Test
    void aRedeliveredAlertOfTheGroupChangesNothing() {
        AlertEvent first = alert(1, "disk", "data", AlertStatus.FIRING);
        String id = onAlert(first);
        clock.advance(Duration.ofSeconds(1));
        onAlert(alert(2, "disk", "data", AlertStatus.FIRING));
        assertThat(machine.onAlert(incidents.get(id), first, clock.instant()).changed()).isFalse();
    }

    @Test
    void groupByLabelsMakesOneIncidentPerValueOfTheLabels() {
        String shop = onAlert(alert(1, "net", "shop", AlertStatus.FIRING));
        String shopAgain = onAlert(alert(2, "net", "shop", AlertStatus.FIRING));
        String data = onAlert(alert(3, "net", "data", AlertStatus.FIRING));
        assertThat(shop).isEqualTo(shopAgain).isNotEqualTo(data);
        assertThat(incidents.get(shop).alerts()).hasSize(2);
    }

    @Test
    void aRemediationEventJoinsTheIncidentOfItsAlertsGroup() {
        String id = onAlert(alert(1, "disk", "data", AlertStatus.FIRING));
        onAlert(alert(2, "disk", "data", AlertStatus.FIRING));
        assertThat(IncidentMachine.incidentIdOf("fp-2", incidents.values())).isEqualTo(id);
        assertThat(IncidentMachine.incidentIdOf("fp-9", incidents.values())).isEqualTo("fp-9");

        apply(id, machine.onRemediation(incidents.get(id), Events.remediation("fp-2", RemediationPhase.FAILED,
                clock.instant()), clock.instant()));
        assertThat(incidents.get(id).state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(sent).hasSize(1);
    }

    @Test
    void anEventHeldBeforeItsAlertJoinedAGroupGoesToTheGroupsIncidentAndPagesByTheGroupsPolicy() {
        var failed = Events.remediation("fp-1", RemediationPhase.FAILED, clock.instant());
        apply("fp-1", machine.onRemediation(null, failed, clock.instant()));
        assertThat(incidents.get("fp-1").heldRemediations()).containsExactly(failed);
        clock.advance(Duration.ofSeconds(1));
        String id = onAlert(alert(1, "disk", "data", AlertStatus.FIRING));
        assertThat(sent).isEmpty();

        Incident waiting = incidents.get("fp-1");
        apply(id, machine.adoptHeld(incidents.get(id), waiting, clock.instant()));
        apply("fp-1", machine.handedOver(incidents.get("fp-1"), List.of(failed), id, clock.instant()));
        assertThat(incidents.get(id).state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(sent).extracting(PendingNotification::recipient).containsExactly(ONCALL.to());
        assertThat(incidents.get("fp-1").state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(incidents.get("fp-1").resolvedBy()).isEqualTo("group:" + id);

        clock.advance(WINDOW.plusMinutes(30));
        apply(id, machine.tick(incidents.get(id), clock.instant()));
        apply("fp-1", machine.tick(incidents.get("fp-1"), clock.instant()));
        assertThat(sent).as("the group paged once, the closed incident never").hasSize(1);
        assertThat(machine.adoptHeld(incidents.get(id), waiting, clock.instant()).changed())
                .as("the same events again (a redelivered alert) change nothing").isFalse();
    }

    @Test
    void anAlertWithoutAGroupKeyUnderGroupAlertmanagerIsAnIncidentOfItsOwn() {
        AlertEvent alone = Alerts.firing("NodeDiskFull", Map.of("team", "disk")).fingerprint("fp-7")
                .severity(Severity.CRITICAL).receivedAt(clock.instant()).build();
        assertThat(machine.incidentId(alone)).isEqualTo("fp-7");
    }
}
