package io.alertpilot.notifier.incident;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.NotificationEvent;
import io.alertpilot.notifier.channel.Channel;
import io.alertpilot.notifier.channel.ChannelDispatcher;
import io.alertpilot.notifier.channel.ChannelResult;
import io.alertpilot.notifier.channel.DispatchSettings;
import io.alertpilot.notifier.channel.Page;
import io.alertpilot.notifier.escalation.ChannelNames;
import io.alertpilot.notifier.escalation.IncidentMachine;
import io.alertpilot.notifier.policy.PolicyLoader;
import io.alertpilot.notifier.escalation.PolicySet;
import io.alertpilot.notifier.testing.Events;
import io.alertpilot.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * An incident service with an in-memory incident log, recording channels and sends run on the calling thread; what
 * was written to the incident topic, sent, audited and forwarded, and what other replicas own.
 */
final class IncidentServiceFixture {

    static final String FP = "a1b2c3d4e5f60718";

    final TestClock clock = new TestClock();
    final List<Incident> topic = new CopyOnWriteArrayList<>();
    final List<String> sent = new CopyOnWriteArrayList<>();
    final List<NotificationEvent> audit = new CopyOnWriteArrayList<>();
    final List<IncidentCommand> forwarded = new CopyOnWriteArrayList<>();
    /** The incidents on the incident topic that other replicas own, for look-ups. */
    final Map<String, Incident> elsewhere = new ConcurrentHashMap<>();
    private final PolicySet policies;

    /** A fixture with the default policies. */
    IncidentServiceFixture() {
        this(new PolicyLoader(new HashSet<>(ChannelNames.ALL)).load(null, true));
    }

    /** A fixture whose services route by {@code policies}. */
    IncidentServiceFixture(PolicySet policies) {
        this.policies = policies;
    }

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

    /** A service that writes to {@link #topic}. */
    IncidentService service() {
        return service(topic::add);
    }

    /** A service that writes through {@code incidentLog}. */
    IncidentService service(IncidentLog incidentLog) {
        ChannelDispatcher dispatcher = new ChannelDispatcher(
                ChannelNames.ALL.stream().map(name -> (Channel) new Recording(name)).toList(),
                new DispatchSettings(1, Duration.ofMillis(1), Duration.ofMillis(1), Duration.ofSeconds(1), 5, 5, 50,
                        Duration.ofMinutes(1)), audit::add, clock);
        return new IncidentService(machine(), incidentLog, dispatcher, forwarded::add, this::lookUp, clock, new Direct());
    }

    /** A service whose incident {@link #FP} fired and, its decision window over, paged the primary. */
    IncidentService escalated() {
        IncidentService service = service();
        service.onAlert(Events.firing(FP, Severity.CRITICAL, clock.instant()));
        clock.advance(Duration.ofSeconds(30));
        service.tick();
        return service;
    }

    /** A service without channels. */
    IncidentService serviceWithoutChannels() {
        return new IncidentService(machine(), topic::add, null, forwarded::add, this::lookUp, clock, new Direct());
    }

    /** Puts an open incident {@code id}, owned by another replica, on the incident topic. */
    void ownedElsewhere(String id) {
        IncidentService other = new IncidentServiceFixture().serviceWithoutChannels();
        other.onAlert(Events.firing(id, Severity.CRITICAL, clock.instant()));
        elsewhere.put(id, other.get(id).orElseThrow());
    }

    private Optional<Incident> lookUp(String id) {
        return Optional.ofNullable(elsewhere.get(id));
    }

    private IncidentMachine machine() {
        return new IncidentMachine(() -> policies, Duration.ofSeconds(30), Duration.ofMinutes(10));
    }

    /** What a compacted topic keeps: the last version of each key. */
    List<Incident> compacted() {
        Map<String, Incident> latest = new LinkedHashMap<>();
        topic.forEach(incident -> latest.put(incident.id(), incident));
        return new ArrayList<>(latest.values());
    }
}
