package io.alertpilot.notifier.escalation;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.PendingNotification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The escalation timeline: when the decision window or the remediation grace ends, escalation starts; then each
 * step of the policy is sent when due, each once, round after round as often as the policy repeats. Pure; thread
 * safe.
 */
final class EscalationTiming {

    private final Routing routing;

    EscalationTiming(Routing routing) {
        this.routing = routing;
    }

    /** See {@link IncidentMachine#tick}. */
    Transition tick(Incident current, Instant now) {
        if (current == null || current.nextEscalationAt() == null || current.nextEscalationAt().isAfter(now)) {
            return Transition.none();
        }
        IncidentDraft draft = new IncidentDraft(current);
        Policy policy = routing.policy(draft);
        return switch (current.state()) {
            case TRIGGERED -> escalate(draft, policy, now, "no remediation within the decision window");
            case REMEDIATING, REMEDIATED -> escalate(draft, policy, now, "still firing after the remediation grace");
            case ESCALATED -> {
                List<PendingNotification> send = new ArrayList<>();
                fireDueSteps(draft, policy, now, send);
                yield draft.finish(send, now);
            }
            case ACKNOWLEDGED, RESOLVED -> {
                draft.nextEscalationAt = null;
                yield draft.finish(List.of(), now);
            }
        };
    }

    /** Escalates {@code draft} by {@code policy} at once: the first step is due now or after its delay. */
    Transition escalate(IncidentDraft draft, Policy policy, Instant now, String why) {
        draft.state = IncidentState.ESCALATED;
        draft.policy = policy.name();
        draft.escalatedAt = now;
        draft.step = -1;
        draft.repeat = 0;
        draft.nextEscalationAt = now.plus(policy.steps().getFirst().after());
        if (draft.lastRemediation == null) {
            draft.lastRemediation = why;
        }
        List<PendingNotification> send = new ArrayList<>();
        fireDueSteps(draft, policy, now, send);
        return draft.finish(send, now);
    }

    /** Sends every step due at {@code now}, each once, and sets when the following one is due. */
    private static void fireDueSteps(IncidentDraft draft, Policy policy, Instant now, List<PendingNotification> send) {
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
                send.add(draft.pending("r" + repeat + "s" + step, contact, "trigger", step, repeat, policy));
            }
            draft.step = step;
            draft.repeat = repeat;
            if (step + 1 < steps.size()) {
                draft.nextEscalationAt = due.plus(steps.get(step + 1).after().minus(steps.get(step).after()));
            } else if (repeat < policy.repeat()) {
                draft.nextEscalationAt = due.plus(policy.repeatInterval()).plus(steps.getFirst().after());
            } else {
                draft.nextEscalationAt = null;
            }
        }
    }
}
