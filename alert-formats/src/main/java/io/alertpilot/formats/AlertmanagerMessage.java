package io.alertpilot.formats;

import static io.alertpilot.formats.Fields.optionalString;
import static io.alertpilot.formats.Fields.path;
import static io.alertpilot.formats.Fields.requireArray;
import static io.alertpilot.formats.Fields.stringMap;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.kafka.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.BiFunction;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.NullNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * One Alertmanager webhook message read from a token stream in one pass: the group's own fields are kept as small
 * trees, each alert of {@code alerts} is read as the tree of that one alert, turned into an event and dropped, so
 * that a request holds its events, never a tree of the whole body. The problems found are told in the order a reader
 * of the whole tree would find them: text that is not well-formed Unicode (property names of the message first, then
 * in the order of the document), the version, {@code alerts}, their count, the group's fields, then the first alert in
 * error. After the first problem the rest is only checked, not turned into events. Not thread safe: one per body.
 */
final class AlertmanagerMessage {

    private final int maxAlerts;
    private final BiFunction<JsonNode, String, AlertEvent> toEvent;
    private final ObjectNode group = Json.mapper().createObjectNode();
    private List<AlertEvent> events = new ArrayList<>();
    private int alertCount;
    private boolean alertsIsArray;
    private InvalidAlertException badName;
    private InvalidAlertException badText;
    private InvalidAlertException badAlert;

    /**
     * @param maxAlerts the most alerts turned into events; more are only counted
     * @param toEvent an alert's tree and path ({@code alerts[3]}) to its event, without the group's fields
     */
    AlertmanagerMessage(int maxAlerts, BiFunction<JsonNode, String, AlertEvent> toEvent) {
        this.maxAlerts = maxAlerts;
        this.toEvent = toEvent;
    }

    /**
     * Reads the message the parser is at (or at the start of), up to its closing brace.
     *
     * @throws InvalidAlertException when the body is not an object; syntax errors are the parser's
     */
    AlertmanagerMessage read(JsonParser parser) {
        JsonToken first = parser.currentToken() == null ? parser.nextToken() : parser.currentToken();
        if (first == null || first == JsonToken.VALUE_NULL) {
            throw new InvalidAlertException("$", "'$' is required");
        }
        if (first != JsonToken.START_OBJECT) {
            throw new InvalidAlertException("$", "'$' must be a JSON object");
        }
        while (parser.nextToken() == JsonToken.PROPERTY_NAME) {
            String name = parser.currentName();
            if (badName == null) {
                badName = wellFormedProblem(() -> Fields.requireWellFormed(name, "(property names)"));
            }
            JsonToken value = parser.nextToken();
            if ("alerts".equals(name)) {
                group.remove(name);
                events = new ArrayList<>();
                alertCount = 0;
                alertsIsArray = value == JsonToken.START_ARRAY;
            }
            if (alertsIsArray && "alerts".equals(name)) {
                readAlerts(parser);
            } else {
                JsonNode tree = tree(parser);
                checkText(tree, name);
                group.set(name, tree);
            }
        }
        return this;
    }

    private void readAlerts(JsonParser parser) {
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            String path = path("alerts", alertCount++);
            JsonNode alert = tree(parser);
            checkText(alert, path);
            if (badText != null || badAlert != null || alertCount > maxAlerts) {
                continue;
            }
            try {
                events.add(toEvent.apply(alert, path));
            } catch (InvalidAlertException e) {
                badAlert = e;
            }
        }
    }

    private static JsonNode tree(JsonParser parser) {
        JsonNode tree = parser.readValueAsTree();
        return tree == null ? NullNode.getInstance() : tree;
    }

    private void checkText(JsonNode tree, String path) {
        if (badText == null) {
            badText = wellFormedProblem(() -> Fields.requireWellFormedText(tree, path));
        }
    }

    private static InvalidAlertException wellFormedProblem(Runnable check) {
        try {
            check.run();
            return null;
        } catch (InvalidAlertException e) {
            return e;
        }
    }

    /**
     * The events of the message with the group's fields, or the first problem.
     *
     * @param group the group's key, receiver and external URL to an event carrying them
     * @throws InvalidAlertException naming the first problem found
     */
    List<AlertEvent> events(GroupFields group) {
        if (badName != null) {
            throw badName;
        }
        if (badText != null) {
            throw badText;
        }
        String version = optionalString(this.group, "version", "");
        if (!"4".equals(version)) {
            throw new InvalidAlertException("version", version == null
                    ? "'version' is required: this endpoint reads Alertmanager's webhook payload version \"4\""
                    : "'version' is \"" + Fields.shorten(version) + "\": only Alertmanager's webhook payload version \"4\" is read");
        }
        if (!alertsIsArray) {
            requireArray(this.group.get("alerts"), "alerts");
        }
        if (alertCount > maxAlerts) {
            throw new InvalidAlertException("alerts", "'alerts' holds " + alertCount + " alerts, more than the limit of "
                    + maxAlerts + " per request");
        }
        String groupKey = optionalString(this.group, "groupKey", "");
        String receiver = optionalString(this.group, "receiver", "");
        String externalUrl = optionalString(this.group, "externalURL", "");
        // read to reject a wrong type early; the group's own labels are repeated in every alert
        stringMap(this.group, "commonLabels", "");
        stringMap(this.group, "groupLabels", "");
        if (badAlert != null) {
            throw badAlert;
        }
        return events.stream().map(event -> group.apply(event, groupKey, receiver, externalUrl)).toList();
    }

    /** Gives an event the fields of its group. */
    @FunctionalInterface
    interface GroupFields {
        AlertEvent apply(AlertEvent event, String groupKey, String receiver, String externalUrl);
    }
}
