package io.alertpilot.remediation.web;

import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.maintenance.InvalidWindowException;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/** Why an operator ends a maintenance window: the {@code reason} of the query or of a body {@code {"reason": ...}}. */
final class EndReason {

    private EndReason() {
    }

    /**
     * The reason in {@code query} or in the JSON {@code body} (either may be null); null when neither gives one.
     *
     * @throws InvalidWindowException naming {@code reason} when it is blank, not text or given twice, or the unknown
     *     field of the body; without a field when the body is not a JSON object
     */
    static String of(String query, String body) {
        String fromBody = body == null || body.isBlank() ? null : fromBody(body);
        if (query != null && fromBody != null) {
            throw new InvalidWindowException("reason", "give the reason once, in the query or in the body");
        }
        String reason = query != null ? query : fromBody;
        if (reason != null && reason.isBlank()) {
            throw new InvalidWindowException("reason", "reason must not be blank (leave it out instead)");
        }
        return reason;
    }

    private static String fromBody(String body) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(body);
        } catch (JacksonException e) {
            throw new InvalidWindowException(null, "the body is not valid JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidWindowException(null, "the body must be a JSON object such as {\"reason\": \"done\"}");
        }
        for (Map.Entry<String, JsonNode> field : node.properties()) {
            if (!field.getKey().equals("reason")) {
                throw new InvalidWindowException(field.getKey(), "unknown field (the body of an end has only reason)");
            }
        }
        JsonNode reason = node.get("reason");
        if (reason == null || reason.isNull()) {
            return null;
        }
        if (!reason.isString()) {
            throw new InvalidWindowException("reason", "reason must be text");
        }
        return reason.asString();
    }
}
