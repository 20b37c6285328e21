package io.alertpilot.readmodel;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.NotificationEvent;
import io.alertpilot.model.maintenance.MaintenanceEvent;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.remediation.RemediationCommand;
import io.alertpilot.model.remediation.RemediationEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * What AlertPilot did, in memory, from the topics of every replica: incidents with their timelines, remediations,
 * maintenance windows and the audit. Thread-safe: one follower applies records while any number of requests read.
 * Applying is idempotent (a record applied twice, or an older incident version after a newer one, changes nothing),
 * so a service may apply its own writes at once (read-your-writes) and again when the follower reads them. Bounded:
 * what is older than the retention is dropped, and beyond {@code maxEvents} the oldest events go first.
 */
public final class ReadModel {

    /**
     * @param retention how long an event is kept (default 30 days)
     * @param maxEvents the most events (alerts, remediation events, commands, notifications, window events) held
     */
    public ReadModel(Clock clock, Duration retention, int maxEvents) {
        throw new UnsupportedOperationException("not built yet");
    }

    // ---- applying what the topics hold ----

    public void onAlert(AlertEvent alert) {
        throw new UnsupportedOperationException();
    }

    public void onRemediation(RemediationEvent event) {
        throw new UnsupportedOperationException();
    }

    public void onCommand(RemediationCommand command) {
        throw new UnsupportedOperationException();
    }

    /** The latest state of an incident (the compacted topic's value); an older {@code version} is ignored. */
    public void onIncident(Incident incident) {
        throw new UnsupportedOperationException();
    }

    public void onNotification(NotificationEvent event) {
        throw new UnsupportedOperationException();
    }

    /** A window's latest state, or its removal ({@code window} null, a tombstone) by id. */
    public void onWindow(String id, MaintenanceWindow window) {
        throw new UnsupportedOperationException();
    }

    public void onMaintenanceEvent(MaintenanceEvent event) {
        throw new UnsupportedOperationException();
    }

    // ---- answers ----

    /** The incidents matching {@code query}, newest first. */
    public ListAnswer<IncidentView> incidents(IncidentQuery query) {
        throw new UnsupportedOperationException();
    }

    /** How many incidents are in each state (every state present, 0 when none). */
    public Map<IncidentState, Long> incidentCounts() {
        throw new UnsupportedOperationException();
    }

    public Optional<IncidentView> incident(String id) {
        throw new UnsupportedOperationException();
    }

    /**
     * The timeline of incident {@code id} (its fingerprint), oldest first: every alert occurrence, decision, action,
     * verification, approval, page, acknowledgement, window and the resolution. Empty when nothing is known of it.
     */
    public List<TimelineEntry> timeline(String id) {
        throw new UnsupportedOperationException();
    }

    /** The alert events received for incident {@code id} (its fingerprint), oldest first. */
    public List<AlertEvent> alerts(String id) {
        throw new UnsupportedOperationException();
    }

    /** The remediations matching {@code query}: waiting for approval first, then newest first. */
    public ListAnswer<RemediationView> remediations(RemediationQuery query) {
        throw new UnsupportedOperationException();
    }

    public Optional<RemediationView> remediation(String id) {
        throw new UnsupportedOperationException();
    }

    /** Every window known (active, scheduled and expired), active first, then by start. */
    public List<WindowView> windows() {
        throw new UnsupportedOperationException();
    }

    /** The audit entries matching {@code query}, newest first. */
    public ListAnswer<AuditEntry> audit(AuditQuery query) {
        throw new UnsupportedOperationException();
    }

    /** How many events are held now (what {@code maxEvents} bounds). */
    public int size() {
        throw new UnsupportedOperationException();
    }

    /** Calls {@code listener} after every change, on the applying thread; it must not block. */
    public void addListener(Consumer<Change> listener) {
        throw new UnsupportedOperationException();
    }
}
