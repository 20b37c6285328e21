package io.alertpilot.readmodel;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.Target;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.maintenance.MaintenanceEvent;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.remediation.RemediationCommand;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * Puts together the timeline of one incident from what the read model holds: its alerts (the newest
 * {@value #ALERTS_SHOWN}, and how many earlier ones are left out), the events and commands of its remediations, its
 * pages, its acknowledgements and resolutions, the window events that covered it while it was open and the windows
 * covering it that were active when it started (or became so while it was open), with what they hold; oldest first.
 * Used under the read model's read lock.
 */
final class Timeline {

    private static final String MAINTENANCE = "maintenance";
    /** The most alert occurrences of one incident record shown; the newest are. */
    static final int ALERTS_SHOWN = 500;

    private final IncidentIndex incidents;
    private final RemediationIndex remediations;
    private final List<MaintenanceEvent> maintenanceEvents;
    /** The windows topic's windows, by id. */
    private final Map<String, MaintenanceWindow> windows;
    /** Every window's latest state known (the windows topic's, else its latest event's), by id; built once. */
    private Map<String, MaintenanceWindow> latest;

    Timeline(IncidentIndex incidents, RemediationIndex remediations, List<MaintenanceEvent> maintenanceEvents,
            Map<String, MaintenanceWindow> windows) {
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
        if (record.incident != null) {
            // the alerts and remediations of the incident's fingerprint, and of every alert of its group
            Set<String> fingerprints = new LinkedHashSet<>();
            fingerprints.add(record.incident.fingerprint());
            record.incident.alerts().forEach(alert -> fingerprints.add(alert.fingerprint()));
            fingerprints.remove(id);
            for (String fingerprint : fingerprints) {
                IncidentRecord byFingerprint = incidents.find(fingerprint);
                if (byFingerprint != null) {
                    records.add(byFingerprint);
                }
            }
        }
        Map<String, String> labels = record.labels();
        Target target = record.target();
        List<TimelineEntry> entries = new ArrayList<>();
        for (IncidentRecord each : records) {
            alerts(each.alerts, entries);
            for (String remediationId : each.remediations) {
                remediation(remediations.find(remediationId), labels, target, entries);
            }
            each.notifications.stream().map(TimelineEntries::page).forEach(entries::add);
            entries.addAll(each.transitions.values());
        }
        Instant start = record.startedAt();
        if (start != null) {
            Instant end = record.incident != null && record.incident.state() == IncidentState.RESOLVED
                    ? record.incident.resolvedAt() : null;
            Set<String> told = windowEvents(start, end, labels, target, entries);
            activeWindows(start, end, labels, target, told, entries);
        }
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
        for (MaintenanceWindow window : latestWindows().values()) {
            if (window.activeAt(at) && window.covers(labels, target)) {
                return window.id() + (window.reason() == null ? "" : " (" + window.reason() + ")");
            }
        }
        return "a window";
    }

    /** Every window's latest state known: the windows topic's, else its latest event's; by id, a stable order. */
    private Map<String, MaintenanceWindow> latestWindows() {
        if (latest == null) {
            latest = new TreeMap<>();
            for (MaintenanceEvent event : maintenanceEvents) {
                if (event.window() != null) {
                    latest.put(event.window().id(), event.window());
                }
            }
            latest.putAll(windows);
        }
        return latest;
    }

    /**
     * The newest {@value #ALERTS_SHOWN} occurrences of {@code alerts}, and before them one entry telling how many
     * earlier ones are left out (a flapping alert would make the timeline endless).
     */
    private static void alerts(List<AlertEvent> alerts, List<TimelineEntry> entries) {
        int leftOut = Math.max(0, alerts.size() - ALERTS_SHOWN);
        if (leftOut > 0) {
            entries.add(TimelineEntries.alertsLeftOut(alerts.getFirst(), alerts.get(leftOut - 1), leftOut));
        }
        alerts.subList(leftOut, alerts.size()).stream().map(TimelineEntries::alert).forEach(entries::add);
    }

    /**
     * The window events between the incident's start and its resolution ({@code end}, null while open) whose window
     * covers it; answers the ids of those windows.
     */
    private Set<String> windowEvents(Instant start, Instant end, Map<String, String> labels, Target target,
            List<TimelineEntry> entries) {
        Set<String> told = new HashSet<>();
        for (MaintenanceEvent event : maintenanceEvents) {
            if (event.at().isBefore(start) || (end != null && event.at().isAfter(end))) {
                continue;
            }
            MaintenanceWindow window = event.window() != null ? event.window() : windows.get(event.windowId());
            if (window != null && window.covers(labels, target)) {
                entries.add(TimelineEntries.window(event, window));
                told.add(window.id());
            }
        }
        return told;
    }

    /**
     * An entry for each window covering the incident that was active when it started, or that became active while
     * it was open without a window event telling so ({@code told}): what it holds, so a page it held leaves a trace.
     * A window's latest state known is taken (the windows topic's, else its latest event's); by window id, so every
     * replica answers the same order.
     */
    private void activeWindows(Instant start, Instant end, Map<String, String> labels, Target target,
            Set<String> told, List<TimelineEntry> entries) {
        for (MaintenanceWindow window : latestWindows().values()) {
            if (!window.covers(labels, target)) {
                continue;
            }
            if (window.activeAt(start)) {
                entries.add(TimelineEntries.activeWindow(window, start, true));
            } else if (!told.contains(window.id()) && window.startsAt().isAfter(start)
                    && (end == null || window.startsAt().isBefore(end)) && window.activeAt(window.startsAt())) {
                entries.add(TimelineEntries.activeWindow(window, window.startsAt(), false));
            }
        }
    }
}
