package io.alertpilot.cli.rehearse;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.PendingNotification;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.notifier.escalation.Contact;
import io.alertpilot.notifier.escalation.IncidentMachine;
import io.alertpilot.notifier.escalation.Transition;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * The notifier's side of a rehearsal: keeps the incidents in memory and applies to them, through the notifier's own
 * {@link IncidentMachine}, every alert, every remediation event and the passing of time, as the notifier's incident
 * service does. Every notification a version puts in its outbox is recorded as a {@link RehearsalResult.Page} and
 * taken as delivered to the contact the policy names. Not thread safe: a rehearsal runs on one thread.
 */
final class IncidentDesk {

    private final IncidentMachine machine;
    private final Clock clock;
    private final Map<String, Incident> incidents = new LinkedHashMap<>();
    private final NavigableMap<Instant, Set<String>> due = new TreeMap<>();
    private final List<RehearsalResult.Page> pages = new ArrayList<>();
    private final List<RehearsalResult.Breach> breaches = new ArrayList<>();

    IncidentDesk(IncidentMachine machine, Clock clock) {
        this.machine = machine;
        this.clock = clock;
    }

    void onAlert(AlertEvent alert) {
        apply(machine.incidentId(alert), current -> machine.onAlert(current, alert, clock.instant()));
    }

    void onRemediation(RemediationEvent event) {
        apply(IncidentMachine.incidentIdOf(event.fingerprint(), incidents.values()),
                current -> machine.onRemediation(current, event, clock.instant()));
    }

    /** When the next escalation is due (a decision window, a grace, a step, a service-level deadline), if any. */
    Optional<Instant> nextDue() {
        return due.isEmpty() ? Optional.empty() : Optional.of(due.firstKey());
    }

    /** Fires what is due now. */
    void tick() {
        Instant now = clock.instant();
        List<String> fingerprints = due.headMap(now, true).values().stream().flatMap(Set::stream).toList();
        for (String fingerprint : fingerprints) {
            apply(fingerprint, current -> machine.tick(current, now));
        }
    }

    /** The pages so far. */
    List<RehearsalResult.Page> pages() {
        return List.copyOf(pages);
    }

    /** The service levels missed so far. */
    List<RehearsalResult.Breach> breaches() {
        return List.copyOf(breaches);
    }

    /** The incidents now, by incident id (the fingerprint, or a group's id). */
    Map<String, Incident> incidents() {
        return Map.copyOf(incidents);
    }

    /** Keeps {@code incident} and files it under the time its next escalation is due. */
    private void keep(String fingerprint, Incident incident) {
        Incident before = incidents.put(fingerprint, incident);
        if (before != null && before.nextDueAt() != null) {
            Set<String> at = due.get(before.nextDueAt());
            at.remove(fingerprint);
            if (at.isEmpty()) {
                due.remove(before.nextDueAt());
            }
        }
        if (incident.nextDueAt() != null) {
            due.computeIfAbsent(incident.nextDueAt(), t -> new LinkedHashSet<>()).add(fingerprint);
        }
        int known = before == null ? 0 : before.sla().breaches().size();
        incident.sla().breaches().stream().skip(known).forEach(breach -> breaches.add(new RehearsalResult.Breach(
                breach.at(), breach.kind(), incident.id(), breach.detail())));
    }

    private void apply(String fingerprint, Function<Incident, Transition> change) {
        Transition transition = change.apply(incidents.get(fingerprint));
        if (!transition.changed()) {
            return;
        }
        Incident incident = transition.incident();
        keep(fingerprint, incident);
        for (PendingNotification sent : transition.send()) {
            pages.add(new RehearsalResult.Page(clock.instant(), sent.channel() + ":" + sent.recipient(), sent.action(),
                    incident.id(), incident.fingerprint(), incident.alertName(), sent.step(), sent.level(),
                    Math.max(1, incident.alerts().size())));
            Contact to = new Contact(sent.channel(), sent.recipient());
            apply(fingerprint, current -> machine.delivered(current, sent, to, clock.instant()));
        }
    }
}
