package io.alertpilot.notifier.escalation;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.PendingNotification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Acknowledging and resolving an incident, and what the targets already paged are told of it. Pure; thread safe.
 */
final class OperatorHandling {

    private final ServiceLevels levels;

    OperatorHandling(ServiceLevels levels) {
        this.levels = levels;
    }

    /** See {@link IncidentMachine#acknowledge}. */
    Transition acknowledge(Incident current, String by, boolean fromPagerDuty, Instant now) {
        if (current == null) {
            return Transition.refused("unknown");
        }
        if (current.state() == IncidentState.RESOLVED) {
            return Transition.refused("resolved");
        }
        if (current.state() == IncidentState.ACKNOWLEDGED) {
            return Transition.none();
        }
        IncidentDraft draft = new IncidentDraft(current);
        draft.state = IncidentState.ACKNOWLEDGED;
        draft.acknowledgedAt = now;
        draft.acknowledgedBy = by;
        draft.nextEscalationAt = null;
        levels.acknowledged(draft);
        return draft.finish(tellPaged(draft, "acknowledge", "ack", contact ->
                ChannelNames.DEDUPLICATING.contains(contact.channel()) && !echo(contact, fromPagerDuty)), now);
    }

    /** See {@link IncidentMachine#resolve}. */
    Transition resolve(Incident current, String by, boolean fromPagerDuty, Instant now) {
        if (current == null) {
            return Transition.refused("unknown");
        }
        if (current.state() == IncidentState.RESOLVED) {
            return Transition.none();
        }
        return resolve(new IncidentDraft(current), by, fromPagerDuty, now);
    }

    /** Resolves {@code draft}: stops escalation, and sends {@code resolve} once to every target that was paged. */
    Transition resolve(IncidentDraft draft, String by, boolean fromPagerDuty, Instant now) {
        draft.state = IncidentState.RESOLVED;
        draft.resolvedAt = now;
        draft.resolvedBy = by;
        draft.nextEscalationAt = null;
        levels.resolved(draft);
        return draft.finish(tellPaged(draft, "resolve", "resolve", contact -> !echo(contact, fromPagerDuty)), now);
    }

    /**
     * Tells the paged targets {@code who} selects of {@code action}, once per incident: nothing when the notice
     * {@code action} was already given.
     */
    private static List<PendingNotification> tellPaged(IncidentDraft draft, String action, String prefix,
            Predicate<Contact> who) {
        List<PendingNotification> send = new ArrayList<>();
        if (!draft.notices.contains(action)) {
            draft.notices.add(action);
            for (String key : draft.paged) {
                Contact contact = Contact.ofKey(key);
                if (who.test(contact)) {
                    send.add(draft.pending(prefix, contact, action, -1, 0, null));
                }
            }
        }
        return send;
    }

    /** True when telling {@code contact} would echo a change back to PagerDuty, where it was made. */
    private static boolean echo(Contact contact, boolean fromPagerDuty) {
        return fromPagerDuty && contact.channel().equals(ChannelNames.PAGERDUTY);
    }
}
