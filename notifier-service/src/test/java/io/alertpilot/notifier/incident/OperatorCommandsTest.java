package io.alertpilot.notifier.incident;

import static io.alertpilot.notifier.incident.IncidentServiceFixture.FP;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.notifier.testing.Events;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Acknowledge and resolve through the incident service: applied by the owner, forwarded by the others when the
 * incident exists, refused as unknown on every replica when it does not.
 */
class OperatorCommandsTest {

    private final IncidentServiceFixture fixture = new IncidentServiceFixture();

    @Test
    void acknowledgingAnIncidentThatIsNotOwnedHereForwardsIt() {
        IncidentService service = fixture.serviceWithoutChannels();
        fixture.ownedElsewhere("elsewhere");
        assertThat(service.acknowledge("elsewhere", "alice", "api")).isInstanceOf(OperatorResult.Forwarded.class);
        assertThat(fixture.forwarded).singleElement().satisfies(command -> {
            assertThat(command.type()).isEqualTo(IncidentCommand.Type.ACKNOWLEDGE);
            assertThat(command.incidentId()).isEqualTo("elsewhere");
            assertThat(command.by()).as("the user travels with the command").isEqualTo("alice");
            assertThat(command.origin()).isEqualTo("api");
        });
    }

    @Test
    void aForwardedAcknowledgeIsRecordedWithTheUserWhoGaveIt() {
        IncidentService service = fixture.escalated();
        service.onCommand(new IncidentCommand(IncidentCommand.Type.ACKNOWLEDGE, FP, "rita", "api", null,
                fixture.clock.instant()));
        Incident acknowledged = service.get(FP).orElseThrow();
        assertThat(acknowledged.state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(acknowledged.acknowledgedBy()).isEqualTo("rita");
    }

    @Test
    void acknowledgeThroughTheServiceStopsTheTimer() {
        IncidentService service = fixture.escalated();
        assertThat(service.acknowledge(FP, "alice", "api")).isInstanceOf(OperatorResult.Applied.class);
        assertThat(service.list(IncidentState.ACKNOWLEDGED)).extracting(Incident::id).containsExactly(FP);
        fixture.clock.advance(Duration.ofHours(3));
        assertThat(service.tick()).isZero();
        assertThat(fixture.sent).containsExactly("pagerduty:primary:trigger", "pagerduty:primary:acknowledge");
        assertThat(service.countByState()).containsEntry(IncidentState.ACKNOWLEDGED, 1L);
    }

    @Test
    void aResolveFromPagerDutyOverTheCommandTopicNamesItsOriginAndIsNotEchoedToPagerDuty() {
        IncidentService service = fixture.escalated();
        service.onCommand(new IncidentCommand(IncidentCommand.Type.RESOLVE, FP, "bob", "pagerduty", null,
                fixture.clock.instant()));
        Incident resolved = service.get(FP).orElseThrow();
        assertThat(resolved.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(resolved.resolvedBy()).isEqualTo("pagerduty:bob");
        assertThat(fixture.sent).containsExactly("pagerduty:primary:trigger");
    }

    @Test
    void acknowledgingAResolvedIncidentIsRefused() {
        IncidentService service = fixture.service();
        service.onAlert(Events.firing(FP, Severity.CRITICAL, fixture.clock.instant()));
        assertThat(service.resolve(FP, null, "api")).isInstanceOf(OperatorResult.Applied.class);
        assertThat(service.get(FP).orElseThrow().resolvedBy()).isEqualTo("api:unknown");
        assertThat(service.acknowledge(FP, "alice", "api"))
                .isEqualTo(new OperatorResult.Refused(FP, "resolved"));
        assertThat(fixture.forwarded).isEmpty();
    }

    @Test
    void anIdWhosePartitionIsOwnedHereButHasNoIncidentIsUnknownWithoutALookUp() {
        IncidentService service = fixture.serviceWithoutChannels();
        fixture.ownedElsewhere("nobody");
        service.ownPartitions(List.of(0), id -> 0);
        assertUnknownAndNotForwarded(service, "nobody");
    }

    @Test
    void anIdOwnedElsewhereThatTheIncidentTopicDoesNotHoldIsUnknownAndNotForwarded() {
        IncidentService service = fixture.serviceWithoutChannels();
        service.ownPartitions(List.of(0), id -> 1);
        assertUnknownAndNotForwarded(service, "nobody");
    }

    private void assertUnknownAndNotForwarded(IncidentService service, String id) {
        assertThat(service.acknowledge(id, "alice", "api")).isEqualTo(new OperatorResult.Refused(id, "unknown"));
        assertThat(service.resolve(id, "alice", "api")).isEqualTo(new OperatorResult.Refused(id, "unknown"));
        assertThat(fixture.forwarded).isEmpty();
    }

    @Test
    void anIdWhosePartitionWasReleasedIsForwardedToItsNewOwner() {
        IncidentService service = fixture.serviceWithoutChannels();
        fixture.ownedElsewhere("moved");
        service.ownPartitions(List.of(0, 1), id -> 1);
        service.releasePartitions(List.of(1));
        assertThat(service.resolve("moved", "alice", "api")).isEqualTo(new OperatorResult.Forwarded("moved"));
        assertThat(fixture.forwarded).singleElement().extracting(IncidentCommand::type)
                .isEqualTo(IncidentCommand.Type.RESOLVE);
    }

    @Test
    void anIncidentIsReadOnEveryReplicaAndAnUnknownIdOnNone() {
        IncidentService service = fixture.serviceWithoutChannels();
        fixture.ownedElsewhere("elsewhere");
        fixture.ownedElsewhere("mine-but-gone");
        service.ownPartitions(List.of(0), id -> id.startsWith("mine") ? 0 : 1);
        assertThat(service.get("elsewhere")).as("not held here").isEmpty();
        assertThat(service.find("elsewhere")).as("read from the incident topic").get()
                .extracting(Incident::id).isEqualTo("elsewhere");
        assertThat(service.find("mine-but-gone")).as("owned here and not held: no such incident").isEmpty();
        assertThat(service.find("nobody")).isEmpty();
    }
}
