package io.alertpilot.cli.test;

import io.alertpilot.formats.AlertFormats;
import io.alertpilot.formats.FormatSettings;
import io.alertpilot.formats.InvalidAlertException;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.SeverityMapping;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.support.formats.AlertFormatProperties;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Turns a test's alerts into {@link AlertEvent}s with ingest's own normalizers, so a test alert is classified
 * (severity, fingerprint, target) exactly as the webhook of its format would classify it. Thread safe.
 */
final class TestAlerts {

    private final AlertFormats formats = new AlertFormats(new FormatSettings(SeverityMapping.defaults(),
            AlertFormatProperties.DEFAULT_MAX_ALERTS_PER_REQUEST));

    /**
     * The alerts as ingest reads them, received at {@code at}: one for the generic fields, those of the body
     * otherwise.
     *
     * @throws InvalidAlertException when ingest would refuse them
     */
    List<AlertEvent> events(TestFile.TestAlert alert, Instant at) {
        if (alert.body() != null) {
            return formats.normalizer(source(alert.format())).normalize(alert.body(), at);
        }
        ObjectNode node = Json.mapper().createObjectNode();
        put(node, "name", alert.name());
        put(node, "status", alert.status());
        put(node, "severity", alert.severity());
        put(node, "fingerprint", alert.fingerprint());
        put(node, "summary", alert.summary());
        put(node, "description", alert.description());
        put(node, "runbookUrl", alert.runbookUrl());
        put(node, "generatorUrl", alert.generatorUrl());
        put(node, "startsAt", alert.startsAt());
        put(node, "endsAt", alert.endsAt());
        put(node, "groupKey", alert.groupKey());
        put(node, "receiver", alert.receiver());
        put(node, "externalUrl", alert.externalUrl());
        put(node, "labels", alert.labels());
        put(node, "annotations", alert.annotations());
        put(node, "target", alert.target());
        ArrayNode body = Json.mapper().createArrayNode().add(node);
        return formats.normalizer(AlertSource.GENERIC).normalize(body, at);
    }

    private static AlertSource source(String format) {
        String name = format == null ? "generic" : format.trim().toLowerCase(Locale.ROOT);
        return switch (name) {
            case "alertmanager" -> AlertSource.ALERTMANAGER;
            case "azure-monitor" -> AlertSource.AZURE_MONITOR;
            case "generic" -> AlertSource.GENERIC;
            default -> throw new InvalidAlertException("format", "'format' must be alertmanager, azure-monitor or "
                    + "generic, not '" + format + "'");
        };
    }

    private static void put(ObjectNode node, String key, String value) {
        if (value != null) {
            node.put(key, value);
        }
    }

    private static void put(ObjectNode node, String key, Map<String, String> value) {
        if (value != null) {
            ObjectNode map = node.putObject(key);
            value.forEach(map::put);
        }
    }
}
