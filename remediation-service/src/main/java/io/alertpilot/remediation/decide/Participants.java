package io.alertpilot.remediation.decide;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.match.PlaybookMatcher;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.PlaybookSet;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The playbooks that take part in one alert occurrence, as the {@link Matched} parts the run decides one by one (see
 * {@link Decider#matchAll}); each playbook is planned once. Stateless.
 */
final class Participants {

    private Participants() {
    }

    /** The parts of {@code alert}: never empty; without any playbook the one part has neither plan. */
    static List<Matched> of(PlaybookMatcher matcher, PlaybookSet playbooks, AlertEvent alert,
            Function<Playbook, Plan> plan) {
        List<Playbook> acting = matcher.matchAll(playbooks, alert);
        List<Playbook> counterparts = alert.status() == AlertStatus.RESOLVED
                ? matcher.firingCounterparts(playbooks, alert) : List.of();
        Map<Playbook, Plan> plans = new IdentityHashMap<>();
        Function<Playbook, Plan> planOf = p -> p == null ? null : plans.computeIfAbsent(p, plan);
        Playbook firstActing = acting.isEmpty() ? null : acting.getFirst();
        Playbook firstCounterpart = counterparts.isEmpty() ? null : counterparts.getFirst();
        List<Matched> parts = new ArrayList<>();
        parts.add(new Matched(alert, planOf.apply(firstActing), planOf.apply(firstCounterpart)));
        for (Playbook p : playbooks.playbooks()) {
            boolean acts = p != firstActing && acting.contains(p);
            boolean recovers = p != firstCounterpart && counterparts.contains(p);
            if (acts || recovers) {
                parts.add(new Matched(alert, acts ? planOf.apply(p) : null, recovers ? planOf.apply(p) : null,
                        alert.eventId() + "#" + p.name()));
            }
        }
        return parts;
    }
}
