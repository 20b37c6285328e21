package io.alertpilot.notifier.escalation;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.RawPriority;
import io.alertpilot.model.incident.GroupedAlert;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.PendingNotification;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What an alert event does to its incident: a firing alert opens one (or reopens a resolved one) and starts the
 * decision window; later alerts update its description; a resolved alert resolves it. An alert not newer than the
 * last one applied changes nothing. An incident a remediation event opened before its alert came is opened anew by
 * the alert, which routes it (see {@link RemediationHandling#awaitsAlert}); one that escalated without its alert (the
 * decision window ended first) is routed by the alert's policy from then on.
 *
 * <p>When the alert's policy groups ({@link Grouping}), its incident is the group's: the first firing alert opens it
 * (and describes it), each alert is listed in {@code alerts} with its status, the group pages once, and it resolves
 * when every listed alert resolved. Pure; thread safe.
 */
final class AlertHandling {

    private final Routing routing;
    private final OperatorHandling operators;
    private final ServiceLevels levels;

    AlertHandling(Routing routing, OperatorHandling operators, ServiceLevels levels) {
        this.routing = routing;
        this.operators = operators;
        this.levels = levels;
    }

    /** The incident id of {@code alert}: its group's (see {@link Grouping#incidentId}), else its fingerprint. */
    String incidentId(AlertEvent alert) {
        String group = groupKey(alert);
        return group == null ? alert.fingerprint() : Grouping.incidentId(group);
    }

    /** See {@link IncidentMachine#onAlert}. */
    Transition onAlert(Incident current, AlertEvent alert, Instant now) {
        String group = groupKey(alert);
        if (group != null) {
            return onGroupAlert(current, alert, group, now);
        }
        boolean reopen = current == null || current.state() == IncidentState.RESOLVED
                || RemediationHandling.awaitsAlert(current);
        if (current != null && current.lastAlertAt() != null && !alert.receivedAt().isAfter(current.lastAlertAt())) {
            return Transition.none(); // redelivered or older than what was applied
        }
        if (reopen) {
            if (!alert.firing()) {
                return Transition.none();
            }
            return Transition.of(open(current, alert.fingerprint(), alert, now).build(now), List.of());
        }
        IncidentDraft draft = new IncidentDraft(current);
        boolean escalatedWithoutAlert = current.lastAlertAt() == null && current.groupKey() == null;
        describe(draft, alert);
        if (!alert.firing()) {
            return operators.resolve(draft, "alert", false, now);
        }
        if (escalatedWithoutAlert) {
            return reroute(draft, alert, now);
        }
        return Transition.of(draft.build(now), List.of());
    }

    /**
     * The alert of an incident that escalated without it (its decision window ended first, see
     * {@link RemediationHandling#alertMissing}): from now on the incident is routed by the alert's policy. While it is
     * escalated and not acknowledged, the step it reached is paged at once by that policy, except to a contact that
     * step was paged on already; the later steps follow by the alert's policy, their delays counted from now.
     */
    private Transition reroute(IncidentDraft draft, AlertEvent alert, Instant now) {
        Policy policy = route(alert);
        draft.policy = policy.name();
        if (draft.resolveDueAt == null) {
            levels.opened(draft, policy, draft.createdAt);
        }
        List<PendingNotification> send = new ArrayList<>();
        if (draft.state == IncidentState.ESCALATED && draft.step >= 0) {
            draft.step = Math.min(draft.step, policy.steps().size() - 1);
            draft.repeat = Math.min(draft.repeat, policy.repeat());
            draft.nextEscalationAt = EscalationTiming.nextDue(policy, draft.step, draft.repeat, now);
            Step step = policy.steps().get(draft.step);
            String prefix = "r" + draft.repeat + "s" + draft.step;
            for (Contact contact : step.contacts()) {
                String id = prefix + ":" + contact.key();
                if (!draft.paged.contains(contact.key())
                        && draft.outbox.stream().noneMatch(n -> n.id().equals(id))) {
                    send.add(draft.pending(prefix, contact, "trigger", draft.step, draft.repeat, policy,
                            step.level(), null));
                }
            }
        }
        if (!send.isEmpty()) {
            levels.paged(draft, policy, now);
        }
        return draft.finish(send, now);
    }

    private Transition onGroupAlert(Incident current, AlertEvent alert, String group, Instant now) {
        GroupedAlert entry = new GroupedAlert(alert.fingerprint(), alert.name(), alert.status(), alert.summary(),
                alert.receivedAt());
        if (current == null || current.state() == IncidentState.RESOLVED) {
            if (!alert.firing()) {
                return Transition.none();
            }
            IncidentDraft draft = open(current, Grouping.incidentId(group), alert, now);
            draft.groupKey = group;
            draft.dedupKey = draft.source + ":" + draft.id;
            draft.alerts.clear();
            draft.alerts.add(entry);
            return Transition.of(draft.build(now), List.of());
        }
        IncidentDraft draft = new IncidentDraft(current);
        int index = indexOf(draft.alerts, alert.fingerprint());
        if (index >= 0 && !alert.receivedAt().isAfter(draft.alerts.get(index).lastAt())) {
            return Transition.none(); // redelivered or older than what was applied for this alert
        }
        if (index >= 0) {
            draft.alerts.set(index, entry);
        } else if (alert.firing()) {
            draft.alerts.add(entry);
        } else {
            return Transition.none(); // the end of an alert the group never had
        }
        if (draft.alerts.stream().allMatch(a -> a.status() == AlertStatus.RESOLVED)) {
            return operators.resolve(draft, "alert", false, now);
        }
        return Transition.of(draft.build(now), List.of());
    }

    /**
     * A new (or reopened) incident {@code id} described by {@code alert}, its decision window started. One a
     * remediation event opened while it waited for this alert keeps its opening time (its clock counts from then);
     * its held events are applied by the caller.
     */
    private IncidentDraft open(Incident current, String id, AlertEvent alert, Instant now) {
        IncidentDraft draft = IncidentDraft.open(id, alert.fingerprint(), now);
        if (current != null) {
            draft.version = current.version();
            if (RemediationHandling.awaitsAlert(current)) {
                draft.createdAt = current.createdAt();
            }
        }
        describe(draft, alert);
        Policy policy = route(alert);
        draft.policy = policy.name();
        draft.nextEscalationAt = now.plus(routing.decisionWindow());
        levels.opened(draft, policy, draft.createdAt);
        return draft;
    }

    private static int indexOf(List<GroupedAlert> alerts, String fingerprint) {
        for (int i = 0; i < alerts.size(); i++) {
            if (alerts.get(i).fingerprint().equals(fingerprint)) {
                return i;
            }
        }
        return -1;
    }

    /** The group of {@code alert} under the policy it routes to, or null when it is an incident of its own. */
    private String groupKey(AlertEvent alert) {
        Policy policy = route(alert);
        return policy.grouping() == null ? null : policy.grouping().keyOf(policy.name(), alert);
    }

    private Policy route(AlertEvent alert) {
        return routing.policy(null, alert.name(), alert.severity(), alert.labels(), RawPriority.of(alert));
    }

    private static void describe(IncidentDraft draft, AlertEvent alert) {
        draft.alertName = alert.name();
        draft.severity = alert.severity();
        draft.priority = RawPriority.of(alert) != null ? RawPriority.of(alert) : draft.priority;
        draft.summary = alert.summary() != null ? alert.summary() : draft.summary;
        draft.description = alert.description() != null ? alert.description() : draft.description;
        draft.runbookUrl = alert.runbookUrl() != null ? alert.runbookUrl() : draft.runbookUrl;
        draft.generatorUrl = alert.generatorUrl() != null ? alert.generatorUrl() : draft.generatorUrl;
        draft.startsAt = alert.startsAt() != null ? alert.startsAt() : draft.startsAt;
        draft.labels = alert.labels();
        draft.target = alert.target();
        draft.source = alert.source().name().toLowerCase(Locale.ROOT).replace('_', '-');
        if (draft.dedupKey == null) {
            draft.dedupKey = draft.source + ":" + alert.fingerprint();
        }
        draft.lastAlertAt = alert.receivedAt();
    }
}
