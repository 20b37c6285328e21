package io.alertpilot.notifier.slack;

import io.alertpilot.model.kafka.Json;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * One button press as Slack sends it ({@code block_actions}): who pressed which button on which message.
 *
 * @param userId the Slack user id of who pressed it
 * @param channelId the channel of the message
 * @param messageTs the message's {@code ts}, which {@code chat.update} needs
 * @param actionId the button's {@code action_id}
 * @param value the button's value ({@link io.alertpilot.notifier.channel.slack.SlackButtonValue}: the incident's
 *     occurrence, and the remediation on an approval page)
 * @param blocks the message's blocks as they are, kept when the message is updated
 */
public record SlackInteraction(String userId, String channelId, String messageTs, String actionId, String value,
        List<?> blocks) {

    public SlackInteraction {
        blocks = blocks == null ? List.of() : List.copyOf(blocks);
    }

    /**
     * The press in a form-encoded request body ({@code payload=<JSON>}).
     *
     * @throws InvalidInteractionException naming the field that is missing or not understood
     */
    public static SlackInteraction fromForm(byte[] body) {
        for (String pair : new String(body, StandardCharsets.UTF_8).split("&")) {
            if (pair.startsWith("payload=")) {
                return fromPayload(URLDecoder.decode(pair.substring("payload=".length()), StandardCharsets.UTF_8));
            }
        }
        throw new InvalidInteractionException("payload", "the form has no payload field");
    }

    /**
     * The press in a {@code block_actions} payload.
     *
     * @throws InvalidInteractionException naming the field that is missing or not understood
     */
    static SlackInteraction fromPayload(String json) {
        JsonNode payload;
        try {
            payload = Json.mapper().readTree(json);
        } catch (JacksonException e) {
            throw new InvalidInteractionException("payload", "the payload is not JSON");
        }
        if (!"block_actions".equals(payload.path("type").asString(""))) {
            throw new InvalidInteractionException("type", "only block_actions interactions are handled");
        }
        JsonNode action = payload.path("actions").path(0);
        String channel = text(payload.path("channel").path("id"), payload.path("container").path("channel_id"));
        String ts = text(payload.path("message").path("ts"), payload.path("container").path("message_ts"));
        List<?> blocks = payload.path("message").path("blocks").isArray()
                ? Json.mapper().convertValue(payload.path("message").path("blocks"), List.class) : List.of();
        return new SlackInteraction(required(payload.path("user").path("id"), "user.id"),
                required(channel, "channel.id"), required(ts, "message.ts"),
                required(action.path("action_id"), "actions[0].action_id"),
                required(action.path("value"), "actions[0].value"), blocks);
    }

    private static String text(JsonNode first, JsonNode second) {
        String value = first.asString("");
        return value.isBlank() ? second.asString("") : value;
    }

    private static String required(JsonNode node, String field) {
        return required(node.asString(""), field);
    }

    private static String required(String value, String field) {
        if (value == null || value.isBlank()) {
            throw new InvalidInteractionException(field, "the payload has no " + field);
        }
        return value;
    }
}
