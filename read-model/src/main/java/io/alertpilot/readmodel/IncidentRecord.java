package io.alertpilot.readmodel;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.Target;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.NotificationEvent;
import io.alertpilot.model.incident.SlaBreach;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What the read model holds of one incident id (an alert fingerprint): its latest state, if the notifier wrote one,
 * and its events in time order. Mutable; guarded by the read model's lock.
 */
final class IncidentRecord {

    final String key;
    Incident incident;
    IncidentView view;
    /** Lower-case id, alert name, summary, labels and target, for text search. */
    String text;
    final List<AlertEvent> alerts = new ArrayList<>();
    final List<NotificationEvent> notifications = new ArrayList<>();
    final Set<String> remediations = new LinkedHashSet<>();
    /** Acknowledgements, resolutions and service-level breaches seen in the incident's versions, by kind and instant. */
    final Map<String, TimelineEntry> transitions = new LinkedHashMap<>();

    IncidentRecord(String key) {
        this.key = key;
    }

    void set(Incident latest) {
        incident = latest;
        view = IncidentView.of(latest);
        text = String.join("\n", latest.id(), latest.fingerprint(), String.valueOf(latest.alertName()),
                String.valueOf(latest.summary()), latest.labels().toString(), latest.target().key())
                .toLowerCase(Locale.ROOT);
    }

    /**
     * Keeps the acknowledgement, the resolution and the breaches {@code latest} tells of (by their instants, so a version seen
     * twice adds nothing) for the timeline; answers them as audit entries.
     */
    List<AuditEntries.Keyed> transitions(Incident latest) {
        List<AuditEntries.Keyed> seen = new ArrayList<>(2);
        if (latest.acknowledgedAt() != null) {
            seen.add(AuditEntries.acknowledgement(latest));
        }
        if (latest.resolvedAt() != null) {
            seen.add(AuditEntries.resolution(latest));
        }
        for (SlaBreach breach : latest.sla().breaches()) {
            transitions.putIfAbsent("breach/" + breach.kind() + "/" + breach.at(), new TimelineEntry(breach.at(),
                    TimelineEntry.Kind.BREACH, breach.kind() + " SLA missed: " + breach.detail(),
                    TimelineEntries.AUTOMATION, TimelineEntries.facts("sla", breach.kind(), "detail", breach.detail())));
        }
        for (AuditEntries.Keyed keyed : seen) {
            AuditEntry entry = keyed.entry();
            boolean acknowledgement = AuditEntries.ACKNOWLEDGEMENT.equals(entry.kind());
            transitions.putIfAbsent(keyed.key(), new TimelineEntry(entry.at(), acknowledgement
                    ? TimelineEntry.Kind.ACKNOWLEDGEMENT : TimelineEntry.Kind.RESOLUTION,
                    (acknowledgement ? "acknowledged by " : "resolved by ") + entry.by(), entry.by(), entry.facts()));
        }
        return seen;
    }

    /** When it started: the incident's creation or its first alert, whichever is known first; null when neither. */
    Instant startedAt() {
        Instant first = alerts.isEmpty() ? null : alerts.getFirst().receivedAt();
        if (incident == null) {
            return first;
        }
        return first != null && first.isBefore(incident.createdAt()) ? first : incident.createdAt();
    }

    Map<String, String> labels() {
        if (incident != null && !incident.labels().isEmpty()) {
            return incident.labels();
        }
        return alerts.isEmpty() ? Map.of() : alerts.getLast().labels();
    }

    Target target() {
        if (incident != null && incident.target() != Target.NONE) {
            return incident.target();
        }
        return alerts.isEmpty() ? Target.NONE : alerts.getLast().target();
    }

    /** True when no event of it is held. */
    boolean empty() {
        return alerts.isEmpty() && notifications.isEmpty() && remediations.isEmpty();
    }
}
