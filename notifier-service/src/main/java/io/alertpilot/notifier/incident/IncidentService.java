package io.alertpilot.notifier.incident;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.notifier.channel.ChannelDispatcher;
import io.alertpilot.notifier.escalation.IncidentMachine;
import io.alertpilot.notifier.escalation.Transition;
import java.time.Clock;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.function.Predicate;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The incidents this replica owns (those whose partition of the alert topic it is assigned): what the listeners, the
 * ticker and the API do to them. Each event becomes a change the {@link IncidentMachine} computes and
 * {@link IncidentTransitions} makes durable before anything is sent (the persist-then-send protocol, which says why
 * nothing is sent twice); {@link Deliveries} sends the pages; {@link OperatorCommands} acknowledges and resolves, or
 * forwards to the owner (an unknown id is refused on every replica); {@link OwnedIncidents} answers the queries on
 * the owned incidents (the incident API answers from the read model, the same on every replica).
 * Thread safe; changes to one incident run one at a time, changes to different incidents in parallel.
 */
public class IncidentService implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(IncidentService.class);

    private final IncidentMachine machine;
    private final IncidentForwarder forwarder;
    private final Clock clock;
    private final OwnedIncidents owned = new OwnedIncidents();
    private final OwnedPartitions partitions = new OwnedPartitions();
    private final Deliveries deliveries;
    private final IncidentTransitions transitions;
    private final OperatorCommands commands;
    private final IncidentLookup lookup;

    public IncidentService(IncidentMachine machine, IncidentLog incidentLog, ChannelDispatcher dispatcher,
            IncidentForwarder forwarder, IncidentLookup lookup, Clock clock, ExecutorService deliveries) {
        this.machine = machine;
        this.forwarder = forwarder;
        this.clock = clock;
        this.deliveries = new Deliveries(dispatcher, deliveries);
        this.transitions = new IncidentTransitions(owned, incidentLog, this.deliveries, machine, clock);
        this.commands = new OperatorCommands(machine, owned, partitions, lookup, transitions, forwarder, clock);
        this.lookup = lookup;
    }

    // ---------------------------------------------------------------- events

    /**
     * Applies an alert to its incident (its group's when its policy groups alerts); returns once the resulting version
     * is durable. An alert of a group whose incident another replica owns is forwarded to it.
     */
    public void onAlert(AlertEvent alert) {
        String id = machine.incidentId(alert);
        if (!id.equals(alert.fingerprint()) && !ownedHere(id)) {
            forwarder.forward(IncidentCommand.alert(id, alert));
            forwardHeld(id, alert.fingerprint());
            return;
        }
        transitions.apply(id, current -> machine.onAlert(current, alert, clock.instant()));
        if (!id.equals(alert.fingerprint())) {
            handOverHeld(id, alert.fingerprint());
        }
    }

    /**
     * A remediation event read before its alert waits in an incident of the alert's fingerprint; when the alert
     * joined a group whose incident is owned here, the events go to the group's incident (first, so none is lost)
     * and the waiting incident closes (owned elsewhere: see {@link #forwardHeld}). Both
     * incidents are read and changed under their locks, so the end of the decision window (a tick) cannot escalate
     * the waiting incident between the read and the hand-over.
     */
    private void handOverHeld(String groupId, String fingerprint) {
        transitions.together(fingerprint, groupId, () -> {
            Incident waiting = owned.get(fingerprint).orElse(null);
            if (waiting == null || waiting.heldRemediations().isEmpty() || owned.get(groupId).isEmpty()) {
                return;
            }
            transitions.apply(groupId, current -> machine.adoptHeld(current, waiting, clock.instant()));
            transitions.apply(fingerprint, current -> machine.handedOver(current, waiting.heldRemediations(),
                    groupId, clock.instant()));
        });
    }

    /**
     * A remediation event read before its alert waits in an incident of the alert's fingerprint; when the alert was
     * forwarded to the replica that owns its group's incident, the held events follow it there over the command topic
     * (keyed by the group's incident, so they come after the alert), then the waiting incident closes as handed over
     * ({@code group:<id>}), sending nothing. Under the waiting incident's lock: the end of its decision window cannot
     * escalate it in between. A crash between the two sends the events again (at least once; the same event twice
     * changes nothing).
     */
    private void forwardHeld(String groupId, String fingerprint) {
        transitions.apply(fingerprint, current -> {
            List<RemediationEvent> held = current == null ? List.of() : current.heldRemediations();
            Transition closed = machine.handedOver(current, held, groupId, clock.instant());
            if (closed.changed()) {
                held.forEach(event -> forwarder.forward(IncidentCommand.remediation(groupId, event)));
            }
            return closed;
        });
    }

    /**
     * Applies a remediation event to the incident of its fingerprint (a group's when the alert joined one); returns
     * once the resulting version is durable. The events of an alert whose incident handed over to a group's incident
     * another replica owns are forwarded to that owner.
     */
    public void onRemediation(RemediationEvent event) {
        String id = IncidentMachine.incidentIdOf(event.fingerprint(), owned.all());
        String group = id.equals(event.fingerprint()) ? IncidentMachine.handedOverTo(owned.get(id).orElse(null)) : null;
        if (group != null && !ownedHere(group)) {
            forwarder.forward(IncidentCommand.remediation(group, event));
            return;
        }
        transitions.apply(id, current -> machine.onRemediation(current, event, clock.instant()));
    }

    private boolean ownedHere(String id) {
        return owned.owns(id) || partitions.owns(id);
    }

    /** Applies a command from the command topic. */
    public void onCommand(IncidentCommand command) {
        switch (command.type()) {
            case REMEDIATION -> onRemediation(command.remediation());
            case ACKNOWLEDGE, RESOLVE -> commands.apply(command);
            case ALERT -> transitions.apply(command.incidentId(),
                    current -> machine.onAlert(current, command.alert(), clock.instant()));
        }
    }

    /** Sends a remediation event to the owner of its incident. */
    public void forwardRemediation(RemediationEvent event) {
        forwarder.forward(IncidentCommand.remediation(event));
    }

    // ---------------------------------------------------------------- operators

    /**
     * Acknowledges incident {@code id}: applied here when owned, else forwarded to the owner when the incident exists;
     * refused {@code unknown} when it does not (see {@link OperatorCommands}).
     *
     * @param origin {@code api} or {@code pagerduty}
     */
    public OperatorResult acknowledge(String id, String by, String origin) {
        return commands.acknowledge(id, by, origin);
    }

    /** Resolves incident {@code id}: like {@link #acknowledge}. */
    public OperatorResult resolve(String id, String by, String origin) {
        return commands.resolve(id, by, origin);
    }

    // ---------------------------------------------------------------- time

    /**
     * Fires everything due now: decision windows, remediation graces, escalation steps. Called by the ticker; tests
     * call it with a test clock.
     *
     * @return how many notifications were started
     */
    public int tick() {
        int started = 0;
        for (String id : owned.dueAt(clock.instant())) {
            try {
                started += transitions.apply(id, current -> machine.tick(current, clock.instant())).send().size();
            } catch (RuntimeException e) {
                log.error("Escalation of incident {} failed; it is tried again at the next tick", id, e);
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
        transitions.restore(restored);
        log.info("Restored {} incidents ({} open) from the incident topic", restored.size(),
                restored.stream().filter(i -> i.state().open()).count());
    }

    /** Forgets the incidents {@code released} selects (their partitions moved to another replica). */
    public void release(Predicate<String> released) {
        owned.release(released);
    }

    /**
     * Owns the ids of incident-topic partitions {@code assigned} (call after {@link #restore} of their incidents): an
     * id there without an incident is unknown on every replica.
     *
     * @param partitionOf the partition of an id, as the producer's partitioner puts it
     */
    public void ownPartitions(Collection<Integer> assigned, ToIntFunction<String> partitionOf) {
        partitions.assign(assigned, partitionOf);
    }

    /** No longer owns the ids of {@code revoked} (call before {@link #release} of their incidents). */
    public void releasePartitions(Collection<Integer> revoked) {
        partitions.revoke(revoked);
    }

    // ---------------------------------------------------------------- queries

    /** The owned incidents, newest first, optionally only those in {@code state}. */
    public List<Incident> list(IncidentState state) {
        return owned.list(state);
    }

    /** The incident {@code id}, when owned here. */
    public Optional<Incident> get(String id) {
        return owned.get(id);
    }

    /**
     * The incident {@code id} whichever replica owns it: as held here when owned here, else its latest durable version
     * on the incident topic (which the owner writes before anything is sent). Empty when there is no such incident.
     *
     * @throws IncidentLookupException when the incident topic could not be read in time
     */
    public Optional<Incident> find(String id) {
        Optional<Incident> here = owned.get(id);
        return here.isPresent() || partitions.owns(id) ? here : lookup.find(id);
    }

    /** The number of owned incidents in each state. */
    public Map<IncidentState, Long> countByState() {
        return owned.countByState();
    }

    /** Stops starting sends; waits a little for those in progress. */
    @Override
    public void close() {
        deliveries.close();
    }
}
