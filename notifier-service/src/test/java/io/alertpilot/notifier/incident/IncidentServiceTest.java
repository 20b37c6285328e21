package io.alertpilot.notifier.incident;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.NotificationEvent;
import io.alertpilot.model.incident.NotificationOutcome;
import io.alertpilot.notifier.channel.Channel;
import io.alertpilot.notifier.channel.ChannelDispatcher;
import io.alertpilot.notifier.channel.ChannelResult;
import io.alertpilot.notifier.channel.DispatchSettings;
import io.alertpilot.notifier.channel.Page;
import io.alertpilot.notifier.escalation.ChannelNames;
import io.alertpilot.notifier.escalation.IncidentMachine;
import io.alertpilot.notifier.escalation.PolicyLoader;
import io.alertpilot.notifier.escalation.PolicySet;
import io.alertpilot.notifier.testing.Events;
import io.alertpilot.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The incident service with an in-memory incident log, recording channels and sends run on the calling thread: what a
 * restart finds on the incident topic, and that it sends nothing twice.
 */
class IncidentServiceTest {

    private static final String FP = "a1b2c3d4e5f60718";

    private final TestClock clock = new TestClock();
    private final List<Incident> topic = new CopyOnWriteArrayList<>();
    private final List<String> sent = new CopyOnWriteArrayList<>();
    private final List<NotificationEvent> audit = new CopyOnWriteArrayList<>();
    private final PolicySet policies = new PolicyLoader(new HashSet<>(ChannelNames.ALL)).load(null, true);

    private final class Recording implements Channel {
        private final String name;

        Recording(String name) {
            this.name = name;
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean configured(String recipient) {
            return true;
        }

        @Override
        public ChannelResult send(Page page) {
            sent.add(name + ":" + page.contact().to() + ":" + page.action());
            return new ChannelResult.Delivered(202);
        }
    }

    /** Runs every send at once on the calling thread. */
    private static final class Direct extends AbstractExecutorService {
        @Override
        public void execute(Runnable command) {
            command.run();
        }

        @Override
        public void shutdown() {
        }

        @Override
        public List<Runnable> shutdownNow() {
            return List.of();
        }

        @Override
        public boolean isShutdown() {
            return false;
        }

        @Override
        public boolean isTerminated() {
            return false;
        }

        @Override
        public boolean awaitTermination(long timeout, TimeUnit unit) {
            return true;
        }
    }

    private IncidentService service() {
        IncidentMachine machine = new IncidentMachine(() -> policies, Duration.ofSeconds(30), Duration.ofMinutes(10));
        ChannelDispatcher dispatcher = new ChannelDispatcher(
                ChannelNames.ALL.stream().map(name -> (Channel) new Recording(name)).toList(),
                new DispatchSettings(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1), 5, 5, 50,
                        Duration.ofMinutes(1)), audit::add, clock);
        return new IncidentService(machine, topic::add, dispatcher, command -> { }, clock, new Direct());
    }

    /** What a compacted topic keeps: the last version of each key. */
    private List<Incident> compacted() {
        Map<String, Incident> latest = new LinkedHashMap<>();
        topic.forEach(incident -> latest.put(incident.id(), incident));
        return new ArrayList<>(latest.values());
    }

    @Test
    void aRestartedServiceFiresTheNextStepOnTimeAndRepeatsNone() {
        IncidentService before = service();
        before.onAlert(Events.firing(FP, Severity.CRITICAL, clock.instant()));
        clock.advance(Duration.ofSeconds(30));
        assertThat(before.tick()).isEqualTo(1);
        assertThat(sent).containsExactly("pagerduty:primary:trigger");

        IncidentService after = service();
        after.restore(compacted());
        assertThat(after.tick()).isZero();
        clock.advance(Duration.ofMinutes(5).minusMillis(1));
        assertThat(after.tick()).isZero();
        clock.advance(Duration.ofMillis(1));
        assertThat(after.tick()).isEqualTo(1);
        assertThat(after.tick()).isZero();
        assertThat(sent).containsExactly("pagerduty:primary:trigger", "pagerduty:secondary:trigger");
    }

    @Test
    void aStopBetweenDecidingAndConfirmingResendsOnlyToDeduplicatingProviders() {
        IncidentService service = service();
        service.onAlert(Events.firing(FP, Severity.CRITICAL, clock.instant()));
        clock.advance(Duration.ofSeconds(30));
        service.tick();
        clock.advance(Duration.ofMinutes(15));
        service.tick();
        sent.clear();
        // the versions up to the one that decided the third step, as if the process died before any send ended
        Incident decided = topic.stream().filter(i -> i.step() == 2).findFirst().orElseThrow();
        assertThat(decided.outbox()).extracting(p -> p.channel() + ":" + p.recipient())
                .containsExactly("pagerduty:secondary", "pagerduty:manager", "slack:incidents");

        IncidentService restarted = service();
        restarted.restore(List.of(decided));
        assertThat(sent).containsExactlyInAnyOrder("pagerduty:secondary:trigger", "pagerduty:manager:trigger");
        assertThat(audit).anySatisfy(event -> {
            assertThat(event.channel()).isEqualTo("slack");
            assertThat(event.outcome()).isEqualTo(NotificationOutcome.SKIPPED);
            assertThat(event.error()).contains("in doubt");
        });
        Incident now = restarted.get(FP).orElseThrow();
        assertThat(now.outbox()).isEmpty();
        assertThat(now.paged()).contains("pagerduty:manager");
    }

    @Test
    void acknowledgingAnIncidentThatIsNotOwnedHereForwardsIt() {
        List<IncidentCommand> forwarded = new ArrayList<>();
        IncidentMachine machine = new IncidentMachine(() -> policies, Duration.ofSeconds(30), Duration.ofMinutes(10));
        IncidentService service = new IncidentService(machine, topic::add, null, forwarded::add, clock, new Direct());
        assertThat(service.acknowledge("elsewhere", "alice", "api")).isInstanceOf(OperatorResult.Forwarded.class);
        assertThat(forwarded).singleElement().satisfies(command -> {
            assertThat(command.type()).isEqualTo(IncidentCommand.Type.ACKNOWLEDGE);
            assertThat(command.incidentId()).isEqualTo("elsewhere");
        });
    }

    @Test
    void acknowledgeThroughTheServiceStopsTheTimer() {
        IncidentService service = service();
        service.onAlert(Events.firing(FP, Severity.CRITICAL, clock.instant()));
        clock.advance(Duration.ofSeconds(30));
        service.tick();
        assertThat(service.acknowledge(FP, "alice", "api")).isInstanceOf(OperatorResult.Applied.class);
        assertThat(service.list(IncidentState.ACKNOWLEDGED)).extracting(Incident::id).containsExactly(FP);
        clock.advance(Duration.ofHours(3));
        assertThat(service.tick()).isZero();
        assertThat(sent).containsExactly("pagerduty:primary:trigger", "pagerduty:primary:acknowledge");
        assertThat(service.countByState()).containsEntry(IncidentState.ACKNOWLEDGED, 1L);
    }
}
