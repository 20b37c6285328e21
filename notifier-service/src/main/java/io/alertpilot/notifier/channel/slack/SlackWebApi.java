package io.alertpilot.notifier.channel.slack;

import io.alertpilot.model.kafka.Json;
import io.alertpilot.notifier.channel.ChannelResult;
import io.alertpilot.notifier.channel.HttpSender;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;

/**
 * The two methods of Slack's Web API the Slack app uses, {@code chat.postMessage} and {@code chat.update}, with the bot
 * token as bearer. Slack answers HTTP 200 with {@code "ok": false} and an {@code error} code when a call failed: such
 * an answer is a failure, retryable for the codes that say Slack is busy or broken ({@code ratelimited},
 * {@code internal_error}, ...), permanent otherwise ({@code channel_not_found}, {@code invalid_auth}, ...). HTTP 429
 * with {@code Retry-After} is retryable after that wait. The token is never part of an error text. Thread safe.
 */
public final class SlackWebApi {

    /** The error codes of an {@code "ok": false} answer worth sending again. */
    static final Set<String> RETRYABLE_ERRORS = Set.of("ratelimited", "rate_limited", "internal_error",
            "fatal_error", "service_unavailable", "request_timeout");

    private final HttpSender http;
    private final String apiUrl;
    private final String botToken;

    /**
     * @param apiUrl the base URL, {@code https://slack.com/api} (a test's WireMock otherwise)
     * @param botToken the bot token ({@code xoxb-...}); null or blank: not configured, every call fails permanently
     */
    public SlackWebApi(HttpSender http, String apiUrl, String botToken) {
        this.http = http;
        this.apiUrl = apiUrl;
        this.botToken = botToken == null || botToken.isBlank() ? null : botToken.trim();
    }

    /** True when a bot token is configured. */
    public boolean configured() {
        return botToken != null;
    }

    /** Posts {@code message} ({@code text}, {@code blocks}) to Slack channel {@code channelId}. */
    public ChannelResult postMessage(String channelId, Map<String, Object> message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channelId);
        body.putAll(message);
        return call("chat.postMessage", body);
    }

    /** Replaces the message {@code ts} of channel {@code channelId} by {@code message} ({@code text}, {@code blocks}). */
    public ChannelResult update(String channelId, String ts, Map<String, Object> message) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("channel", channelId);
        body.put("ts", ts);
        body.putAll(message);
        return call("chat.update", body);
    }

    private ChannelResult call(String method, Map<String, Object> body) {
        if (botToken == null) {
            return new ChannelResult.Permanent(0, "no Slack bot token configured");
        }
        HttpSender.Answer answer = http.exchange(apiUrl + "/" + method, body, Map.of(
                "Authorization", "Bearer " + botToken));
        return answer.result() instanceof ChannelResult.Delivered delivered
                ? classify(delivered.httpStatus(), answer.body()) : answer.result();
    }

    /** The result of a 2xx answer of the Web API, by its {@code ok} and {@code error}. */
    static ChannelResult classify(int status, String body) {
        JsonNode answer;
        try {
            answer = Json.mapper().readTree(body == null ? "" : body);
        } catch (JacksonException e) {
            return new ChannelResult.Permanent(status, "not an answer of Slack's Web API");
        }
        if (answer == null || !answer.isObject()) {
            return new ChannelResult.Permanent(status, "not an answer of Slack's Web API");
        }
        if (answer.path("ok").asBoolean(false)) {
            return new ChannelResult.Delivered(status);
        }
        String error = answer.path("error").asString("unknown");
        String text = "Slack error " + (error.length() > 80 ? error.substring(0, 80) : error);
        return RETRYABLE_ERRORS.contains(error) ? new ChannelResult.Retryable(status, text, null)
                : new ChannelResult.Permanent(status, text);
    }
}
