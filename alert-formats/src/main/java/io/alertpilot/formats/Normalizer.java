package io.alertpilot.formats;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import java.time.Instant;
import java.util.List;
import tools.jackson.core.JsonParser;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.MissingNode;

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

    /**
     * The alerts of the one JSON value {@code body} is at (or at the start of), as
     * {@link #normalize(JsonNode, Instant, TruncationListener)}; the parser is left at the value's last token. This
     * default reads the value as a tree; a normalizer that streams overrides it.
     *
     * @throws InvalidAlertException when the body is not of this source's format
     * @throws tools.jackson.core.JacksonException when the body is not valid JSON
     */
    default List<AlertEvent> normalize(JsonParser body, Instant receivedAt, TruncationListener truncations) {
        JsonNode tree = body.currentToken() == null && body.nextToken() == null ? null : body.readValueAsTree();
        return normalize(tree == null ? MissingNode.getInstance() : tree, receivedAt, truncations);
    }
}
