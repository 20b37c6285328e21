package io.alertpilot.notifier.incident;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.PendingNotification;
import io.alertpilot.notifier.escalation.IncidentMachine;
import io.alertpilot.notifier.escalation.Transition;
import io.alertpilot.support.concurrent.KeyedLock;
import java.time.Clock;
import java.util.Collection;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The persist-then-send protocol: the one place where an owned incident changes.
 *
 * <h2>Why nothing is sent twice</h2>
 * Every change runs under the incident's {@link KeyedLock} (a {@code ReentrantLock}, so a virtual thread waiting for
 * the Kafka acknowledgement unmounts instead of pinning its carrier; other incidents go on in parallel): the
 * {@link IncidentMachine} computes the next version, which carries the notifications it decided in its outbox and the
 * step counter already advanced; that version is written to the compacted incident topic and acknowledged
 * <em>before</em> anything is sent, and only then kept in memory. Sends run on the delivery executor outside the
 * lock; each end is recorded (outbox entry removed, target added to {@code paged}) by a further version. Hence:
 * <ul>
 *   <li>a redelivered alert or remediation record, or a second tick, meets a version in which the step is already
 *       counted and the one-time message already noted: it decides nothing new;</li>
 *   <li>a record is committed only after its version was written, so a crash before the write redelivers a record
 *       whose effect was never decided, and a crash after it redelivers one that decides nothing;</li>
 *   <li>a crash between the write and the end of a send leaves the entry in the outbox: after the restart (or at the
 *       new owner) {@link #restore} sends it again only to PagerDuty or Opsgenie, which keep one alert per dedup key,
 *       and abandons (audits) chat, e-mail and webhook entries rather than risk a second message.</li>
 * </ul>
 * Thread safe.
 */
final class IncidentTransitions {

    private static final Logger log = LoggerFactory.getLogger(IncidentTransitions.class);

    private final OwnedIncidents owned;
    private final IncidentLog incidentLog;
    private final Deliveries deliveries;
    private final IncidentMachine machine;
    private final Clock clock;
    private final KeyedLock lock = new KeyedLock();

    IncidentTransitions(OwnedIncidents owned, IncidentLog incidentLog, Deliveries deliveries, IncidentMachine machine,
            Clock clock) {
        this.owned = owned;
        this.incidentLog = incidentLog;
        this.deliveries = deliveries;
        this.machine = machine;
        this.clock = clock;
    }

    /**
     * Applies {@code change} to the current version of incident {@code id} (null when not owned): writes the next
     * version and waits for it to be durable, keeps it, then starts its sends.
     *
     * @throws IncidentStoreException when the version could not be written; nothing was kept or sent
     */
    Transition apply(String id, Function<Incident, Transition> change) {
        Transition transition = lock.call(id, () -> persist(id, change));
        Incident incident = transition.changed() ? transition.incident() : owned.current(id);
        if (transition.changed()) {
            logChange(incident);
        }
        for (PendingNotification abandoned : transition.abandoned()) {
            deliveries.abandon(incident, abandoned);
        }
        for (PendingNotification pending : transition.send()) {
            deliveries.start(incident, pending, (sent, deliveredTo) -> apply(incident.id(),
                    current -> machine.delivered(current, sent, deliveredTo, clock.instant())));
        }
        return transition;
    }

    /**
     * Runs {@code work} while no other change to incident {@code first} or {@code second} can run: {@code work} may
     * {@link #apply} changes to either (the locks are reentrant), to no other incident.
     */
    void together(String first, String second, Runnable work) {
        lock.call(first, second, () -> {
            work.run();
            return null;
        });
    }

    private Transition persist(String id, Function<Incident, Transition> change) {
        Transition transition = change.apply(owned.current(id));
        if (transition.changed()) {
            incidentLog.write(transition.incident());
            owned.keep(transition.incident());
        }
        for (PendingNotification pending : transition.send()) {
            deliveries.reserve(id, pending);
        }
        return transition;
    }

    /**
     * Takes over {@code restored} (the latest versions read from the incident topic) and deals with their unconfirmed
     * sends (see {@link IncidentMachine#recover}); a recovery that fails is logged and left for the next owner.
     */
    void restore(Collection<Incident> restored) {
        for (Incident incident : restored) {
            lock.run(incident.id(), () -> owned.adopt(incident));
        }
        for (Incident incident : restored) {
            if (!incident.outbox().isEmpty()) {
                recover(incident.id());
            }
        }
    }

    private void recover(String id) {
        try {
            apply(id, current -> machine.recover(current, deliveries.inFlight(), clock.instant()));
        } catch (RuntimeException e) {
            log.error("Unconfirmed sends of incident {} could not be recovered", id, e);
        }
    }

    private static void logChange(Incident incident) {
        if (log.isDebugEnabled()) {
            log.debug("Incident {} is {} (version {}, step {}, next {})", incident.id(), incident.state(),
                    incident.version(), incident.step(), incident.nextEscalationAt());
        }
    }
}
