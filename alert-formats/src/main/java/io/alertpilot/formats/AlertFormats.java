package io.alertpilot.formats;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.kafka.Json;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The normalizer of every source, built from one {@link FormatSettings}, and the reading of a body whose format is
 * told by its shape ({@link AlertFormat}): what the webhooks accept and what evaluate explains are read by the same
 * code with the same settings. Immutable and thread safe.
 */
public final class AlertFormats {

    private final FormatSettings settings;
    private final AlertmanagerNormalizer alertmanager;
    private final AzureMonitorNormalizer azureMonitor;
    private final GenericNormalizer generic;
    private final ValueBound bound;

    /** The normalizers of every source, reading as {@code settings} say. */
    public AlertFormats(FormatSettings settings) {
        this.settings = settings;
        this.alertmanager = new AlertmanagerNormalizer(settings);
        this.azureMonitor = new AzureMonitorNormalizer(settings);
        this.generic = new GenericNormalizer(settings);
        this.bound = new ValueBound(settings);
    }

    /** The settings the normalizers were built with. */
    public FormatSettings settings() {
        return settings;
    }

    /** The normalizer of bodies sent by {@code source}. */
    public Normalizer normalizer(AlertSource source) {
        return switch (source) {
            case ALERTMANAGER -> alertmanager;
            case AZURE_MONITOR -> azureMonitor;
            case GENERIC -> generic;
        };
    }

    /**
     * The alerts of a body in any format: an Alertmanager webhook, an Azure Monitor alert, an {@code AlertEvent}
     * (missing {@code eventId}, {@code receivedAt} and {@code schemaVersion} are filled in) or generic alerts (an
     * array, or one object). Label and annotation values are bounded as every normalizer bounds them.
     *
     * @throws InvalidAlertException when the body is none of the formats, naming the field
     */
    public List<AlertEvent> read(JsonNode body, Instant receivedAt) {
        return read(body, receivedAt, TruncationListener.NONE);
    }

    /**
     * The alerts of a body in any format, as {@link #read(JsonNode, Instant)}, telling {@code truncations} of every
     * value cut.
     *
     * @throws InvalidAlertException when the body is none of the formats, naming the field
     */
    public List<AlertEvent> read(JsonNode body, Instant receivedAt, TruncationListener truncations) {
        return switch (AlertFormat.of(body)) {
            case ALERTMANAGER -> alertmanager.normalize(body, receivedAt, truncations);
            case AZURE_MONITOR -> azureMonitor.normalize(body, receivedAt, truncations);
            case ALERT_EVENT -> bound.apply(List.of(alertEvent((ObjectNode) body, receivedAt)), truncations);
            case GENERIC -> generic.normalize(body.isArray() ? body : single(body), receivedAt, truncations);
        };
    }

    private static ArrayNode single(JsonNode alert) {
        ArrayNode array = Json.mapper().createArrayNode();
        array.add(alert);
        return array;
    }

    private static AlertEvent alertEvent(ObjectNode body, Instant receivedAt) {
        ObjectNode copy = body.deepCopy();
        if (!copy.has("eventId")) {
            copy.put("eventId", UUID.randomUUID().toString());
        }
        if (!copy.has("receivedAt")) {
            copy.put("receivedAt", receivedAt.toString());
        }
        if (!copy.has("schemaVersion")) {
            copy.put("schemaVersion", AlertEvent.SCHEMA_VERSION);
        }
        try {
            return Json.mapper().treeToValue(copy, AlertEvent.class);
        } catch (JacksonException | IllegalArgumentException | NullPointerException e) {
            throw new InvalidAlertException("$", "not a valid AlertEvent: " + rootMessage(e));
        }
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
