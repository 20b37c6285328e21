package io.alertpilot.notifier.incident;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.PendingNotification;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.notifier.channel.ChannelDispatcher;
import io.alertpilot.notifier.escalation.Contact;
import io.alertpilot.notifier.escalation.IncidentMachine;
import io.alertpilot.notifier.escalation.Transition;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The incidents this replica owns (those whose partition of the alert topic it is assigned), and the one place where
 * they change.
 *
 * <h2>The send protocol, and why nothing is sent twice</h2>
 * Every change runs under the incident's lock: the {@link IncidentMachine} computes the next version, which carries
 * the notifications it decided in its outbox and the step counter already advanced; that version is written to the
 * compacted incident topic and acknowledged <em>before</em> anything is sent, and only then kept in memory. Sends
 * run on virtual threads outside the lock; each end is recorded (outbox entry removed, target added to
 * {@code paged}) by a further version. Hence:
 * <ul>
 *   <li>a redelivered alert or remediation record, or a second tick, meets a version in which the step is already
 *       counted and the one-time message already noted: it decides nothing new;</li>
 *   <li>a record is committed only after its version was written, so a crash before the write redelivers a record
 *       whose effect was never decided, and a crash after it redelivers one that decides nothing;</li>
 *   <li>a crash between the write and the end of a send leaves the entry in the outbox: after the restart (or at the
 *       new owner) {@link IncidentMachine#recover} sends it again only to PagerDuty or Opsgenie, which keep one alert
 *       per dedup key, and abandons (audits) chat, e-mail and webhook entries rather than risk a second message.</li>
 * </ul>
 * Thread safe.
 */
public class IncidentService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IncidentService.class);
    private static final int STRIPES = 64;

    private final IncidentMachine machine;
    private final IncidentLog incidentLog;
    private final ChannelDispatcher dispatcher;
    private final IncidentForwarder forwarder;
    private final Clock clock;
    private final ExecutorService deliveries;
    private final Map<String, Incident> incidents = new ConcurrentHashMap<>();
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
    private final Object[] locks = new Object[STRIPES];

    public IncidentService(IncidentMachine machine, IncidentLog incidentLog, ChannelDispatcher dispatcher,
            IncidentForwarder forwarder, Clock clock, ExecutorService deliveries) {
        this.machine = machine;
        this.incidentLog = incidentLog;
        this.dispatcher = dispatcher;
        this.forwarder = forwarder;
        this.clock = clock;
        this.deliveries = deliveries;
        for (int i = 0; i < STRIPES; i++) {
            locks[i] = new Object();
        }
    }

    // ---------------------------------------------------------------- events

    /** Applies an alert; returns once the resulting version is durable. */
    public void onAlert(AlertEvent alert) {
        apply(alert.fingerprint(), current -> machine.onAlert(current, alert, clock.instant()));
    }

    /** Applies a remediation event; returns once the resulting version is durable. */
    public void onRemediation(RemediationEvent event) {
        apply(event.fingerprint(), current -> machine.onRemediation(current, event, clock.instant()));
    }

    /** Applies a command from the command topic. */
    public void onCommand(IncidentCommand command) {
        switch (command.type()) {
            case REMEDIATION -> onRemediation(command.remediation());
            case ACKNOWLEDGE -> apply(command.incidentId(), current -> machine.acknowledge(current, command.by(),
                    "pagerduty".equals(command.origin()), clock.instant()));
            case RESOLVE -> apply(command.incidentId(), current -> machine.resolve(current, by(command),
                    "pagerduty".equals(command.origin()), clock.instant()));
        }
    }

    /** Sends a remediation event to the owner of its incident. */
    public void forwardRemediation(RemediationEvent event) {
        forwarder.forward(IncidentCommand.remediation(event));
    }

    /**
     * Acknowledges incident {@code id}: applied here when owned, else forwarded to the owner.
     *
     * @param origin {@code api} or {@code pagerduty}
     */
    public OperatorResult acknowledge(String id, String by, String origin) {
        return operator(id, by, origin, IncidentCommand.Type.ACKNOWLEDGE,
                current -> machine.acknowledge(current, by, "pagerduty".equals(origin), clock.instant()));
    }

    /** Resolves incident {@code id}: applied here when owned, else forwarded to the owner. */
    public OperatorResult resolve(String id, String by, String origin) {
        String resolvedBy = origin + ":" + (by == null ? "unknown" : by);
        return operator(id, by, origin, IncidentCommand.Type.RESOLVE,
                current -> machine.resolve(current, resolvedBy, "pagerduty".equals(origin), clock.instant()));
    }

    private OperatorResult operator(String id, String by, String origin, IncidentCommand.Type type,
            Function<Incident, Transition> change) {
        if (!incidents.containsKey(id)) {
            forwarder.forward(new IncidentCommand(type, id, by, origin, null, clock.instant()));
            return new OperatorResult.Forwarded(id);
        }
        Transition transition = apply(id, change);
        if (transition.refusal() != null) {
            return new OperatorResult.Refused(id, transition.refusal());
        }
        return new OperatorResult.Applied(incidents.get(id));
    }

    private static String by(IncidentCommand command) {
        return command.origin() + ":" + (command.by() == null ? "unknown" : command.by());
    }

    // ---------------------------------------------------------------- time

    /**
     * Fires everything due now: decision windows, remediation graces, escalation steps. Called by the ticker; tests
     * call it with a test clock.
     *
     * @return how many notifications were started
     */
    public int tick() {
        Instant now = clock.instant();
        int started = 0;
        for (Incident incident : incidents.values()) {
            if (incident.nextEscalationAt() != null && !incident.nextEscalationAt().isAfter(now)) {
                try {
                    started += apply(incident.id(), current -> machine.tick(current, clock.instant())).send().size();
                } catch (RuntimeException e) {
                    log.error("Escalation of incident {} failed; it is tried again at the next tick", incident.id(), e);
                }
            }
        }
        return started;
    }

    // ---------------------------------------------------------------- ownership

    /**
     * Takes over {@code restored} (read from the incident topic for newly assigned partitions) and deals with their
     * unconfirmed sends (see {@link IncidentMachine#recover}).
     */
    public void restore(Collection<Incident> restored) {
        for (Incident incident : restored) {
            synchronized (lock(incident.id())) {
                Incident known = incidents.get(incident.id());
                if (known == null || known.version() <= incident.version()) {
                    incidents.put(incident.id(), incident);
                }
            }
        }
        for (Incident incident : restored) {
            if (!incident.outbox().isEmpty()) {
                try {
                    apply(incident.id(), current -> machine.recover(current, Set.copyOf(inFlight), clock.instant()));
                } catch (RuntimeException e) {
                    log.error("Unconfirmed sends of incident {} could not be recovered", incident.id(), e);
                }
            }
        }
        log.info("Restored {} incidents ({} open) from the incident topic", restored.size(),
                restored.stream().filter(i -> i.state().open()).count());
    }

    /** Forgets the incidents {@code released} selects (their partitions moved to another replica). */
    public void release(Predicate<String> released) {
        incidents.keySet().removeIf(released);
    }

    // ---------------------------------------------------------------- queries

    /** The owned incidents, newest first, optionally only those in {@code state}. */
    public List<Incident> list(IncidentState state) {
        return incidents.values().stream()
                .filter(incident -> state == null || incident.state() == state)
                .sorted(Comparator.comparing(Incident::createdAt).reversed())
                .toList();
    }

    /** The incident {@code id}, when owned here. */
    public Optional<Incident> get(String id) {
        return Optional.ofNullable(incidents.get(id));
    }

    /** The number of owned incidents in each state. */
    public Map<IncidentState, Long> countByState() {
        Map<IncidentState, Long> counts = new EnumMap<>(IncidentState.class);
        for (IncidentState state : IncidentState.values()) {
            counts.put(state, 0L);
        }
        incidents.values().forEach(incident -> counts.merge(incident.state(), 1L, Long::sum));
        return counts;
    }

    // ---------------------------------------------------------------- machinery

    private Transition apply(String id, Function<Incident, Transition> change) {
        Transition transition;
        synchronized (lock(id)) {
            Incident current = incidents.get(id);
            transition = change.apply(current);
            if (transition.changed()) {
                incidentLog.write(transition.incident());
                incidents.put(id, transition.incident());
            }
            for (PendingNotification pending : transition.send()) {
                inFlight.add(id + "/" + pending.id());
            }
        }
        Incident incident = transition.incident() != null ? transition.incident() : incidents.get(id);
        if (transition.changed()) {
            logChange(transition.incident());
        }
        for (PendingNotification abandoned : transition.abandoned()) {
            dispatcher.abandoned(incident, abandoned);
        }
        for (PendingNotification pending : transition.send()) {
            deliver(incident, pending);
        }
        return transition;
    }

    private void deliver(Incident snapshot, PendingNotification pending) {
        String key = snapshot.id() + "/" + pending.id();
        try {
            deliveries.execute(() -> {
                try (var fingerprint = MDC.putCloseable("alert.fingerprint", snapshot.fingerprint())) {
                    Contact to = dispatcher.deliver(snapshot, pending);
                    apply(snapshot.id(), current -> machine.delivered(current, pending, to, clock.instant()));
                } catch (RuntimeException e) {
                    log.error("Recording the send {} of incident {} failed", pending.id(), snapshot.id(), e);
                } finally {
                    inFlight.remove(key);
                }
            });
        } catch (RuntimeException e) {
            inFlight.remove(key);
            log.error("Send {} of incident {} could not be started", pending.id(), snapshot.id(), e);
        }
    }

    private static void logChange(Incident incident) {
        if (log.isDebugEnabled()) {
            log.debug("Incident {} is {} (version {}, step {}, next {})", incident.id(), incident.state(),
                    incident.version(), incident.step(), incident.nextEscalationAt());
        }
    }

    private Object lock(String id) {
        return locks[Math.floorMod(id.hashCode(), STRIPES)];
    }

    /** Stops starting sends; waits a little for those in progress. */
    @Override
    public void close() {
        deliveries.shutdown();
        try {
            deliveries.awaitTermination(5, java.util.concurrent.TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ids of sends in progress, for tests. */
    List<String> inFlight() {
        return new ArrayList<>(inFlight);
    }
}
