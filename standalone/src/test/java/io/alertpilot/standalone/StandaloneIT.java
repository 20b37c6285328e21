package io.alertpilot.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.fixtures.Samples;
import io.alertpilot.model.incident.NotificationEvent;
import io.alertpilot.model.incident.NotificationOutcome;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.kafka.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.ContextConfiguration;

/**
 * The README's walk-through against the standalone application with its embedded broker: the crash-loop sample,
 * sent with the development token, lands on Kafka; a restart is PLANNED (dry run); the incident is listed and paged through the log channel; the
 * README's acknowledge stops escalation; health is UP; the metrics are exposed.
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"alertpilot.standalone.kafka.port=0", "alertpilot.notifier.decision-window=1s"})
@ContextConfiguration(initializers = EmbeddedKafkaInitializer.class)
class StandaloneIT {

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    private final HttpClient client = HttpClient.newHttpClient();

    @Test
    void readmeCrashLoopExampleIsPlannedPagedListedAndAcknowledged() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/api/v1/webhooks/alertmanager"))
                .timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + DevelopmentTokenWarning.DEVELOPMENT_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofByteArray(sample("alertmanager/firing-crashloop.json")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(202);
        String eventId = Json.mapper().readTree(response.body()).path("alerts").get(0).path("eventId").asString();

        try (KafkaConsumer<String, byte[]> consumer = consumer(Topics.ALERTS)) {
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().anyMatch(r -> eventId.equals(Json.read(r.value(), AlertEvent.class).eventId()));
            });
        }

        String fingerprint = "0c029c006d0ffce0";
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode remediations = Json.mapper().readTree(api("GET", "/api/v1/remediations").body());
            for (JsonNode remediation : remediations.isArray() ? remediations : remediations.path("remediations")) {
                if (remediation.toString().contains(fingerprint) && remediation.toString().contains("PLANNED")
                        && remediation.toString().contains("restart")) {
                    return true;
                }
            }
            return false;
        });
        try (KafkaConsumer<String, byte[]> consumer = consumer(Topics.NOTIFICATIONS)) {
            List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
                return seen.stream().map(r -> Json.read(r.value(), NotificationEvent.class)).anyMatch(n ->
                        n.incidentId().equals(fingerprint) && n.channel().equals("log")
                                && n.outcome() == NotificationOutcome.DELIVERED);
            });
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                api("GET", "/api/v1/incidents?state=ESCALATED").body().contains(fingerprint));

        HttpResponse<String> acknowledged = api("POST", "/api/v1/incidents/" + fingerprint + "/acknowledge");
        assertThat(acknowledged.statusCode()).as(acknowledged.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(acknowledged.body()).path("state").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(api("GET", "/api/v1/incidents/" + fingerprint).body()).contains("ACKNOWLEDGED");
        assertThat(api("GET", "/api/v1/incidents").statusCode()).isEqualTo(200);

        assertThat(get("/actuator/health").body()).contains("\"status\":\"UP\"").contains("\"kafka\"");
        assertThat(get("/actuator/prometheus").body())
                .containsPattern("alertpilot_ingest_alerts_total\\{[^}]*source=\"alertmanager\"[^}]*status=\"firing\"[^}]*} 1");
    }

    @Test
    void apiWithoutTheTokenIsRefused() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/api/v1/incidents")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    @Test
    void webhookWithoutTheTokenIsRefused() throws Exception {
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(uri("/api/v1/webhooks/alertmanager"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(sample("alertmanager/firing-crashloop.json")))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).isEqualTo(401);
    }

    private KafkaConsumer<String, byte[]> consumer(String topic) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, brokers,
                ConsumerConfig.GROUP_ID_CONFIG, "standalone-it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
        return consumer;
    }

    private HttpResponse<String> api(String method, String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + DevelopmentTokenWarning.DEVELOPMENT_TOKEN)
                .header("Content-Type", "application/json")
                .method(method, method.equals("GET") ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString("{\"by\": \"standalone-it\"}"))
                .build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return client.send(HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static byte[] sample(String name) {
        return Samples.bytes(name);
    }
}
