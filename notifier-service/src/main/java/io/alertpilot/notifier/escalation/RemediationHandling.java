package io.alertpilot.notifier.escalation;

import io.alertpilot.model.incident.ApprovalRequest;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.PendingNotification;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What a remediation event does to the incident of its fingerprint: marks it handled (with the remediation grace as
 * deadline), escalates it at once (failed, skipped, dry run), pages the approvers (each page carrying the
 * {@link ApprovalRequest}: what would run, where, why, until when), or sends the informational
 * message of a verified remediation. A ladder step that acts carries a {@code deadline} (when the remediation service
 * judges it at the latest: its verifications and holdFor): the alert may keep firing until then plus the remediation
 * grace, so a step that holds pages nobody. A ladder step FAILED {@code still-firing} escalates nothing: the next step
 * follows, or the ladder's end (SKIPPED) pages once; the step gets the remediation grace again. A diagnosis on the
 * event becomes the incident's, so the pages that follow carry it. Events after the incident resolved change nothing,
 * except one that occurred after the resolution and opens a decision about the alert's next occurrence (held for it,
 * see {@link #forNextOccurrence}) and a way back that failed (FAILED {@code revert-failed}): the change stays, so the incident escalates again. The same event applied twice changes nothing.
 * An event read before its alert is held in the incident, sending nothing, until the alert routes it
 * ({@link #replay}) or the decision window ends ({@link #alertMissing}).
 * Pure; thread safe.
 */
final class RemediationHandling {

    /** The FAILED reason of a ladder step whose alert still fired at the end of its holdFor. */
    static final String STILL_FIRING = "still-firing";
    /** The FAILED reason of a way back (revert) still not taken a while after its alert resolved. */
    static final String REVERT_FAILED = "revert-failed";

    private final Routing routing;
    private final EscalationTiming timing;

    RemediationHandling(Routing routing, EscalationTiming timing) {
        this.routing = routing;
        this.timing = timing;
    }

    /** See {@link IncidentMachine#onRemediation}. */
    Transition onRemediation(Incident current, RemediationEvent event, Instant now) {
        if (current != null && current.state() == IncidentState.RESOLVED && wayBackFailed(event)) {
            return wayBackFailed(current, event, now);
        }
        if (current != null && forNextOccurrence(current, event)) {
            return holdForNext(current, event, now);
        }
        if (current != null && (current.state() == IncidentState.RESOLVED
                || event.occurredAt().isBefore(current.createdAt().minus(routing.decisionWindow())))) {
            return Transition.none(); // for an incident that is over, or for an earlier occurrence of the alert
        }
        if (current == null || awaitsAlert(current)) {
            return hold(current, event, now);
        }
        IncidentDraft draft = new IncidentDraft(current);
        String remediation = describe(event);
        if (remediation.equals(draft.lastRemediation)) {
            return Transition.none(); // the same news again: a redelivered record
        }
        draft.lastRemediation = remediation;
        if (event.diagnosis() != null) {
            draft.diagnosis = event.diagnosis(); // the newest evidence goes with every page from now on
        }
        IncidentState state = draft.state;
        Policy policy = routing.policy(draft);
        List<PendingNotification> send = new ArrayList<>();
        switch (event.phase()) {
            case PLANNED, STARTED, SUCCEEDED -> {
                if (event.dryRun() && event.phase() == RemediationPhase.PLANNED) {
                    if (state == IncidentState.TRIGGERED) {
                        return timing.escalate(draft, policy, now, "remediation in dry run: " + remediation);
                    }
                } else if (state == IncidentState.TRIGGERED) {
                    handled(draft, policy, now);
                } else if (state == IncidentState.REMEDIATING && event.phase() == RemediationPhase.STARTED
                        && event.by() != null && draft.nextEscalationAt != null
                        && draft.nextEscalationAt.isBefore(now.plus(routing.grace(policy)))) {
                    // an action a human approved just started: it gets the whole grace to work
                    draft.nextEscalationAt = now.plus(routing.grace(policy));
                }
                if (draft.state == IncidentState.REMEDIATING && event.step() != null && event.deadline() != null) {
                    holdsUntil(draft, event.deadline().plus(routing.grace(policy)));
                }
            }
            case PENDING_APPROVAL -> {
                if (state == IncidentState.TRIGGERED) {
                    handled(draft, policy, now);
                }
                if (draft.state == IncidentState.REMEDIATING && event.deadline() != null) {
                    // the approvers are paged now; the alert waits for their answer, not for the remediation grace:
                    // a timeout is SKIPPED approval-timeout, which escalates at once, and this is the safety net
                    holdsUntil(draft, event.deadline());
                }
                String notice = "approval:" + event.remediationId();
                if (draft.state.open() && draft.state != IncidentState.ACKNOWLEDGED && !draft.notices.contains(notice)) {
                    draft.notices.add(notice);
                    ApprovalRequest request = new ApprovalRequest(event.remediationId(), event.playbook(),
                            event.action(), event.parameters(), event.target(), event.message(), event.deadline());
                    for (Contact contact : policy.approvalContacts()) {
                        send.add(draft.pending(notice, contact, "trigger", -1, 0, policy).withApproval(request));
                    }
                }
            }
            case VERIFIED -> {
                if (state == IncidentState.TRIGGERED || state == IncidentState.REMEDIATING) {
                    draft.state = IncidentState.REMEDIATED;
                    if (state == IncidentState.TRIGGERED || draft.nextEscalationAt == null) {
                        draft.nextEscalationAt = now.plus(routing.grace(policy));
                    }
                }
                if (!draft.notices.contains("info") && state != IncidentState.ACKNOWLEDGED) {
                    draft.notices.add("info");
                    for (Contact contact : policy.info()) {
                        send.add(draft.pending("info", contact, "info", -1, 0, policy));
                    }
                }
            }
            case FAILED, SKIPPED -> {
                if (stepFollows(event)) {
                    // a ladder step that did not clear the alert: the next step follows (or the ladder's end pages)
                    if (state == IncidentState.TRIGGERED || state == IncidentState.REMEDIATING
                            || state == IncidentState.REMEDIATED) {
                        handled(draft, policy, now);
                    }
                } else if (state == IncidentState.TRIGGERED || state == IncidentState.REMEDIATING
                        || state == IncidentState.REMEDIATED) {
                    return timing.escalate(draft, policy, now, remediation);
                }
            }
        }
        return draft.finish(send, now);
    }

    /**
     * A way back that could not be taken after the alert resolved (FAILED {@code revert-failed}): the change stays in
     * the cluster (an HPA patched, a workload isolated), so the incident escalates again and a human undoes it.
     */
    private Transition wayBackFailed(Incident current, RemediationEvent event, Instant now) {
        IncidentDraft draft = new IncidentDraft(current);
        String remediation = describe(event);
        if (remediation.equals(draft.lastRemediation)) {
            return Transition.none(); // a redelivered record
        }
        draft.lastRemediation = remediation;
        return timing.escalate(draft, routing.policy(draft), now, remediation);
    }

    /** True for FAILED {@code revert-failed}: a way back given up after its alert resolved. */
    static boolean wayBackFailed(RemediationEvent event) {
        return event.phase() == RemediationPhase.FAILED && REVERT_FAILED.equals(event.reason());
    }

    /**
     * Applies {@code held} (the events kept while the incident waited for its alert) in the order they came to
     * {@code opened}, the incident the alert has just opened and routed: the pages they decide go to the alert's
     * policy, as if the records had come in order.
     */
    Transition replay(Transition opened, List<RemediationEvent> held, Instant now) {
        Incident incident = opened.incident();
        List<PendingNotification> send = new ArrayList<>(opened.send());
        for (RemediationEvent event : held) {
            Transition next = onRemediation(incident, event, now);
            if (next.changed()) {
                incident = next.incident();
                send.addAll(next.send());
            }
        }
        return Transition.of(incident, send);
    }

    /**
     * True while {@code incident} was opened by a remediation event and no alert has described it yet: it has no
     * policy of its own, so what it sends waits for the alert.
     */
    static boolean awaitsAlert(Incident incident) {
        return incident.state() == IncidentState.TRIGGERED && incident.lastAlertAt() == null
                && incident.groupKey() == null;
    }

    /**
     * The remediation service was quicker than the alert reached us (two topics, no order between them): the event
     * is kept in the incident, nothing is sent, until the alert routes it or the decision window ends. The same event
     * twice (a redelivered record) changes nothing.
     */
    private Transition hold(Incident current, RemediationEvent event, Instant now) {
        IncidentDraft draft = current == null ? openFrom(event, now) : new IncidentDraft(current);
        if (draft.heldRemediations.stream().anyMatch(e -> e.eventId().equals(event.eventId()))) {
            return Transition.none();
        }
        draft.heldRemediations.add(event);
        return Transition.of(draft.build(now), List.of());
    }

    /**
     * True when {@code event}, for the resolved incident {@code current} (not a group's), occurred after the
     * resolution and opens a decision about a new occurrence of its alert (whose firing record is not read yet): any
     * phase but the follow-ups of a run (SUCCEEDED, VERIFIED), whose first event is held already, and the way back
     * given up ({@link #wayBackFailed}, about the occurrence that resolved).
     */
    private static boolean forNextOccurrence(Incident current, RemediationEvent event) {
        return current.state() == IncidentState.RESOLVED && current.groupKey() == null
                && current.resolvedAt() != null && event.occurredAt().isAfter(current.resolvedAt())
                && event.phase() != RemediationPhase.SUCCEEDED && event.phase() != RemediationPhase.VERIFIED
                && !wayBackFailed(event);
    }

    /**
     * An event about the next occurrence of a resolved incident's alert, read before that alert re-fired: the incident
     * waits for it as one the event opened (see {@link #hold}), its held events applied when the alert reopens it.
     */
    private Transition holdForNext(Incident resolved, RemediationEvent event, Instant now) {
        IncidentDraft draft = openFrom(event, now);
        draft.version = resolved.version();
        draft.heldRemediations.add(event);
        return Transition.of(draft.build(now), List.of());
    }

    /** See {@link IncidentMachine#handedOver}. */
    Transition handedOver(Incident waiting, List<RemediationEvent> adopted, String by, Instant now) {
        IncidentDraft draft = new IncidentDraft(waiting);
        draft.heldRemediations.removeAll(adopted);
        if (!draft.heldRemediations.isEmpty()) {
            return Transition.of(draft.build(now), List.of());
        }
        draft.state = IncidentState.RESOLVED;
        draft.resolvedAt = now;
        draft.resolvedBy = by;
        draft.nextEscalationAt = null;
        return Transition.of(draft.build(now), List.of());
    }

    /** A new incident from the event alone, to wait the decision window for its alert. */
    private IncidentDraft openFrom(RemediationEvent event, Instant now) {
        IncidentDraft draft = IncidentDraft.open(event.fingerprint(), now);
        draft.alertName = event.alertName();
        draft.target = event.target();
        draft.dedupKey = "alertpilot:" + event.fingerprint();
        draft.nextEscalationAt = now.plus(routing.decisionWindow());
        return draft;
    }

    /**
     * The end of the decision window for an incident whose alert never came: it escalates by what is known (the
     * policy its alert name routes to, the default one for most), and its remediation text, shown on every page,
     * says so. The held events are dropped: the last one's outcome is in that text.
     */
    Transition alertMissing(Incident current, Instant now) {
        IncidentDraft draft = new IncidentDraft(current);
        RemediationEvent last = draft.heldRemediations.isEmpty() ? null : draft.heldRemediations.getLast();
        draft.heldRemediations.clear();
        if (last != null) {
            draft.diagnosis = last.diagnosis() != null ? last.diagnosis() : draft.diagnosis;
            draft.lastRemediation = "alert not received within the decision window, routed without its labels; "
                    + "remediation: " + describe(last);
        }
        return timing.escalate(draft, routing.policy(draft), now, "alert not received within the decision window");
    }

    /** Moves the incident's escalation to {@code until} unless it is due later already. */
    private static void holdsUntil(IncidentDraft draft, Instant until) {
        if (draft.nextEscalationAt == null || draft.nextEscalationAt.isBefore(until)) {
            draft.nextEscalationAt = until;
        }
    }

    private void handled(IncidentDraft draft, Policy policy, Instant now) {
        draft.state = IncidentState.REMEDIATING;
        draft.nextEscalationAt = now.plus(routing.grace(policy));
    }

    /**
     * True for a ladder step FAILED {@code still-firing}: the remediation service follows it with the next step, or
     * with SKIPPED when the ladder ends ({@code ladder-exhausted}, {@code escalate}, {@code ladder-stopped}), which
     * pages; the step itself pages nobody.
     */
    static boolean stepFollows(RemediationEvent event) {
        return event.step() != null && event.phase() == RemediationPhase.FAILED
                && STILL_FIRING.equals(event.reason());
    }

    private static String describe(RemediationEvent event) {
        return event.phase() + " " + nonNull(event.playbook()) + "/" + nonNull(event.action())
                + (event.step() == null ? "" : " step " + event.step())
                + (event.reason() == null ? "" : " (" + event.reason() + ")") + (event.dryRun() ? " [dry run]" : "")
                + " event=" + event.eventId();
    }

    private static String nonNull(String value) {
        return value == null ? "-" : value;
    }
}
