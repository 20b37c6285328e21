package io.alertpilot.notifier.escalation;

import static io.alertpilot.notifier.escalation.MachineRun.FP;
import static io.alertpilot.notifier.escalation.MachineRun.WINDOW;
import static io.alertpilot.notifier.escalation.TestPolicies.PRIMARY;
import static io.alertpilot.notifier.escalation.TestPolicies.SECONDARY;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.PendingNotification;
import io.alertpilot.notifier.testing.Events;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Acknowledge and resolve, and what the paged targets are told. */
class OperatorHandlingTest {

    private final MachineRun run = new MachineRun();

    @Test
    void acknowledgeStopsEscalationAndTellsThePagedProvider() {
        run.fire();
        run.tickAt(WINDOW);
        run.apply(run.machine.acknowledge(run.incident, "alice", false, run.now()));
        assertThat(run.incident.state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(run.incident.acknowledgedBy()).isEqualTo("alice");
        assertThat(run.incident.nextEscalationAt()).isNull();
        assertThat(run.sent).filteredOn(n -> n.action().equals("acknowledge"))
                .extracting(PendingNotification::recipient).containsExactly("primary");

        run.tickAt(Duration.ofHours(2));
        assertThat(run.triggered()).containsExactly(PRIMARY);
    }

    @Test
    void acknowledgeFromPagerDutyIsNotEchoedToPagerDuty() {
        run.fire();
        run.tickAt(WINDOW);
        run.apply(run.machine.acknowledge(run.incident, "alice", true, run.now()));
        assertThat(run.sent).noneMatch(n -> n.action().equals("acknowledge"));
    }

    @Test
    void resolveStopsEscalationAndResolvesEveryPagedTarget() {
        run.fire();
        run.tickAt(WINDOW);
        run.tickAt(Duration.ofMinutes(5));
        run.apply(run.machine.onAlert(run.incident, Events.resolved(FP, Severity.CRITICAL, run.now()), run.now()));
        assertThat(run.incident.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(run.incident.resolvedBy()).isEqualTo("alert");
        assertThat(run.sent).filteredOn(n -> n.action().equals("resolve"))
                .extracting(PendingNotification::recipient).containsExactlyInAnyOrder("primary", "secondary");

        run.tickAt(Duration.ofHours(2));
        assertThat(run.triggered()).containsExactly(PRIMARY, SECONDARY);
        run.apply(run.machine.resolve(run.incident, "api:bob", false, run.now()));
        assertThat(run.sent).filteredOn(n -> n.action().equals("resolve")).hasSize(2);
    }

    @Test
    void acknowledgingAResolvedIncidentIsRefused() {
        run.fire();
        run.apply(run.machine.resolve(run.incident, "api:bob", false, run.now()));
        assertThat(run.machine.acknowledge(run.incident, "alice", false, run.now()).refusal()).isEqualTo("resolved");
        assertThat(run.machine.acknowledge(null, "alice", false, run.now()).refusal()).isEqualTo("unknown");
    }
}
