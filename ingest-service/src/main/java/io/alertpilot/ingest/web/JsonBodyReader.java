package io.alertpilot.ingest.web;

import io.alertpilot.formats.InvalidAlertException;
import io.alertpilot.formats.Normalizer;
import io.alertpilot.ingest.IngestMetrics;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.kafka.Json;
import java.time.Instant;
import java.util.List;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;
import tools.jackson.databind.exc.MismatchedInputException;
import tools.jackson.databind.util.ClassUtil;

/**
 * The reading of a webhook body by its normalizer, streaming. A body with a problem gets the answer of a whole read
 * (a syntax error anywhere outranks a wrong field before it, trailing content is refused), found by stepping through
 * its tokens once more: memory stays constant whatever the body's size, where a tree of it would cost many times
 * the body.
 */
final class JsonBodyReader {

    /** The message of {@code DeserializationFeature.FAIL_ON_TRAILING_TOKENS}, as a whole read gives it. */
    private static final String TRAILING = "Trailing token (`JsonToken.%s`) found after value (bound as %s): not allowed"
            + " as per `DeserializationFeature.FAIL_ON_TRAILING_TOKENS`";

    private final ObjectReader jsonReader = Json.mapper().reader()
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /**
     * The alerts of {@code body}; throws {@link RefusedRequestException} (400, invalid-json or invalid-field) when
     * it is not one JSON value or a field is wrong.
     */
    List<AlertEvent> normalize(Normalizer normalizer, RequestBody body, Instant receivedAt, IngestMetrics metrics) {
        try (JsonParser parser = jsonReader.createParser(body.bytes())) {
            List<AlertEvent> alerts = normalizer.normalize(parser, receivedAt, metrics);
            if (parser.nextToken() != null) {
                requireOneJsonValue(body);
            }
            return alerts;
        } catch (JacksonException e) {
            requireOneJsonValue(body);
            throw notJson(e, body);
        } catch (InvalidAlertException e) {
            requireOneJsonValue(body);
            throw new RefusedRequestException(HttpStatus.BAD_REQUEST, "invalid-field", e.field(), e.getMessage(), body);
        }
    }

    /**
     * Refuses a body that is not one valid JSON value, with the message a whole read ({@code readTree}) gives: reads
     * the first value's tokens without keeping them, then requires the end. A body with no value at all passes, as
     * it does {@code readTree}.
     */
    void requireOneJsonValue(RequestBody body) {
        try (JsonParser parser = jsonReader.createParser(body.bytes())) {
            if (parser.nextToken() == null) {
                return;
            }
            parser.skipChildren();
            JsonToken trailing = parser.nextToken();
            if (trailing != null) {
                throw MismatchedInputException.from(parser, JsonNode.class,
                        TRAILING.formatted(trailing.name(), ClassUtil.nameOf(JsonNode.class)));
            }
        } catch (JacksonException e) {
            throw notJson(e, body);
        }
    }

    private static RefusedRequestException notJson(JacksonException e, RequestBody body) {
        return new RefusedRequestException(HttpStatus.BAD_REQUEST, "invalid-json", null,
                "The body is not valid JSON: " + e.getOriginalMessage(), body);
    }
}
