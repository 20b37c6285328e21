package io.alertpilot.model.maintenance;

import java.time.Instant;
import java.util.Objects;

/**
 * That a maintenance window was created or ended, by whom, when and why: the value on
 * {@code alertpilot.maintenance-events.v1} (append-only), keyed by the window id.
 *
 * @param window the window as it stands after the event
 */
public record MaintenanceEvent(String eventId, Type type, String windowId, String by, Instant at, String reason,
        MaintenanceWindow window) {

    public MaintenanceEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(windowId, "windowId");
        Objects.requireNonNull(at, "at");
    }

    /** What happened to the window. */
    public enum Type {
        /** Created by an operator. */
        CREATED,
        /** Ended by an operator before its time. */
        ENDED
    }
}
