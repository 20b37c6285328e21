package io.alertpilot.notifier.escalation;

import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.PendingNotification;
import io.alertpilot.model.incident.SlaBreach;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * A policy's service levels on an incident: the acknowledgement clock ({@code ackWithin}: not acknowledged in time, the
 * next step is paged at once and an {@code ack} breach recorded), the resolution clock ({@code resolveWithin}: a breach
 * notice to {@code breachNotify}, a {@code resolve} breach recorded, once) and the status updates ({@code updateEvery}:
 * to {@code updateNotify}, else to everyone paged, from the first page until resolved, acknowledged or not). Their
 * deadlines live on the incident ({@code sla}), so they survive a restart as the escalation steps do; each is
 * advanced in the version that acts on it, so a tick applied twice sends nothing twice. Pure; thread safe.
 */
final class ServiceLevels {

    /** Starts the resolution clock of a new incident. */
    void opened(IncidentDraft draft, Policy policy, Instant now) {
        Duration within = policy.sla().resolveWithin();
        draft.resolveDueAt = within == null ? null : now.plus(within);
    }

    /** A step was paged at {@code now}: the acknowledgement clock starts again, and the updates start if not yet. */
    void paged(IncidentDraft draft, Policy policy, Instant now) {
        PolicySla sla = policy.sla();
        if (draft.state == IncidentState.ESCALATED && sla.ackWithin() != null) {
            draft.ackDueAt = now.plus(sla.ackWithin());
        }
        if (sla.updateEvery() != null && draft.nextUpdateAt == null) {
            draft.nextUpdateAt = now.plus(sla.updateEvery());
        }
    }

    /** Acknowledged: the acknowledgement clock stops. */
    void acknowledged(IncidentDraft draft) {
        draft.ackDueAt = null;
    }

    /** Resolved: every clock stops. */
    void resolved(IncidentDraft draft) {
        draft.ackDueAt = null;
        draft.resolveDueAt = null;
        draft.nextUpdateAt = null;
    }

    /**
     * Acts on the deadlines due at {@code now}: records breaches, adds the notices and updates to {@code send}, and,
     * for an acknowledgement breach with a further step, makes that step due now (the caller fires it).
     */
    void due(IncidentDraft draft, Policy policy, Instant now, List<PendingNotification> send) {
        if (!draft.state.open()) {
            resolved(draft);
            return;
        }
        PolicySla sla = policy.sla();
        if (draft.ackDueAt != null && !draft.ackDueAt.isAfter(now)) {
            draft.ackDueAt = null;
            if (draft.state == IncidentState.ESCALATED) {
                Step next = nextStep(draft, policy);
                String detail = "not acknowledged within " + text(sla.ackWithin()) + ": " + (next == null
                        ? "nobody further to page" : "paging " + levelOf(next, draft.step + 2) + " now");
                draft.breaches.add(new SlaBreach("ack", now, detail));
                if (next != null) {
                    draft.nextEscalationAt = now;
                }
            }
        }
        if (draft.resolveDueAt != null && !draft.resolveDueAt.isAfter(now)) {
            draft.resolveDueAt = null;
            String detail = "not resolved within " + text(sla.resolveWithin());
            draft.breaches.add(new SlaBreach("resolve", now, detail));
            for (Contact contact : audience(draft, sla.breachNotify())) {
                send.add(draft.pending("breach:resolve", contact, "breach", -1, 0, policy, null, detail));
            }
        }
        if (draft.nextUpdateAt != null && !draft.nextUpdateAt.isAfter(now)) {
            draft.updates++;
            String note = "status update " + draft.updates + ": " + draft.state.name().toLowerCase(Locale.ROOT)
                    + (draft.paged.isEmpty() ? "" : ", paged " + String.join(", ", draft.paged))
                    + (draft.acknowledgedBy == null ? "" : ", acknowledged by " + draft.acknowledgedBy);
            for (Contact contact : audience(draft, sla.updateNotify())) {
                send.add(draft.pending("update" + draft.updates, contact, "update", -1, 0, policy, null, note));
            }
            Instant next = draft.nextUpdateAt;
            while (!next.isAfter(now)) {
                next = next.plus(sla.updateEvery() == null ? Duration.ofDays(3650) : sla.updateEvery());
            }
            draft.nextUpdateAt = sla.updateEvery() == null ? null : next;
        }
    }

    /** The step paged after the last one sent, or null when the policy has none left. */
    private static Step nextStep(IncidentDraft draft, Policy policy) {
        if (draft.step + 1 < policy.steps().size()) {
            return policy.steps().get(draft.step + 1);
        }
        return draft.repeat < policy.repeat() ? policy.steps().getFirst() : null;
    }

    /** Who a page of {@code step} (1-based {@code number}) goes to, for people: "the secondary", else "step n". */
    static String levelOf(Step step, int number) {
        return step.level() != null ? "the " + step.level() : "step " + number;
    }

    private static List<Contact> audience(IncidentDraft draft, List<Contact> listed) {
        return listed.isEmpty() ? draft.paged.stream().map(Contact::ofKey).toList() : listed;
    }

    private static String text(Duration duration) {
        return duration.toString().substring(2).toLowerCase(Locale.ROOT);
    }
}
