package io.alertpilot.model.alert;

import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A request body that was refused, kept on {@code alertpilot.alerts.rejected.v1} (key = source) so that bad input is
 * never silently dropped.
 *
 * @param source the endpoint's source ({@code alertmanager}, {@code azure-monitor}, {@code generic})
 * @param reason a stable reason code ({@code invalid-json}, {@code invalid-field}, {@code too-large},
 *     {@code unsupported-media-type}, ...)
 * @param field the JSON path of the offending field, or null when the problem is not one field
 * @param detail the human-readable message that the caller received
 * @param httpStatus the status code the caller received
 * @param body the raw body as UTF-8 text, cut to the configured bound
 * @param bodySize the size of the body in bytes as far as it was read
 * @param truncated true when {@code body} holds only the first part of the body
 * @param headers request headers that carry no secrets
 */
public record RejectedPayload(
        int schemaVersion,
        String eventId,
        String source,
        String reason,
        String field,
        String detail,
        int httpStatus,
        String contentType,
        String body,
        long bodySize,
        boolean truncated,
        Map<String, String> headers,
        Instant receivedAt) {

    public RejectedPayload {
        Objects.requireNonNull(eventId, "eventId");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(receivedAt, "receivedAt");
        headers = headers == null ? Collections.emptySortedMap() : Collections.unmodifiableSortedMap(new TreeMap<>(headers));
    }
}
