package io.alertpilot.formats;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/** Typed reads from a JSON tree that fail with an {@link InvalidAlertException} naming the field's path. */
final class Fields {

    /** Go's zero time, which Alertmanager sends as {@code endsAt} of a firing alert. */
    private static final int ZERO_TIME_YEAR = 1;

    private Fields() {
    }

    static String path(String parent, String name) {
        return parent == null || parent.isEmpty() ? name : parent + "." + name;
    }

    static String path(String parent, int index) {
        return parent + "[" + index + "]";
    }

    static JsonNode requireObject(JsonNode node, String path) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new InvalidAlertException(path, "'" + path + "' is required");
        }
        if (!node.isObject()) {
            throw new InvalidAlertException(path, "'" + path + "' must be a JSON object");
        }
        return node;
    }

    static JsonNode requireArray(JsonNode node, String path) {
        if (node == null || node.isMissingNode() || node.isNull()) {
            throw new InvalidAlertException(path, "'" + path + "' is required");
        }
        if (!node.isArray()) {
            throw new InvalidAlertException(path, "'" + path + "' must be a JSON array");
        }
        return node;
    }

    /**
     * Refuses a body with a name or string that is not well-formed Unicode: an unpaired UTF-16 surrogate, from a lone
     * {@code \\uDC00}-style escape or from bytes the JSON parser decoded leniently (a UTF-8 lead byte above
     * {@code F4}). Such a string cannot be written to Kafka and read back, so every consumer would refuse the alert.
     */
    static void requireWellFormedText(JsonNode body) {
        requireWellFormedText(body, "");
    }

    /**
     * As {@link #requireWellFormedText(JsonNode)} for a part of a body found at {@code path} ({@code alerts[3]}),
     * naming the paths inside it. Walks the part once without building a path when all of it is well-formed.
     */
    static void requireWellFormedText(JsonNode part, String path) {
        if (isWellFormed(part)) {
            return;
        }
        Deque<Map.Entry<String, JsonNode>> pending = new ArrayDeque<>();
        pending.push(Map.entry(path, part));
        while (!pending.isEmpty()) {
            Map.Entry<String, JsonNode> next = pending.pop();
            JsonNode node = next.getValue();
            if (node.isString()) {
                requireWellFormed(node.stringValue(), next.getKey());
            } else if (node.isObject()) {
                List<Map.Entry<String, JsonNode>> children = new ArrayList<>(node.size());
                for (Map.Entry<String, JsonNode> property : node.properties()) {
                    requireWellFormed(property.getKey(), next.getKey().isEmpty() ? "(property names)" : next.getKey());
                    children.add(Map.entry(path(next.getKey(), property.getKey()), property.getValue()));
                }
                children.reversed().forEach(pending::push); // the first mistake in the order of the document
            } else if (node.isArray()) {
                for (int i = node.size() - 1; i >= 0; i--) {
                    pending.push(Map.entry(path(next.getKey(), i), node.get(i)));
                }
            }
        }
    }

    private static boolean isWellFormed(JsonNode node) {
        if (node.isString()) {
            return isWellFormed(node.stringValue());
        }
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> property : node.properties()) {
                if (!isWellFormed(property.getKey()) || !isWellFormed(property.getValue())) {
                    return false;
                }
            }
        } else if (node.isArray()) {
            for (JsonNode element : node) {
                if (!isWellFormed(element)) {
                    return false;
                }
            }
        }
        return true;
    }

    private static boolean isWellFormed(String text) {
        return unpairedSurrogate(text) < 0;
    }

    /** Refuses a name or string of a body that is not well-formed Unicode, naming {@code path}. */
    static void requireWellFormed(String text, String path) {
        int at = unpairedSurrogate(text);
        if (at >= 0) {
            throw new InvalidAlertException(path, "'" + path + "' contains text that is not valid UTF-8 "
                    + "(an unpaired surrogate at character " + at + ")");
        }
    }

    /** The index of the first unpaired UTF-16 surrogate of {@code text}, or -1. */
    private static int unpairedSurrogate(String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return i;
            }
        }
        return -1;
    }

    /** The string at {@code name}, or null when absent or null; any other type is an error. */
    static String optionalString(JsonNode parent, String name, String parentPath) {
        JsonNode node = parent.get(name);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isString()) {
            String path = path(parentPath, name);
            throw new InvalidAlertException(path, "'" + path + "' must be a string");
        }
        return node.stringValue();
    }

    /** The non-blank string at {@code name}. */
    static String requiredString(JsonNode parent, String name, String parentPath) {
        String value = optionalString(parent, name, parentPath);
        if (value == null || value.isBlank()) {
            String path = path(parentPath, name);
            throw new InvalidAlertException(path, "'" + path + "' is required and must not be blank");
        }
        return value;
    }

    /** A string-to-string map; absent or null gives an empty map, any non-string value is an error. */
    static Map<String, String> stringMap(JsonNode parent, String name, String parentPath) {
        JsonNode node = parent.get(name);
        String path = path(parentPath, name);
        if (node == null || node.isNull()) {
            return Map.of();
        }
        if (!node.isObject()) {
            throw new InvalidAlertException(path, "'" + path + "' must be a JSON object of strings");
        }
        Map<String, String> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> entry : node.properties()) {
            JsonNode value = entry.getValue();
            if (value.isString()) {
                map.put(entry.getKey(), value.stringValue());
            } else if (value.isNumber() || value.isBoolean()) {
                map.put(entry.getKey(), value.asString());
            } else if (!value.isNull()) {
                String valuePath = path(path, entry.getKey());
                throw new InvalidAlertException(valuePath, "'" + valuePath + "' must be a string");
            }
        }
        return map;
    }

    /**
     * An RFC 3339 time; a time without an offset is read as UTC. Go's zero time gives null.
     *
     * @return the instant, or null when absent, empty or the zero time
     */
    static Instant optionalTime(JsonNode parent, String name, String parentPath) {
        String text = optionalString(parent, name, parentPath);
        if (text == null || text.isBlank()) {
            return null;
        }
        String path = path(parentPath, name);
        try {
            OffsetDateTime time = parseTime(text.trim());
            return time.getYear() <= ZERO_TIME_YEAR ? null : time.toInstant();
        } catch (DateTimeException e) {
            throw new InvalidAlertException(path, "'" + path + "' is not an RFC 3339 time: '" + shorten(text) + "'");
        }
    }

    private static OffsetDateTime parseTime(String text) {
        OffsetDateTime common = Rfc3339.parse(text);
        if (common != null) {
            return common;
        }
        try {
            return OffsetDateTime.parse(text);
        } catch (DateTimeException e) {
            return LocalDateTime.parse(text).atOffset(ZoneOffset.UTC);
        }
    }

    static String shorten(String text) {
        return text.length() <= 64 ? text : text.substring(0, 64) + "...";
    }

    static String firstNonBlank(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value;
            }
        }
        return null;
    }
}
