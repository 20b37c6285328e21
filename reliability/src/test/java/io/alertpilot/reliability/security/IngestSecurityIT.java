package io.alertpilot.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.formats.AlertFormats;
import io.alertpilot.ingest.IngestApplication;
import io.alertpilot.ingest.IngestProperties;
import io.alertpilot.model.fixtures.Samples;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.testing.KafkaReadBack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;

/**
 * The ingest service's security: credentials on every endpoint, no secret in the log, the body size limit, and a
 * few thousand hostile bodies answered without a 5xx and without losing an accepted alert.
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "alertpilot.ingest.auth.tokens=" + IngestSecurityIT.TOKEN,
            "alertpilot.ingest.auth.users.ops=" + IngestSecurityIT.PASSWORD,
            "alertpilot.ingest.auth.sources.azure-monitor.users.azure=" + IngestSecurityIT.AZURE_PASSWORD,
            "alertpilot.api.auth.tokens=" + IngestSecurityIT.API_TOKEN,
            "alertpilot.ingest.topics.partitions=2",
            "logging.level.org.apache.kafka=WARN",
            "logging.level.kafka=WARN",
            "logging.level.state.change.logger=WARN",
        })
@EmbeddedKafka(partitions = 2)
@Import(EndpointProbe.Config.class)
@ExtendWith(OutputCaptureExtension.class)
class IngestSecurityIT {

    static final String TOKEN = "ingest-secret-token-5b1d0f2e";
    static final String PASSWORD = "ops-secret-password-77c1";
    static final String AZURE_PASSWORD = "azure-secret-password-a9e3";
    static final String API_TOKEN = "api-secret-token-c41f";
    static final List<String> SECRETS = List.of(TOKEN, PASSWORD, AZURE_PASSWORD, API_TOKEN);
    static final String AM = "/api/v1/webhooks/alertmanager";

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private HttpResponse<String> post(String path, String authorization, HttpRequest.BodyPublisher body) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                .timeout(Duration.ofSeconds(30)).header("Content-Type", "application/json").POST(body);
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void everyEndpointNeedsCredentialsExceptHealthAndMetrics() throws Exception {
        var endpoints = SecurityChecks.everyEndpointNeedsCredentials(context, port, List.of(
                "Bearer wrong-" + TOKEN.substring(6), SecurityChecks.basic("ops", "not-the-password"),
                "Basic %%%not-base64", "Token " + TOKEN, "Bearer"));
        assertThat(endpoints).extracting(EndpointProbe.Endpoint::pattern)
                .contains(AM, "/api/v1/webhooks/azure-monitor", "/api/v1/alerts");
        SecurityChecks.healthAndMetricsAreOpen(port);
    }

    @Test
    void aCredentialOfOneWebhookIsNotAcceptedByAnother() throws Exception {
        String azureOnly = SecurityChecks.basic("azure", AZURE_PASSWORD);
        String body = Samples.string("alertmanager/firing-crashloop.json");
        assertThat(post(AM, azureOnly, HttpRequest.BodyPublishers.ofString(body)).statusCode()).isEqualTo(401);
        assertThat(post(AM, "Bearer " + API_TOKEN, HttpRequest.BodyPublishers.ofString(body)).statusCode()).isEqualTo(401);
        assertThat(post(AM, "Bearer " + TOKEN, HttpRequest.BodyPublishers.ofString(body)).statusCode()).isEqualTo(202);
    }

    private int maxAlerts() {
        return context.getBean(AlertFormats.class).settings().maxAlertsPerRequest();
    }

    @Test
    void aBodyOverTheLimitIs413WithOrWithoutAContentLength() throws Exception {
        byte[] big = new byte[Math.toIntExact(context.getBean(IngestProperties.class).maxBodySize().toBytes() + 1)];
        java.util.Arrays.fill(big, (byte) ' ');
        big[0] = '[';
        big[big.length - 1] = ']';
        assertThat(post(AM, "Bearer " + TOKEN, HttpRequest.BodyPublishers.ofByteArray(big)).statusCode()).isEqualTo(413);
        // chunked: no Content-Length, so the limit is found while reading
        var chunked = HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(big));
        assertThat(post(AM, "Bearer " + TOKEN, chunked).statusCode()).isEqualTo(413);
        assertThat(post("/api/v1/alerts", "Bearer " + TOKEN, chunked).statusCode()).isEqualTo(413);
    }

    @Test
    void moreAlertsThanTheLimitIs400NamingTheLimit() throws Exception {
        String alert = "{\"name\":\"A\",\"status\":\"firing\"}";
        String body = "[" + String.join(",", java.util.Collections.nCopies(maxAlerts() + 1, alert)) + "]";
        HttpResponse<String> response = post("/api/v1/alerts", "Bearer " + TOKEN,
                HttpRequest.BodyPublishers.ofString(body));
        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.body()).contains("invalid-field", "more than the limit of " + maxAlerts());
    }

    @Test
    void noSecretReachesTheLog(CapturedOutput output) throws Exception {
        String body = Samples.string("alertmanager/firing-crashloop.json");
        // failed attempts, some of them with a real secret in the wrong place or scheme
        post(AM, "Bearer " + TOKEN + "x", HttpRequest.BodyPublishers.ofString(body));
        post(AM, "Bearer " + API_TOKEN, HttpRequest.BodyPublishers.ofString(body));
        post(AM, "Basic " + TOKEN, HttpRequest.BodyPublishers.ofString(body));
        post(AM, SecurityChecks.basic("ops", PASSWORD + "x"), HttpRequest.BodyPublishers.ofString(body));
        post(AM, SecurityChecks.basic("azure", AZURE_PASSWORD), HttpRequest.BodyPublishers.ofString(body));
        post("/api/v1/alerts", "Bearer " + TOKEN, HttpRequest.BodyPublishers.ofString("{\"token\":\"" + TOKEN + "\""));
        post(AM, "Bearer " + TOKEN, HttpRequest.BodyPublishers.ofString(body));
        post("/api/v1/unknown", "Bearer " + API_TOKEN + "0", HttpRequest.BodyPublishers.ofString(body));
        SecurityChecks.noSecretIn(output, SECRETS);
        assertThat(output.getAll()).contains("Refused a alertmanager webhook request");
    }

    /**
     * A few thousand generated hostile bodies (random bytes, deep nesting, huge numbers, wrong types, broken UTF-8,
     * enormous strings, mutated samples) on the three webhooks: every answer is 202, 400, 413 or 415, never a 5xx (the
     * broker is up), and every alert acknowledged with 202 is on Kafka.
     */
    @Test
    void hostileBodiesGetNo5xxAndNoAcceptedAlertIsLost() throws Exception {
        HostileBodies bodies = new HostileBodies(20261123L, List.of(
                Samples.string("alertmanager/firing-crashloop.json"),
                Samples.string("alertmanager/firing-group-3-alerts.json"),
                Samples.string("alertmanager/firing-group-mixed-resolved.json"),
                Samples.string("azure-monitor/metric-alert-fired.json"),
                Samples.string("azure-monitor/log-alert-v2-fired.json"),
                "[{\"name\":\"DiskAlmostFull\",\"status\":\"firing\",\"severity\":\"p2\",\"labels\":{\"namespace\":\"data\"}}]"),
                maxAlerts());
        List<String> paths = List.of(AM, "/api/v1/webhooks/azure-monitor", "/api/v1/alerts");
        int count = 3000;
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        Set<String> accepted = ConcurrentHashMap.newKeySet();
        List<String> unexpected = java.util.Collections.synchronizedList(new ArrayList<>());
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                byte[] body = bodies.next();
                String path = paths.get(i % paths.size());
                int n = i;
                futures.add(pool.submit(() -> {
                    HttpResponse<String> response = post(path, "Bearer " + TOKEN,
                            HttpRequest.BodyPublishers.ofByteArray(body));
                    statuses.computeIfAbsent(response.statusCode(), s -> new AtomicInteger()).incrementAndGet();
                    if (response.statusCode() == 202) {
                        for (JsonNode alert : Json.mapper().readTree(response.body()).get("alerts")) {
                            accepted.add(alert.get("eventId").asString());
                        }
                    } else if (!Set.of(400, 413, 415).contains(response.statusCode())) {
                        unexpected.add("#" + n + " " + path + " -> " + response.statusCode() + " "
                                + response.body().substring(0, Math.min(300, response.body().length())));
                    }
                    return null;
                }));
            }
            for (Future<?> future : futures) {
                future.get();
            }
        } finally {
            pool.shutdownNow();
        }
        System.out.println("hostile bodies: " + count + " sent, statuses " + statuses + ", " + accepted.size()
                + " alerts accepted");
        assertThat(unexpected).as("answers other than 202/400/413/415").isEmpty();
        assertThat(statuses.get(202)).as("some bodies are valid").isNotNull();
        assertThat(statuses.get(400)).as("most are refused").isNotNull();
        Set<String> onKafka = new HashSet<>(KafkaReadBack.readAllValues(brokers, Topics.ALERTS, AlertEvent.class)
                .stream().map(AlertEvent::eventId).toList());
        Set<String> lost = new HashSet<>(accepted);
        lost.removeAll(onKafka);
        assertThat(lost).as("accepted with 202 but not on Kafka").isEmpty();
    }
}
