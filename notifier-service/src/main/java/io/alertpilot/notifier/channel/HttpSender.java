package io.alertpilot.notifier.channel;

import io.alertpilot.model.kafka.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Map;
import java.util.Optional;

/**
 * Posts JSON and classifies the answer: 2xx delivered; 408, 425, 429, 5xx and transport errors retryable (with the
 * {@code Retry-After} of the answer); other statuses permanent. Error texts are short and carry no URL (a webhook
 * URL is a secret). Thread safe.
 */
public final class HttpSender {

    private static final int MAX_ERROR_BODY = 200;

    private final HttpClient client;
    private final Duration requestTimeout;

    public HttpSender(Duration connectTimeout, Duration requestTimeout) {
        this.client = HttpClient.newBuilder().connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER).build();
        this.requestTimeout = requestTimeout;
    }

    /** POSTs {@code body} as JSON to {@code url} with the extra {@code headers}. */
    public ChannelResult postJson(String url, Object body, Map<String, String> headers) {
        return exchange(url, body, headers).result();
    }

    /**
     * The result of a POST and the answer's body, for providers whose 2xx answer can still say it failed (Slack's
     * Web API answers 200 with {@code "ok": false}).
     *
     * @param body the answer's body, null when there was no answer
     */
    public record Answer(ChannelResult result, String body) {
    }

    /** POSTs {@code body} as JSON to {@code url} with the extra {@code headers}; the answer's body is kept. */
    public Answer exchange(String url, Object body, Map<String, String> headers) {
        HttpRequest.Builder request;
        try {
            request = HttpRequest.newBuilder(URI.create(url))
                    .timeout(requestTimeout)
                    .header("Content-Type", "application/json")
                    .header("User-Agent", "AlertPilot-notifier")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body == null ? new byte[0] : Json.write(body)));
        } catch (IllegalArgumentException e) {
            return new Answer(new ChannelResult.Permanent(0, "invalid URL configured"), null);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new Answer(classify(response.statusCode(), response.body(),
                    response.headers().firstValue("Retry-After")), response.body());
        } catch (HttpTimeoutException e) {
            return new Answer(new ChannelResult.Retryable(0, "timeout", null), null);
        } catch (IOException e) {
            return new Answer(new ChannelResult.Retryable(0, "transport error: " + e.getClass().getSimpleName(), null),
                    null);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Answer(new ChannelResult.Retryable(0, "interrupted", null), null);
        }
    }

    /** The result for an HTTP answer. */
    public static ChannelResult classify(int status, String body, Optional<String> retryAfter) {
        if (status >= 200 && status < 300) {
            return new ChannelResult.Delivered(status);
        }
        String error = "HTTP " + status + errorText(body);
        if (status == 408 || status == 425 || status == 429 || status >= 500) {
            return new ChannelResult.Retryable(status, error, retryAfter.map(HttpSender::parseRetryAfter).orElse(null));
        }
        return new ChannelResult.Permanent(status, error);
    }

    /** {@code Retry-After} as seconds or an HTTP date; null when it is neither. */
    static Duration parseRetryAfter(String value) {
        String trimmed = value.trim();
        try {
            long seconds = Long.parseLong(trimmed);
            return seconds < 0 ? null : Duration.ofSeconds(seconds);
        } catch (NumberFormatException e) {
            try {
                ZonedDateTime at = ZonedDateTime.parse(trimmed, DateTimeFormatter.RFC_1123_DATE_TIME);
                Duration wait = Duration.between(ZonedDateTime.now(at.getZone()), at);
                return wait.isNegative() ? Duration.ZERO : wait;
            } catch (DateTimeParseException notADate) {
                return null;
            }
        }
    }

    private static String errorText(String body) {
        if (body == null || body.isBlank()) {
            return "";
        }
        String oneLine = body.replaceAll("\\s+", " ").trim();
        return ": " + (oneLine.length() > MAX_ERROR_BODY ? oneLine.substring(0, MAX_ERROR_BODY) + "..." : oneLine);
    }
}
