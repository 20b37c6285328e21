package io.alertpilot.notifier.escalation;

import static io.alertpilot.notifier.escalation.MachineRun.FP;
import static io.alertpilot.notifier.escalation.MachineRun.WINDOW;
import static io.alertpilot.notifier.escalation.TestPolicies.INCIDENTS;
import static io.alertpilot.notifier.escalation.TestPolicies.MANAGER;
import static io.alertpilot.notifier.escalation.TestPolicies.PRIMARY;
import static io.alertpilot.notifier.escalation.TestPolicies.SECONDARY;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The escalation timeline: the decision window, the steps, their repetition, each step sent once. */
class EscalationTimingTest {

    private final MachineRun run = new MachineRun();

    @Test
    void unhandledAlertWaitsTheDecisionWindowThenPagesThePrimary() {
        run.fire();
        assertThat(run.incident.state()).isEqualTo(IncidentState.TRIGGERED);
        assertThat(run.incident.dedupKey()).isEqualTo("alertmanager:" + FP);

        run.tickAt(WINDOW.minusSeconds(1));
        assertThat(run.sent).isEmpty();

        run.tickAt(Duration.ofSeconds(1));
        assertThat(run.incident.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(run.triggered()).containsExactly(PRIMARY);
        assertThat(run.incident.step()).isZero();
        assertThat(run.incident.paged()).containsExactly("pagerduty:primary");
        assertThat(run.incident.outbox()).isEmpty();
    }

    @Test
    void secondaryIsPagedWhenItsDelayHasPassedAndNotBefore() {
        run.fire();
        run.tickAt(WINDOW);
        run.tickAt(Duration.ofMinutes(5).minusMillis(1));
        assertThat(run.triggered()).containsExactly(PRIMARY);

        run.tickAt(Duration.ofMillis(1));
        assertThat(run.triggered()).containsExactly(PRIMARY, SECONDARY);

        run.tickAt(Duration.ofMinutes(10));
        assertThat(run.triggered()).containsExactly(PRIMARY, SECONDARY, MANAGER, INCIDENTS);
    }

    @Test
    void theChainRepeatsAfterItsIntervalAsOftenAsConfiguredThenStops() {
        run.fire();
        run.tickAt(WINDOW);
        run.tickAt(Duration.ofMinutes(15));
        assertThat(run.triggered()).hasSize(4);

        run.tickAt(Duration.ofMinutes(10).minusSeconds(1));
        assertThat(run.triggered()).hasSize(4);
        run.tickAt(Duration.ofSeconds(1));
        assertThat(run.triggered()).hasSize(5).last().isEqualTo(PRIMARY);
        assertThat(run.incident.repeat()).isEqualTo(1);

        run.tickAt(Duration.ofHours(5));
        assertThat(run.triggered()).containsExactly(PRIMARY, SECONDARY, MANAGER, INCIDENTS, PRIMARY, SECONDARY, MANAGER,
                INCIDENTS);
        assertThat(run.incident.nextEscalationAt()).isNull();
        run.tickAt(Duration.ofHours(5));
        assertThat(run.triggered()).hasSize(8);
    }

    @Test
    void aStepIsSentOnceHoweverOftenTheTickRuns() {
        run.fire();
        run.tickAt(WINDOW);
        Incident afterFirst = run.incident;
        assertThat(run.machine.tick(afterFirst, run.now()).changed()).isFalse();
        assertThat(run.machine.tick(afterFirst, run.now().plusSeconds(299)).changed()).isFalse();
        assertThat(run.triggered()).containsExactly(PRIMARY);
    }

    @Test
    void stepsOverdueAfterADowntimeAreEachSentOnce() {
        run.fire();
        run.tickAt(WINDOW);
        run.tickAt(Duration.ofMinutes(20));
        assertThat(run.triggered()).containsExactly(PRIMARY, SECONDARY, MANAGER, INCIDENTS);
        assertThat(run.incident.step()).isEqualTo(2);
    }
}
