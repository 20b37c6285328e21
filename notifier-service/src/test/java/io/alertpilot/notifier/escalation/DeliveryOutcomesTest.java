package io.alertpilot.notifier.escalation;

import static io.alertpilot.notifier.escalation.MachineRun.WINDOW;
import static io.alertpilot.notifier.escalation.TestPolicies.PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.incident.PendingNotification;
import java.time.Duration;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The end of sends: late deliveries, and unconfirmed sends after a restart. */
class DeliveryOutcomesTest {

    private final MachineRun run = new MachineRun();

    @Test
    void aTriggerDeliveredAfterTheAcknowledgementIsAcknowledgedToo() {
        run.fire();
        run.clock.advance(WINDOW);
        Transition escalation = run.machine.tick(run.incident, run.now());
        run.incident = escalation.incident();
        PendingNotification primary = escalation.send().getFirst();
        run.incident = run.machine.acknowledge(run.incident, "alice", false, run.now()).incident();
        Transition late = run.machine.delivered(run.incident, primary, PRIMARY, run.now());
        assertThat(late.send()).singleElement().satisfies(n -> {
            assertThat(n.action()).isEqualTo("acknowledge");
            assertThat(n.recipient()).isEqualTo("primary");
        });
    }

    @Test
    void afterARestartUnconfirmedPagesAreResentOnlyWhereTheProviderDeduplicates() {
        run.fire();
        run.clock.advance(WINDOW);
        run.incident = run.machine.tick(run.incident, run.now()).incident();
        run.clock.advance(Duration.ofMinutes(15));
        run.incident = run.machine.tick(run.incident, run.now()).incident();
        // the service stopped before any send was confirmed
        assertThat(run.incident.outbox()).extracting(PendingNotification::recipient)
                .containsExactly("primary", "secondary", "manager", "incidents");
        Transition recovery = run.machine.recover(run.incident, Set.of(), run.now());
        assertThat(recovery.send()).extracting(PendingNotification::recipient)
                .containsExactly("primary", "secondary", "manager");
        assertThat(recovery.abandoned()).extracting(PendingNotification::recipient).containsExactly("incidents");
        assertThat(recovery.incident().outbox()).hasSize(3);
        assertThat(recovery.incident().step()).isEqualTo(2);
    }
}
