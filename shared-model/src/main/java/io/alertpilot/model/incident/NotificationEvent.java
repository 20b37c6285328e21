package io.alertpilot.model.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * The audit record of one notification attempt; the value on {@code alertpilot.notifications.v1}, keyed by incident id.
 *
 * @param action what was asked of the provider: {@code trigger}, {@code acknowledge}, {@code resolve} or {@code info}
 * @param step the escalation step, -1 for messages outside the steps
 * @param recipient the step's target as configured (a schedule, a channel name), never a secret
 * @param httpStatus the provider's answer, 0 when there was none
 * @param error a short description of the failure, never a secret
 * @param level the on-call level paged ({@code primary}, {@code secondary}, ...), or null
 */
public record NotificationEvent(
        int schemaVersion,
        String eventId,
        String incidentId,
        String channel,
        String action,
        int step,
        int repeat,
        String recipient,
        NotificationOutcome outcome,
        int attempt,
        int httpStatus,
        long latencyMillis,
        String error,
        Instant occurredAt,
        String level) {

    /** The schema version this code writes. */
    public static final int SCHEMA_VERSION = 1;

    public NotificationEvent {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(incidentId, "incidentId");
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(occurredAt, "occurredAt");
    }

    /** An event without a level (the shape before it was added). */
    public NotificationEvent(int schemaVersion, String eventId, String incidentId, String channel, String action,
            int step, int repeat, String recipient, NotificationOutcome outcome, int attempt, int httpStatus,
            long latencyMillis, String error, Instant occurredAt) {
        this(schemaVersion, eventId, incidentId, channel, action, step, repeat, recipient, outcome, attempt,
                httpStatus, latencyMillis, error, occurredAt, null);
    }
}
