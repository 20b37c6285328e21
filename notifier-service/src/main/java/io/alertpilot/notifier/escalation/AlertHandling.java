package io.alertpilot.notifier.escalation;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import java.time.Instant;
import java.util.List;
import java.util.Locale;

/**
 * What an alert event does to the incident of its fingerprint: a firing alert opens one (or reopens a resolved one)
 * and starts the decision window; later alerts update its description; a resolved alert resolves it. An alert not
 * newer than the last one applied changes nothing. Pure; thread safe.
 */
final class AlertHandling {

    private final Routing routing;
    private final OperatorHandling operators;

    AlertHandling(Routing routing, OperatorHandling operators) {
        this.routing = routing;
        this.operators = operators;
    }

    /** See {@link IncidentMachine#onAlert}. */
    Transition onAlert(Incident current, AlertEvent alert, Instant now) {
        boolean reopen = current == null || current.state() == IncidentState.RESOLVED;
        if (current != null && current.lastAlertAt() != null && !alert.receivedAt().isAfter(current.lastAlertAt())) {
            return Transition.none(); // redelivered or older than what was applied
        }
        if (reopen) {
            if (!alert.firing()) {
                return Transition.none();
            }
            IncidentDraft draft = IncidentDraft.open(alert.fingerprint(), now);
            if (current != null) {
                draft.version = current.version();
            }
            describe(draft, alert);
            draft.policy = route(alert);
            draft.nextEscalationAt = now.plus(routing.decisionWindow());
            return Transition.of(draft.build(now), List.of());
        }
        IncidentDraft draft = new IncidentDraft(current);
        boolean wasDescribed = current.alertName() != null && current.severity() != null && current.lastAlertAt() != null;
        describe(draft, alert);
        if (!wasDescribed && current.state() == IncidentState.TRIGGERED) {
            draft.policy = route(alert);
        }
        if (!alert.firing()) {
            return operators.resolve(draft, "alert", false, now);
        }
        return Transition.of(draft.build(now), List.of());
    }

    private String route(AlertEvent alert) {
        return routing.policy(null, alert.name(), alert.severity(), alert.labels()).name();
    }

    private static void describe(IncidentDraft draft, AlertEvent alert) {
        draft.alertName = alert.name();
        draft.severity = alert.severity();
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
