package io.alertpilot.notifier.escalation;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.PendingNotification;
import java.util.List;

/**
 * The result of applying one event to an incident.
 *
 * @param incident the new version to persist, or null when nothing changed
 * @param send notifications to send now; each is already in the new version's outbox
 * @param abandoned outbox entries dropped unsent because their outcome was in doubt and their channel does not
 *     deduplicate (see {@link IncidentMachine#recover})
 * @param refusal why an operator's request was refused (unknown, already resolved), or null
 */
public record Transition(Incident incident, List<PendingNotification> send, List<PendingNotification> abandoned,
        String refusal) {

    public Transition {
        send = List.copyOf(send);
        abandoned = List.copyOf(abandoned);
    }

    static Transition none() {
        return new Transition(null, List.of(), List.of(), null);
    }

    static Transition refused(String why) {
        return new Transition(null, List.of(), List.of(), why);
    }

    static Transition of(Incident incident, List<PendingNotification> send) {
        return new Transition(incident, send, List.of(), null);
    }

    /** True when there is a new version to persist. */
    public boolean changed() {
        return incident != null;
    }
}
