package io.alertpilot.notifier.escalation;

import static io.alertpilot.notifier.escalation.MachineRun.FP;
import static io.alertpilot.notifier.escalation.MachineRun.WINDOW;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.notifier.testing.Events;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Alert events: opening, reopening, routing, redelivery. */
class AlertHandlingTest {

    private final MachineRun run = new MachineRun();

    @Test
    void aRedeliveredAlertChangesNothing() {
        var alert = Events.firing(FP, Severity.CRITICAL, run.now());
        run.apply(run.machine.onAlert(null, alert, run.now()));
        run.tickAt(WINDOW);
        assertThat(run.machine.onAlert(run.incident, alert, run.now()).changed()).isFalse();
        var resolved = Events.resolved(FP, Severity.CRITICAL, run.now());
        run.apply(run.machine.onAlert(run.incident, resolved, run.now()));
        // the old firing record read again after the resolution does not open a new run.incident
        assertThat(run.machine.onAlert(run.incident, alert, run.now()).changed()).isFalse();
        assertThat(run.incident.state()).isEqualTo(IncidentState.RESOLVED);
    }

    @Test
    void aFiringAlertAfterTheResolutionOpensANewIncident() {
        run.fire();
        run.clock.advance(Duration.ofMinutes(1));
        run.apply(run.machine.onAlert(run.incident, Events.resolved(FP, Severity.CRITICAL, run.now()), run.now()));
        run.clock.advance(Duration.ofMinutes(1));
        long version = run.incident.version();
        run.fire();
        assertThat(run.incident.state()).isEqualTo(IncidentState.TRIGGERED);
        assertThat(run.incident.version()).isGreaterThan(version);
        assertThat(run.incident.notices()).isEmpty();
    }

    @Test
    void routesByThePolicyOfTheSeverity() {
        run.apply(run.machine.onAlert(null, Events.firing(FP, Severity.WARNING, run.now()), run.now()));
        assertThat(run.incident.policy()).isEqualTo("chat");
        run.tickAt(WINDOW);
        assertThat(run.triggered()).containsExactly(new Contact("slack", "alerts"));
    }
}
