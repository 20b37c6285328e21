package io.alertpilot.notifier.incident;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.notifier.escalation.IncidentMachine;
import io.alertpilot.notifier.escalation.Transition;
import java.time.Clock;
import java.util.function.Function;

/**
 * What operators do to an incident: acknowledge (no further step pages) and resolve, from the API, from PagerDuty or
 * from the command topic. Who answers is decided by the partition of the id (the incident topic is keyed by id): an
 * incident owned here is changed here; an id whose partition is owned here but which has no incident does not exist
 * (refused {@code unknown} at once); any other id is looked up on the incident topic and forwarded to its owner over
 * the command topic only when the incident exists there, else refused {@code unknown}. Thread safe.
 */
final class OperatorCommands {

    private static final String PAGERDUTY = "pagerduty";
    private static final String UNKNOWN = "unknown";

    private final IncidentMachine machine;
    private final OwnedIncidents owned;
    private final OwnedPartitions partitions;
    private final IncidentLookup lookup;
    private final IncidentTransitions transitions;
    private final IncidentForwarder forwarder;
    private final Clock clock;

    OperatorCommands(IncidentMachine machine, OwnedIncidents owned, OwnedPartitions partitions, IncidentLookup lookup,
            IncidentTransitions transitions, IncidentForwarder forwarder, Clock clock) {
        this.machine = machine;
        this.owned = owned;
        this.partitions = partitions;
        this.lookup = lookup;
        this.transitions = transitions;
        this.forwarder = forwarder;
        this.clock = clock;
    }

    /** Acknowledges incident {@code id}: applied here when owned, else forwarded to the owner when it exists. */
    OperatorResult acknowledge(String id, String by, String origin) {
        return applyOrForward(new IncidentCommand(IncidentCommand.Type.ACKNOWLEDGE, id, by, origin, null,
                clock.instant()));
    }

    /** Resolves incident {@code id}: applied here when owned, else forwarded to the owner when it exists. */
    OperatorResult resolve(String id, String by, String origin) {
        return applyOrForward(new IncidentCommand(IncidentCommand.Type.RESOLVE, id, by, origin, null,
                clock.instant()));
    }

    /** Applies an acknowledge or resolve command that reached the owner over the command topic. */
    void apply(IncidentCommand command) {
        transitions.apply(command.incidentId(), change(command));
    }

    private OperatorResult applyOrForward(IncidentCommand command) {
        String id = command.incidentId();
        if (!owned.owns(id)) {
            if (partitions.owns(id) || lookup.find(id).isEmpty()) {
                return new OperatorResult.Refused(id, UNKNOWN);
            }
            forwarder.forward(command);
            return new OperatorResult.Forwarded(id);
        }
        Transition transition = transitions.apply(id, change(command));
        if (transition.refusal() != null) {
            return new OperatorResult.Refused(id, transition.refusal());
        }
        return new OperatorResult.Applied(owned.current(id));
    }

    private Function<Incident, Transition> change(IncidentCommand command) {
        boolean fromPagerDuty = PAGERDUTY.equals(command.origin());
        return switch (command.type()) {
            case ACKNOWLEDGE -> current -> machine.acknowledge(current, command.by(), fromPagerDuty, clock.instant());
            case RESOLVE -> current -> machine.resolve(current, resolvedBy(command), fromPagerDuty, clock.instant());
            case REMEDIATION, ALERT -> throw new IllegalArgumentException(
                    command.type() + " is no operator command (incident " + command.incidentId() + ")");
        };
    }

    private static String resolvedBy(IncidentCommand command) {
        return command.origin() + ":" + (command.by() == null ? UNKNOWN : command.by());
    }
}
