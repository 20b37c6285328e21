package io.alertpilot.notifier.escalation;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.RawPriority;
import io.alertpilot.model.incident.GroupedAlert;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What an alert event does to its incident: a firing alert opens one (or reopens a resolved one) and starts the
 * decision window; later alerts update its description; a resolved alert resolves it. An alert not newer than the
 * last one applied changes nothing. An incident a remediation event opened before its alert came is opened anew by
 * the alert, which routes it (see {@link RemediationHandling#awaitsAlert}).
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
        describe(draft, alert);
        if (!alert.firing()) {
            return operators.resolve(draft, "alert", false, now);
        }
        return Transition.of(draft.build(now), List.of());
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
