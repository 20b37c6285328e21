package io.alertpilot.notifier.incident;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.notifier.escalation.IncidentMachine;
import io.alertpilot.notifier.escalation.Transition;
import java.time.Clock;
import java.util.function.Function;

/**
 * What operators do to an incident: acknowledge (no further step pages) and resolve, from the API, from PagerDuty or
 * from the command topic. An incident not owned here is forwarded to its owner over the command topic. Thread safe.
 */
final class OperatorCommands {

    private static final String PAGERDUTY = "pagerduty";

    private final IncidentMachine machine;
    private final OwnedIncidents owned;
    private final IncidentTransitions transitions;
    private final IncidentForwarder forwarder;
    private final Clock clock;

    OperatorCommands(IncidentMachine machine, OwnedIncidents owned, IncidentTransitions transitions,
            IncidentForwarder forwarder, Clock clock) {
        this.machine = machine;
        this.owned = owned;
        this.transitions = transitions;
        this.forwarder = forwarder;
        this.clock = clock;
    }

    /** Acknowledges incident {@code id}: applied here when owned, else forwarded to the owner. */
    OperatorResult acknowledge(String id, String by, String origin) {
        return applyOrForward(new IncidentCommand(IncidentCommand.Type.ACKNOWLEDGE, id, by, origin, null,
                clock.instant()));
    }

    /** Resolves incident {@code id}: applied here when owned, else forwarded to the owner. */
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
            case REMEDIATION -> throw new IllegalArgumentException(
                    "a remediation command is no operator command (incident " + command.incidentId() + ")");
        };
    }

    private static String resolvedBy(IncidentCommand command) {
        return command.origin() + ":" + (command.by() == null ? "unknown" : command.by());
    }
}
