package io.alertpilot.formats;

import io.alertpilot.model.kafka.Json;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * Edits copies of JSON trees by the paths the normalizers report ({@code alerts[0].labels.alertname},
 * {@code data.essentials.alertId}, {@code [1].name}); the original is never changed.
 */
final class JsonEdit {

    private JsonEdit() {
    }

    /** JSON text as a tree. */
    static JsonNode json(String text) {
        return Json.mapper().readTree(text);
    }

    /** A copy of {@code root} with the node at {@code path} replaced by (or added as) {@code value}. */
    static JsonNode set(JsonNode root, String path, JsonNode value) {
        JsonNode copy = root.deepCopy();
        List<Object> segments = segments(path);
        JsonNode parent = navigate(copy, segments.subList(0, segments.size() - 1));
        Object last = segments.getLast();
        if (last instanceof Integer index) {
            ((ArrayNode) parent).set(index, value);
        } else {
            ((ObjectNode) parent).set((String) last, value);
        }
        return copy;
    }

    /** {@link #set} with a value given as JSON text. */
    static JsonNode set(JsonNode root, String path, String valueJson) {
        return set(root, path, json(valueJson));
    }

    /** A copy of {@code root} without the member or element at {@code path}. */
    static JsonNode remove(JsonNode root, String path) {
        JsonNode copy = root.deepCopy();
        List<Object> segments = segments(path);
        JsonNode parent = navigate(copy, segments.subList(0, segments.size() - 1));
        Object last = segments.getLast();
        if (last instanceof Integer index) {
            ((ArrayNode) parent).remove(index);
        } else {
            ((ObjectNode) parent).remove((String) last);
        }
        return copy;
    }

    /** The path's segments: member names as strings, array indexes as integers. */
    static List<Object> segments(String path) {
        List<Object> segments = new ArrayList<>();
        for (String part : path.split("\\.|(?=\\[)")) {
            if (part.isEmpty()) {
                continue;
            }
            if (part.startsWith("[") && part.endsWith("]")) {
                segments.add(Integer.parseInt(part.substring(1, part.length() - 1)));
            } else {
                segments.add(part);
            }
        }
        return segments;
    }

    /** The path of {@code segments} the way the normalizers print it. */
    static String path(List<Object> segments) {
        StringBuilder path = new StringBuilder();
        for (Object segment : segments) {
            if (segment instanceof Integer index) {
                path.append('[').append(index).append(']');
            } else {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(segment);
            }
        }
        return path.isEmpty() ? "$" : path.toString();
    }

    private static JsonNode navigate(JsonNode node, List<Object> segments) {
        JsonNode current = node;
        for (Object segment : segments) {
            current = segment instanceof Integer index ? current.get(index) : current.get((String) segment);
        }
        return current;
    }
}
