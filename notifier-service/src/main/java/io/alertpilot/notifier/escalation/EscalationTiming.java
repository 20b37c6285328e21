package io.alertpilot.notifier.escalation;

import io.alertpilot.model.alert.Target;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.PendingNotification;
import io.alertpilot.model.maintenance.MaintenanceWindows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The escalation timeline: when the decision window or the remediation grace ends, escalation starts; then each
 * step of the policy is sent when due, each once, round after round as often as the policy repeats. Pure; thread
 * safe.
 *
 * <p>While an active maintenance window with {@code paging: false} covers the incident (its labels and target), a
 * step that falls due is held: it is not sent and stays due, so every tick looks again, and the first tick after the
 * window ends (or is ended) sends it, if the incident is still open, and the later steps follow with their delays
 * counted from then. A resolved incident sends nothing.
 *
 * <p>The policy's service levels ({@link ServiceLevels}) are looked at in the same tick: an acknowledgement breach
 * makes the next step due at once.
 */
final class EscalationTiming {

    private final Routing routing;
    private final MaintenanceWindows windows;
    private final ServiceLevels levels;

    EscalationTiming(Routing routing, MaintenanceWindows windows, ServiceLevels levels) {
        this.routing = routing;
        this.windows = windows;
        this.levels = levels;
    }

    /** See {@link IncidentMachine#tick}. */
    Transition tick(Incident current, Instant now) {
        if (current == null || current.nextDueAt() == null || current.nextDueAt().isAfter(now)) {
            return Transition.none();
        }
        if (current.state() == IncidentState.ESCALATED && held(current.labels(), current.target(), now)) {
            return Transition.none();
        }
        IncidentDraft draft = new IncidentDraft(current);
        Policy policy = routing.policy(draft);
        List<PendingNotification> send = new ArrayList<>();
        levels.due(draft, policy, now, send);
        if (draft.nextEscalationAt == null || draft.nextEscalationAt.isAfter(now)) {
            return draft.finish(send, now);
        }
        return switch (current.state()) {
            case TRIGGERED -> escalate(draft, policy, now, "no remediation within the decision window", send);
            case REMEDIATING, REMEDIATED -> escalate(draft, policy, now, "still firing after the remediation grace",
                    send);
            case ESCALATED -> {
                if (held(current.labels(), current.target(), current.nextEscalationAt())) {
                    // held by a window that is over now: the held step goes out now, the later ones keep their delays
                    // from now on (not all at once)
                    draft.nextEscalationAt = now;
                }
                fireDueSteps(draft, policy, now, send);
                yield draft.finish(send, now);
            }
            case ACKNOWLEDGED, RESOLVED -> {
                draft.nextEscalationAt = null;
                yield draft.finish(send, now);
            }
        };
    }

    /** Escalates {@code draft} by {@code policy} at once: the first step is due now or after its delay. */
    Transition escalate(IncidentDraft draft, Policy policy, Instant now, String why) {
        return escalate(draft, policy, now, why, new ArrayList<>());
    }

    private Transition escalate(IncidentDraft draft, Policy policy, Instant now, String why,
            List<PendingNotification> send) {
        draft.state = IncidentState.ESCALATED;
        draft.policy = policy.name();
        draft.escalatedAt = now;
        draft.step = -1;
        draft.repeat = 0;
        draft.nextEscalationAt = now.plus(policy.steps().getFirst().after());
        if (draft.lastRemediation == null) {
            draft.lastRemediation = why;
        }
        if (!held(draft.labels, draft.target, now)) {
            fireDueSteps(draft, policy, now, send);
        }
        return draft.finish(send, now);
    }

    /** True when an active maintenance window without paging covers the incident at {@code now}. */
    private boolean held(Map<String, String> labels, Target target, Instant now) {
        return windows.covering(now, labels, target).stream().anyMatch(w -> !w.paging());
    }

    /** Sends every step due at {@code now}, each once, and sets when the following one is due. */
    private void fireDueSteps(IncidentDraft draft, Policy policy, Instant now, List<PendingNotification> send) {
        int before = send.size();
        fireSteps(draft, policy, now, send);
        if (send.size() > before) {
            levels.paged(draft, policy, now);
        }
    }

    private static void fireSteps(IncidentDraft draft, Policy policy, Instant now, List<PendingNotification> send) {
        List<Step> steps = policy.steps();
        while (draft.nextEscalationAt != null && !draft.nextEscalationAt.isAfter(now)) {
            Instant due = draft.nextEscalationAt;
            int step = draft.step + 1;
            int repeat = draft.repeat;
            if (step >= steps.size()) {
                if (repeat >= policy.repeat()) {
                    draft.nextEscalationAt = null;
                    return;
                }
                step = 0;
                repeat++;
            }
            for (Contact contact : steps.get(step).contacts()) {
                send.add(draft.pending("r" + repeat + "s" + step, contact, "trigger", step, repeat, policy,
                        steps.get(step).level(), null));
            }
            draft.step = step;
            draft.repeat = repeat;
            draft.nextEscalationAt = nextDue(policy, step, repeat, due);
        }
    }

    /** When the step after {@code step} of round {@code repeat} is due, that step sent at {@code due}; null for none. */
    static Instant nextDue(Policy policy, int step, int repeat, Instant due) {
        List<Step> steps = policy.steps();
        if (step + 1 < steps.size()) {
            return due.plus(steps.get(step + 1).after().minus(steps.get(step).after()));
        }
        return repeat < policy.repeat() ? due.plus(policy.repeatInterval()).plus(steps.getFirst().after()) : null;
    }
}
