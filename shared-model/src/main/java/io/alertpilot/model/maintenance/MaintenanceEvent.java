package io.alertpilot.model.maintenance;

import java.time.Instant;
import java.util.Objects;

/**
 * That a maintenance window was created, started, expired or ended, by whom, when and why: the value on
 * {@code alertpilot.maintenance-events.v1} (append-only), keyed by the window id. A start or an expiry on the window's
 * own schedule (its {@code startsAt}, {@code endsAt} or recurrence) is {@code by} {@link #SCHEDULE}, with the window's
 * reason and the instant of the transition.
 *
 * @param window the window as it stands after the event
 */
public record MaintenanceEvent(String eventId, Type type, String windowId, String by, Instant at, String reason,
        MaintenanceWindow window) {

    /** Who a transition on the window's own schedule is by. */
    public static final String SCHEDULE = "schedule";

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
        ENDED,
        /** Came into force on its schedule: its {@code startsAt}, or a time of its recurrence, was reached. */
        STARTED,
        /** Went out of force on its schedule: its {@code endsAt}, or the end of a time of its recurrence, was reached. */
        EXPIRED
    }
}
