package io.alertpilot.readmodel;

import java.util.Map;

/**
 * The topics a module wants in the read model, by kind, with their configured names. A module declares one as a
 * bean; the JVM's one read model follows the union of them all (in standalone: every topic, once). No bean, no read
 * model.
 */
public record ReadModelTopics(Map<Kind, String> topics) {

    /** The kinds of topic the read model understands, each with its value type. */
    public enum Kind {
        /** {@code alertpilot.alerts.v1}: {@link io.alertpilot.model.alert.AlertEvent}. */
        ALERTS,
        /** {@code alertpilot.remediations.v1}: {@link io.alertpilot.model.remediation.RemediationEvent}. */
        REMEDIATIONS,
        /** {@code alertpilot.remediation-commands.v1}: {@link io.alertpilot.model.remediation.RemediationCommand}. */
        REMEDIATION_COMMANDS,
        /** {@code alertpilot.incidents.v1} (compacted): {@link io.alertpilot.model.incident.Incident}. */
        INCIDENTS,
        /** {@code alertpilot.notifications.v1}: {@link io.alertpilot.model.incident.NotificationEvent}. */
        NOTIFICATIONS,
        /** {@code alertpilot.maintenance-windows.v1} (compacted): {@link io.alertpilot.model.maintenance.MaintenanceWindow}. */
        MAINTENANCE_WINDOWS,
        /** {@code alertpilot.maintenance-events.v1}: {@link io.alertpilot.model.maintenance.MaintenanceEvent}. */
        MAINTENANCE_EVENTS
    }

    public ReadModelTopics {
        topics = Map.copyOf(topics);
    }
}
