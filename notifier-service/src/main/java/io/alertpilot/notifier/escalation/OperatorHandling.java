package io.alertpilot.notifier.escalation;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.PendingNotification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Acknowledging and resolving an incident, and what the targets already paged are told of it. Pure; thread safe
 * (stateless).
 */
final class OperatorHandling {

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
        List<PendingNotification> send = new ArrayList<>();
        if (!draft.notices.contains("acknowledge")) {
            draft.notices.add("acknowledge");
            for (String key : draft.paged) {
                Contact contact = Contact.ofKey(key);
                if (ChannelNames.DEDUPLICATING.contains(contact.channel())
                        && !(fromPagerDuty && contact.channel().equals(ChannelNames.PAGERDUTY))) {
                    send.add(draft.pending("ack", contact, "acknowledge", -1, 0, null));
                }
            }
        }
        return draft.finish(send, now);
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
        List<PendingNotification> send = new ArrayList<>();
        if (!draft.notices.contains("resolve")) {
            draft.notices.add("resolve");
            for (String key : draft.paged) {
                Contact contact = Contact.ofKey(key);
                if (!(fromPagerDuty && contact.channel().equals(ChannelNames.PAGERDUTY))) {
                    send.add(draft.pending("resolve", contact, "resolve", -1, 0, null));
                }
            }
        }
        return draft.finish(send, now);
    }
}
