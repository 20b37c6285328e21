package io.alertpilot.notifier.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.config.LabelMatcher;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.notifier.escalation.Contact;
import io.alertpilot.notifier.escalation.Grouping;
import io.alertpilot.notifier.escalation.Policy;
import io.alertpilot.notifier.escalation.PolicyMatch;
import io.alertpilot.notifier.escalation.PolicySet;
import io.alertpilot.notifier.escalation.Step;
import io.alertpilot.notifier.testing.Events;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * A remediation event read before its alert, whose policy groups alerts into an incident another replica owns: the
 * held events follow the alert to that owner, and the incident that waited for the alert closes without pages.
 */
class HeldEventsForwardedTest {

    private static final Map<String, String> LABELS = Map.of("alertname", "DiskFull", "team", "storage");
    private static final PolicySet POLICIES = new PolicySet(List.of(
            new Policy("storage", "test", new PolicyMatch(Set.of(), Set.of(), LabelMatcher.compile(Map.of("team",
                    "storage"))), List.of(new Step(Duration.ZERO, List.of(new Contact("pagerduty", "storage")))), 0,
                    Duration.ofMinutes(10), null, List.of(), List.of(), null, null,
                    new Grouping(List.of("alertname"))),
            new Policy("rest", "test", PolicyMatch.ANY, List.of(new Step(Duration.ZERO,
                    List.of(new Contact("slack", "alerts")))), 0, Duration.ofMinutes(10), null, List.of(), List.of(),
                    null)));

    private final IncidentServiceFixture here = new IncidentServiceFixture(POLICIES);
    private final IncidentServiceFixture owner = new IncidentServiceFixture(POLICIES);

    @Test
    void heldEventsFollowTheAlertToTheGroupsOwnerAndTheWaitingIncidentClosesWithoutPages() {
        IncidentService service = here.service();
        String fp = IncidentServiceFixture.FP;
        RemediationEvent failed = Events.remediation(fp, RemediationPhase.FAILED, here.clock.instant());
        service.onRemediation(failed);
        service.onRemediation(failed); // redelivered
        assertThat(service.get(fp).orElseThrow().heldRemediations()).containsExactly(failed);

        AlertEvent alert = Events.alert(fp, "DiskFull", Severity.CRITICAL, AlertStatus.FIRING,
                here.clock.instant(), LABELS);
        service.onAlert(alert);

        String groupId = Grouping.incidentId("storage|alertname=DiskFull");
        assertThat(here.forwarded).extracting(IncidentCommand::type, IncidentCommand::incidentId).containsExactly(
                org.assertj.core.groups.Tuple.tuple(IncidentCommand.Type.ALERT, groupId),
                org.assertj.core.groups.Tuple.tuple(IncidentCommand.Type.REMEDIATION, groupId));
        Incident waiting = service.get(fp).orElseThrow();
        assertThat(waiting.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(waiting.resolvedBy()).isEqualTo("group:" + groupId);
        assertThat(waiting.heldRemediations()).isEmpty();

        here.clock.advance(Duration.ofMinutes(5));
        service.tick();
        assertThat(here.sent).as("no 'alert not received' page").isEmpty();

        // an event after the alert goes to the group's owner too
        RemediationEvent verified = Events.remediation(fp, RemediationPhase.VERIFIED, here.clock.instant());
        service.onRemediation(verified);
        assertThat(here.forwarded).hasSize(3).last().extracting(IncidentCommand::incidentId).isEqualTo(groupId);
        assertThat(service.get(fp).orElseThrow()).isEqualTo(waiting);

        // the owner applies the commands in the order they came: one page, by the group's policy, with the outcome
        IncidentService groupOwner = owner.service();
        here.forwarded.forEach(groupOwner::onCommand);
        Incident group = groupOwner.get(groupId).orElseThrow();
        assertThat(group.policy()).isEqualTo("storage");
        assertThat(owner.sent).as("FAILED escalated at once (no tick ran)").containsExactly("pagerduty:storage:trigger");
        assertThat(group.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(group.lastRemediation()).contains("VERIFIED");
    }
}
