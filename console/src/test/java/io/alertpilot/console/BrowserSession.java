package io.alertpilot.console;

import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** A browser's view of the console over real HTTP: cookies kept, redirects not followed, forms sent with CSRF. */
final class BrowserSession {

    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" content=\"([^\"]+)\"");

    private final URI base;
    private final HttpClient http;

    BrowserSession(int port) {
        this.base = URI.create("http://127.0.0.1:" + port);
        this.http = HttpClient.newBuilder().cookieHandler(new CookieManager())
                .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(5)).build();
    }

    HttpResponse<String> get(String path) {
        return send(HttpRequest.newBuilder(base.resolve(path)).GET().build());
    }

    /** Posts {@code form} with the CSRF token of the page at {@code page}. */
    HttpResponse<String> post(String page, String path, Map<String, String> form) {
        return postWithToken(csrfToken(page), path, form);
    }

    /** The CSRF token the page at {@code page} carries in its meta tag. */
    String csrfToken(String page) {
        Matcher token = CSRF.matcher(get(page).body());
        if (!token.find()) {
            throw new AssertionError("no CSRF token on " + page);
        }
        return token.group(1);
    }

    /** Posts {@code form} with the CSRF token {@code token}. */
    HttpResponse<String> postWithToken(String token, String path, Map<String, String> form) {
        String body = form.entrySet().stream().map(e -> encode(e.getKey()) + "=" + encode(e.getValue()))
                .collect(Collectors.joining("&", "_csrf=" + encode(token) + "&", ""));
        return send(HttpRequest.newBuilder(base.resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build());
    }

    /** Opens {@code path} as a stream of lines, for server-sent events. */
    java.util.concurrent.CompletableFuture<HttpResponse<java.util.stream.Stream<String>>> stream(String path) {
        return http.sendAsync(HttpRequest.newBuilder(base.resolve(path)).header("Accept", "text/event-stream").build(),
                HttpResponse.BodyHandlers.ofLines());
    }

    private HttpResponse<String> send(HttpRequest request) {
        try {
            return http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
