package io.alertpilot.readmodel;

import io.alertpilot.model.alert.Target;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.maintenance.MaintenanceEvent;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.remediation.RemediationCommand;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Puts together the timeline of one incident from what the read model holds: its alerts, the events and commands of
 * its remediations, its pages, its acknowledgements and resolutions, and the window events that covered it while it
 * was open; oldest first. Used under the read model's read lock.
 */
final class Timeline {

    private static final String MAINTENANCE = "maintenance";

    private final IncidentIndex incidents;
    private final RemediationIndex remediations;
    private final List<MaintenanceEvent> maintenanceEvents;
    private final Collection<MaintenanceWindow> windows;

    Timeline(IncidentIndex incidents, RemediationIndex remediations, List<MaintenanceEvent> maintenanceEvents,
            Collection<MaintenanceWindow> windows) {
        this.incidents = incidents;
        this.remediations = remediations;
        this.maintenanceEvents = maintenanceEvents;
        this.windows = windows;
    }

    List<TimelineEntry> of(String id) {
        IncidentRecord record = incidents.find(id);
        if (record == null) {
            return List.of();
        }
        Set<IncidentRecord> records = new LinkedHashSet<>();
        records.add(record);
        if (record.incident != null && !record.incident.fingerprint().equals(id)) {
            IncidentRecord byFingerprint = incidents.find(record.incident.fingerprint());
            if (byFingerprint != null) {
                records.add(byFingerprint);
            }
        }
        Map<String, String> labels = record.labels();
        Target target = record.target();
        List<TimelineEntry> entries = new ArrayList<>();
        for (IncidentRecord each : records) {
            each.alerts.stream().map(TimelineEntries::alert).forEach(entries::add);
            for (String remediationId : each.remediations) {
                remediation(remediations.find(remediationId), labels, target, entries);
            }
            each.notifications.stream().map(TimelineEntries::page).forEach(entries::add);
            entries.addAll(each.transitions.values());
        }
        windowEvents(record, labels, target, entries);
        entries.sort(Comparator.comparing(TimelineEntry::at));
        return List.copyOf(entries);
    }

    private void remediation(RemediationIndex.Remediation remediation, Map<String, String> labels, Target target,
            List<TimelineEntry> entries) {
        if (remediation == null) {
            return;
        }
        Set<String> answeredBy = new LinkedHashSet<>();
        for (RemediationCommand command : remediation.commands) {
            entries.add(TimelineEntries.command(command, command.at() == null ? firstAt(remediation) : command.at(),
                    remediation.view));
            answeredBy.add(command.by());
        }
        for (RemediationEvent event : remediation.events) {
            String window = event.phase() == RemediationPhase.SKIPPED && MAINTENANCE.equals(event.reason())
                    ? coveringWindow(labels, target, event.occurredAt()) : null;
            entries.add(TimelineEntries.remediation(event, window));
            if (event.by() != null && answeredBy.add(event.by())) {
                entries.add(TimelineEntries.approval(event));
            }
        }
    }

    private static Instant firstAt(RemediationIndex.Remediation remediation) {
        return remediation.events.isEmpty() ? Instant.EPOCH : remediation.events.getFirst().occurredAt();
    }

    /** The window active at {@code at} that covers the alert, as "id (reason)"; "a window" when none is known. */
    private String coveringWindow(Map<String, String> labels, Target target, Instant at) {
        for (MaintenanceWindow window : knownWindows()) {
            if (window.activeAt(at) && window.covers(labels, target)) {
                return window.id() + (window.reason() == null ? "" : " (" + window.reason() + ")");
            }
        }
        return "a window";
    }

    private List<MaintenanceWindow> knownWindows() {
        List<MaintenanceWindow> known = new ArrayList<>(windows);
        for (MaintenanceEvent event : maintenanceEvents) {
            if (event.window() != null) {
                known.add(event.window());
            }
        }
        return known;
    }

    /** The window events between the incident's start and its resolution whose window covers it. */
    private void windowEvents(IncidentRecord record, Map<String, String> labels, Target target,
            List<TimelineEntry> entries) {
        Instant start = record.startedAt();
        if (start == null) {
            return;
        }
        Instant end = record.incident != null && record.incident.state() == IncidentState.RESOLVED
                ? record.incident.resolvedAt() : null;
        for (MaintenanceEvent event : maintenanceEvents) {
            if (event.at().isBefore(start) || (end != null && event.at().isAfter(end))) {
                continue;
            }
            MaintenanceWindow window = event.window() != null ? event.window() : find(event.windowId());
            if (window != null && window.covers(labels, target)) {
                entries.add(TimelineEntries.window(event, window));
            }
        }
    }

    private MaintenanceWindow find(String id) {
        return windows.stream().filter(w -> w.id().equals(id)).findFirst().orElse(null);
    }
}
