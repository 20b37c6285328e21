package io.alertpilot.notifier.escalation;

import static io.alertpilot.notifier.escalation.MachineRun.FP;
import static io.alertpilot.notifier.escalation.MachineRun.WINDOW;
import static io.alertpilot.notifier.escalation.TestPolicies.PRIMARY;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.WindowMatcher;
import io.alertpilot.notifier.testing.Events;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** A maintenance window with {@code paging: false} holds escalation steps until it ends, on a test clock. */
class MaintenanceHoldTest {

    private final List<MaintenanceWindow> windows = new CopyOnWriteArrayList<>();
    private final MachineRun run = new MachineRun(() -> windows);

    private MaintenanceWindow window(String namespace, boolean paging, Duration length) {
        Instant now = run.now();
        MaintenanceWindow window = new MaintenanceWindow("w-" + namespace, List.of(WindowMatcher.equal("namespace",
                namespace)), now, now.plus(length), null, false, paging, "upgrade", "alice", now, null, null);
        windows.add(window);
        return window;
    }

    @Test
    void aStepThatFallsDueInAWindowWithoutPagingIsHeldAndSentWhenTheWindowEnds() {
        window(Events.TARGET.namespace(), false, Duration.ofHours(1));
        run.fire();
        run.tickAt(WINDOW);
        assertThat(run.incident.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(run.sent).isEmpty();

        run.tickAt(Duration.ofMinutes(59));
        assertThat(run.sent).isEmpty();
        assertThat(run.incident.nextEscalationAt()).as("still due").isBeforeOrEqualTo(run.now());

        run.tickAt(Duration.ofMinutes(1));
        assertThat(run.triggered()).containsExactly(PRIMARY);
        assertThat(run.machine.tick(run.incident, run.now()).changed()).as("sent once").isFalse();
    }

    @Test
    void aWindowEndedEarlyReleasesTheHeldStepAtTheNextTick() {
        MaintenanceWindow window = window(Events.TARGET.namespace(), false, Duration.ofHours(8));
        run.fire();
        run.tickAt(WINDOW);
        assertThat(run.sent).isEmpty();

        windows.set(0, window.end("bob", run.now().plusSeconds(10)));
        run.tickAt(Duration.ofSeconds(10));
        assertThat(run.triggered()).containsExactly(PRIMARY);
    }

    @Test
    void anIncidentResolvedWhileHeldSendsNothingWhenTheWindowEnds() {
        window(Events.TARGET.namespace(), false, Duration.ofHours(1));
        run.fire();
        run.tickAt(WINDOW);
        run.clock.advance(Duration.ofMinutes(10));
        run.apply(run.machine.onAlert(run.incident, Events.resolved(FP, Severity.CRITICAL, run.now()), run.now()));
        run.tickAt(Duration.ofHours(2));
        assertThat(run.incident.state()).isEqualTo(IncidentState.RESOLVED);
        assertThat(run.triggered()).isEmpty();
    }

    @Test
    void aWindowWithPagingOrOnAnotherNamespacePagesAsUsual() {
        window(Events.TARGET.namespace(), true, Duration.ofHours(1));
        window("elsewhere", false, Duration.ofHours(1));
        run.fire();
        run.tickAt(WINDOW);
        assertThat(run.triggered()).containsExactly(PRIMARY);
    }
}
