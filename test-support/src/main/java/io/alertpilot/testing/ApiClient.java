package io.alertpilot.testing;

import io.alertpilot.model.kafka.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A client for the HTTP APIs of the AlertPilot services in tests: a base URL and, unless {@link #withoutToken()}, a
 * bearer token on every request; bodies go out as JSON and come back as an {@link ApiResponse} whose status, headers,
 * body and problem+json detail a test can assert on. Every request is bounded by {@link #TIMEOUT}. Immutable and
 * thread safe; the {@code with...} methods return a new client sharing the connection pool.
 *
 * <pre>{@code
 * ApiClient api = ApiClient.at(port).withToken(token);
 * ApiResponse response = api.post("/api/v1/incidents/" + id + "/acknowledge", Map.of("by", "alice"));
 * assertThat(response.status()).as(response.toString()).isEqualTo(200);
 * }</pre>
 */
public final class ApiClient {

    /** The bound of every request, connection included. */
    public static final Duration TIMEOUT = Duration.ofSeconds(30);

    private static final String JSON = "application/json";

    private final HttpClient http;
    private final URI base;
    private final String authorization;
    private final Map<String, String> headers;

    private ApiClient(HttpClient http, URI base, String authorization, Map<String, String> headers) {
        this.http = http;
        this.base = base;
        this.authorization = authorization;
        this.headers = headers;
    }

    /** A client of the service at {@code baseUrl} (for example {@code http://localhost:8080}), without a token. */
    public static ApiClient at(URI baseUrl) {
        String text = Objects.requireNonNull(baseUrl, "baseUrl").toString();
        URI base = URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
        return new ApiClient(HttpClient.newBuilder().connectTimeout(TIMEOUT).build(), base, null, Map.of());
    }

    /** A client of the service listening on {@code port} of localhost, without a token. */
    public static ApiClient at(int port) {
        return at(URI.create("http://localhost:" + port));
    }

    /** This client sending {@code Authorization: Bearer <token>}. */
    public ApiClient withToken(String token) {
        return withAuthorization("Bearer " + Objects.requireNonNull(token, "token"));
    }

    /** This client sending HTTP basic credentials instead of a token. */
    public ApiClient withBasic(String user, String password) {
        String credentials = user + ":" + password;
        return withAuthorization(
                "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)));
    }

    /** This client sending {@code authorization} verbatim as the {@code Authorization} header. */
    public ApiClient withAuthorization(String authorization) {
        return new ApiClient(http, base, Objects.requireNonNull(authorization, "authorization"), headers);
    }

    /** This client sending no {@code Authorization} header. */
    public ApiClient withoutToken() {
        return new ApiClient(http, base, null, headers);
    }

    /** This client sending header {@code name} with {@code value} too (a signature, a request id). */
    public ApiClient withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(value, "value"));
        return new ApiClient(http, base, authorization, Map.copyOf(more));
    }

    /** The absolute URI of {@code path} (which starts with {@code /}). */
    public URI uri(String path) {
        return URI.create(base + path);
    }

    /** {@code GET path}. */
    public ApiResponse get(String path) {
        return send("GET", path, null, null);
    }

    /** {@code DELETE path}. */
    public ApiResponse delete(String path) {
        return send("DELETE", path, null, null);
    }

    /** {@code POST path} with {@code body} as JSON (see {@link #send(String, String, Object)}). */
    public ApiResponse post(String path, Object body) {
        return send("POST", path, body);
    }

    /** {@code PUT path} with {@code body} as JSON (see {@link #send(String, String, Object)}). */
    public ApiResponse put(String path, Object body) {
        return send("PUT", path, body);
    }

    /**
     * {@code method path} with {@code body} as {@code application/json}: a {@code String} is sent as it is (JSON text),
     * a {@code byte[]} as those bytes, {@code null} as no body, anything else written with AlertPilot's mapper.
     */
    public ApiResponse send(String method, String path, Object body) {
        return switch (body) {
            case null -> send(method, path, null, null);
            case String text -> send(method, path, JSON, text.getBytes(StandardCharsets.UTF_8));
            case byte[] bytes -> send(method, path, JSON, bytes);
            default -> send(method, path, JSON, Json.write(body));
        };
    }

    /**
     * {@code method path} with {@code body} sent as {@code contentType}; a {@code null} content type sends no
     * {@code Content-Type} header, a {@code null} body no body.
     *
     * @throws UncheckedIOException when the request cannot be sent or times out
     */
    public ApiResponse send(String method, String path, String contentType, byte[] body) {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .timeout(TIMEOUT)
                .header("Accept", JSON + ", application/problem+json, */*")
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofByteArray(body));
        if (contentType != null) {
            request.header("Content-Type", contentType);
        }
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        headers.forEach(request::header);
        try {
            HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
            return new ApiResponse(method, path, response.statusCode(), response.headers(), response.body());
        } catch (IOException e) {
            throw new UncheckedIOException(method + " " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(method + " " + path + " interrupted", e);
        }
    }
}
