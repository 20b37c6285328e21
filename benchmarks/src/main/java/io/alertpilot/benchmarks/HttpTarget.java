package io.alertpilot.benchmarks;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Function;

/** Posts each group as one HTTP request; a 2xx answer is the acknowledgement. */
final class HttpTarget implements LoadTarget<byte[]> {

    private final String name;
    private final URI uri;
    private final String authorization;
    private final BiFunction<List<Map<String, String>>, Instant, byte[]> body;
    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();

    HttpTarget(String name, URI uri, String authorization, BiFunction<List<Map<String, String>>, Instant, byte[]> body) {
        this.name = name;
        this.uri = uri;
        this.authorization = authorization;
        this.body = body;
    }

    /** AlertPilot's Alertmanager webhook. */
    static HttpTarget ingest(String baseUrl, String token) {
        return new HttpTarget("AlertPilot webhook", URI.create(baseUrl + "/api/v1/webhooks/alertmanager"),
                "Bearer " + token, Payloads::webhook);
    }

    /** AlertPilot's Alertmanager webhook, each request carrying only the first alert of its group: small requests. */
    static HttpTarget probe(String baseUrl, String token) {
        return new HttpTarget("AlertPilot webhook, one alert a request",
                URI.create(baseUrl + "/api/v1/webhooks/alertmanager"), "Bearer " + token,
                (group, startsAt) -> Payloads.webhook(group.subList(0, 1), startsAt));
    }

    /** AlertPilot's Alertmanager webhook, each group under the group labels {@code groupLabels} gives it. */
    static HttpTarget grouped(String baseUrl, String token,
            Function<List<Map<String, String>>, Map<String, String>> groupLabels) {
        return new HttpTarget("AlertPilot webhook", URI.create(baseUrl + "/api/v1/webhooks/alertmanager"),
                "Bearer " + token, (group, startsAt) -> Payloads.webhook(group, startsAt, groupLabels.apply(group)));
    }

    /** Alertmanager's own alert API, the peer. */
    static HttpTarget alertmanager(String baseUrl) {
        return new HttpTarget("Alertmanager API", URI.create(baseUrl + "/api/v2/alerts"), null,
                Payloads::alertmanagerApi);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public byte[] prepare(List<Map<String, String>> group) {
        return body.apply(group, Instant.now());
    }

    @Override
    public boolean send(byte[] prepared) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(prepared));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        int status = client.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        return status / 100 == 2;
    }

    @Override
    public void close() {
        client.close();
    }
}
