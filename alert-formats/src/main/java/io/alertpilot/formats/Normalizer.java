package io.alertpilot.formats;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import java.time.Instant;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * Turns one parsed request body of a source into normalized alerts. Implementations are pure and thread safe.
 */
public interface Normalizer {

    /** The source whose bodies this reads. */
    AlertSource source();

    /**
     * The alerts in {@code body}, in the order they were sent, with label and annotation values longer than
     * {@link FormatSettings#maxValueLength()} cut and marked.
     *
     * @throws InvalidAlertException when the body is not of this source's format; no other exception
     */
    default List<AlertEvent> normalize(JsonNode body, Instant receivedAt) {
        return normalize(body, receivedAt, TruncationListener.NONE);
    }

    /**
     * The alerts in {@code body}, as {@link #normalize(JsonNode, Instant)}, telling {@code truncations} of every value
     * cut.
     *
     * @throws InvalidAlertException when the body is not of this source's format; no other exception
     */
    List<AlertEvent> normalize(JsonNode body, Instant receivedAt, TruncationListener truncations);
}
