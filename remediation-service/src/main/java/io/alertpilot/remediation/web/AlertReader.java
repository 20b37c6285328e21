package io.alertpilot.remediation.web;

import io.alertpilot.ingest.normalize.AlertmanagerNormalizer;
import io.alertpilot.ingest.normalize.AzureMonitorNormalizer;
import io.alertpilot.ingest.normalize.GenericNormalizer;
import io.alertpilot.ingest.normalize.InvalidAlertException;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.SeverityMapping;
import io.alertpilot.model.kafka.Json;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads the body of evaluate in any supported format, with ingest's own normalizers: an Alertmanager webhook
 * ({@code version: "4"}), an Azure Monitor common-schema alert ({@code schemaId}), a normalized {@code AlertEvent}
 * (has {@code schemaVersion} or {@code eventId}), or generic alerts (an array, or one object). The normalizers are
 * private instances, not beans, so they do not collide with ingest's beans in one context.
 */
final class AlertReader {

    private final AlertmanagerNormalizer alertmanager;
    private final AzureMonitorNormalizer azure;
    private final GenericNormalizer generic;

    AlertReader() {
        SeverityMapping severities = SeverityMapping.defaults();
        this.alertmanager = new AlertmanagerNormalizer(severities, 1000);
        this.azure = new AzureMonitorNormalizer(severities);
        this.generic = new GenericNormalizer(severities, 1000);
    }

    /**
     * @throws InvalidAlertException when the body is none of the formats, naming the field
     */
    List<AlertEvent> read(JsonNode body, Instant now) {
        if (body == null || body.isNull() || body.isMissingNode()) {
            throw new InvalidAlertException("$", "the body must be an alert: an Alertmanager webhook, an Azure Monitor "
                    + "alert, an AlertEvent or generic alerts");
        }
        if (body.isArray()) {
            return generic.normalize(body, now);
        }
        if (!body.isObject()) {
            throw new InvalidAlertException("$", "the body must be a JSON object or array");
        }
        if (body.has("version") && body.has("alerts")) {
            return alertmanager.normalize(body, now);
        }
        if (body.has("schemaId")) {
            return azure.normalize(body, now);
        }
        if (body.has("schemaVersion") || body.has("eventId")) {
            ObjectNode copy = ((ObjectNode) body).deepCopy();
            if (!copy.has("eventId")) {
                copy.put("eventId", UUID.randomUUID().toString());
            }
            if (!copy.has("receivedAt")) {
                copy.put("receivedAt", now.toString());
            }
            if (!copy.has("schemaVersion")) {
                copy.put("schemaVersion", AlertEvent.SCHEMA_VERSION);
            }
            try {
                return List.of(Json.mapper().treeToValue(copy, AlertEvent.class));
            } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
                throw new InvalidAlertException("$", "not a valid AlertEvent: " + rootMessage(e));
            }
        }
        ArrayNode array = Json.mapper().createArrayNode();
        array.add(body);
        return generic.normalize(array, now);
    }

    private static String rootMessage(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        String message = String.valueOf(cause.getMessage());
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
