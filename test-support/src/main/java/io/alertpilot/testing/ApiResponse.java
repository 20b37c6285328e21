package io.alertpilot.testing;

import io.alertpilot.model.kafka.Json;
import java.net.http.HttpHeaders;
import java.util.Optional;
import tools.jackson.databind.JsonNode;

/**
 * What a service answered to an {@link ApiClient} request: the status, the headers and the body as text, with the
 * body readable as JSON and, for an error, as an RFC 9457 problem. {@link #toString()} names the request, the status
 * and the body, so {@code assertThat(response.status()).as(response.toString())} explains a failure.
 *
 * @param method the request's method
 * @param path the request's path
 * @param status the HTTP status code
 * @param headers the response headers
 * @param body the response body, empty when there was none
 */
public record ApiResponse(String method, String path, int status, HttpHeaders headers, String body) {

    /** The first value of header {@code name}, if present. */
    public Optional<String> header(String name) {
        return headers.firstValue(name);
    }

    /** The {@code Content-Type}, or an empty string. */
    public String contentType() {
        return header("Content-Type").orElse("");
    }

    /** The body as a JSON tree. */
    public JsonNode json() {
        return Json.mapper().readTree(body);
    }

    /** The body read as JSON into {@code type}. */
    public <T> T read(Class<T> type) {
        return Json.mapper().readValue(body, type);
    }

    /** Whether the body is a problem detail ({@code application/problem+json}). */
    public boolean isProblem() {
        return contentType().startsWith("application/problem+json");
    }

    /**
     * The problem detail of an error response.
     *
     * @throws IllegalStateException when the response is not {@code application/problem+json}
     */
    public Problem problem() {
        if (!isProblem()) {
            throw new IllegalStateException("not a problem+json response: " + this);
        }
        JsonNode json = json();
        return new Problem(text(json, "type"), text(json, "title"), json.path("status").asInt(status),
                text(json, "detail"), json);
    }

    @Override
    public String toString() {
        return method + " " + path + " -> " + status + " " + contentType() + " " + body;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    /**
     * An RFC 9457 problem detail as the services send it.
     *
     * @param type the problem type URI, or null
     * @param title the short summary
     * @param status the HTTP status it states
     * @param detail the explanation of this occurrence
     * @param json the whole problem, extension members included
     */
    public record Problem(String type, String title, int status, String detail, JsonNode json) {
    }
}
