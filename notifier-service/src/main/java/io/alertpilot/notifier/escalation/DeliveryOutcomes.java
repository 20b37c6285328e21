package io.alertpilot.notifier.escalation;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.PendingNotification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * How the sends an incident decided end: a confirmed send leaves the outbox, and an unconfirmed one found after a
 * restart is sent again or abandoned. Pure; thread safe (stateless).
 */
final class DeliveryOutcomes {

    /** See {@link IncidentMachine#delivered}. */
    Transition delivered(Incident current, PendingNotification notification, Contact deliveredTo, Instant now) {
        if (current == null || current.outbox().stream().noneMatch(n -> n.id().equals(notification.id()))) {
            return Transition.none();
        }
        IncidentDraft draft = new IncidentDraft(current);
        draft.outbox.removeIf(n -> n.id().equals(notification.id()));
        List<PendingNotification> send = new ArrayList<>();
        if (deliveredTo != null && notification.action().equals("trigger") && !draft.paged.contains(deliveredTo.key())) {
            draft.paged.add(deliveredTo.key());
            if (draft.state == IncidentState.RESOLVED) {
                send.add(draft.pending("resolve", deliveredTo, "resolve", -1, 0, null));
            } else if (draft.state == IncidentState.ACKNOWLEDGED
                    && ChannelNames.DEDUPLICATING.contains(deliveredTo.channel())) {
                send.add(draft.pending("ack", deliveredTo, "acknowledge", -1, 0, null));
            }
        }
        return draft.finish(send, now);
    }

    /** See {@link IncidentMachine#recover}. */
    Transition recover(Incident current, Set<String> inFlight, Instant now) {
        if (current == null || current.outbox().isEmpty()) {
            return Transition.none();
        }
        IncidentDraft draft = new IncidentDraft(current);
        List<PendingNotification> resend = new ArrayList<>();
        List<PendingNotification> abandoned = new ArrayList<>();
        for (PendingNotification pending : current.outbox()) {
            if (inFlight.contains(current.id() + "/" + pending.id())) {
                continue;
            }
            if (ChannelNames.DEDUPLICATING.contains(pending.channel())) {
                resend.add(pending);
            } else {
                abandoned.add(pending);
                draft.outbox.remove(pending);
            }
        }
        if (resend.isEmpty() && abandoned.isEmpty()) {
            return Transition.none();
        }
        Incident next = abandoned.isEmpty() ? current : draft.build(now);
        return new Transition(abandoned.isEmpty() ? null : next, resend, abandoned, null);
    }
}
