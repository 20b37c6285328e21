package io.alertpilot.standalone;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.fixtures.Samples;
import io.alertpilot.model.incident.NotificationEvent;
import io.alertpilot.model.incident.NotificationOutcome;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.testing.ApiClient;
import io.alertpilot.testing.ApiResponse;
import io.alertpilot.testing.KafkaReadBack;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
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
 * README's acknowledge stops escalation; health is UP (its components, the breakers of both services among them, shown
 * to the token only); the metrics are
 * exposed; nothing listens beyond loopback.
 */
@SpringBootTest(classes = StandaloneApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"alertpilot.standalone.kafka.port=0", "alertpilot.notifier.decision-window=1s",
                "alertpilot.standalone.data-dir=target/it-data/${random.uuid}"})
@ContextConfiguration(initializers = {DevelopmentTokenAddress.class, EmbeddedKafkaInitializer.class})
class StandaloneIT {

    @LocalServerPort
    int port;

    @Value("${spring.kafka.bootstrap-servers}")
    String brokers;

    @Test
    void readmeCrashLoopExampleIsPlannedPagedListedAndAcknowledged() throws Exception {
        ApiClient api = ApiClient.at(port).withToken(DevelopmentTokenWarning.DEVELOPMENT_TOKEN);
        ApiResponse response = api.post("/api/v1/webhooks/alertmanager",
                Samples.bytes("alertmanager/firing-crashloop.json"));
        assertThat(response.status()).as(response.toString()).isEqualTo(202);
        String eventId = response.json().path("alerts").get(0).path("eventId").asString();

        try (var alerts = KafkaReadBack.open(brokers, Topics.ALERTS, AlertEvent.class)) {
            alerts.awaitValue(alert -> eventId.equals(alert.eventId()));
        }

        String fingerprint = "0c029c006d0ffce0";
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            JsonNode remediations = api.get("/api/v1/remediations").json();
            for (JsonNode remediation : remediations.path("items")) {
                if (remediation.toString().contains(fingerprint) && remediation.toString().contains("PLANNED")
                        && remediation.toString().contains("restart")) {
                    return true;
                }
            }
            return false;
        });
        try (var notifications = KafkaReadBack.open(brokers, Topics.NOTIFICATIONS, NotificationEvent.class)
                .within(Duration.ofSeconds(60))) {
            notifications.awaitValue(n -> n.incidentId().equals(fingerprint) && n.channel().equals("log")
                    && n.outcome() == NotificationOutcome.DELIVERED);
        }
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() ->
                api.get("/api/v1/incidents?state=ESCALATED").body().contains(fingerprint));

        ApiResponse acknowledged = api.post("/api/v1/incidents/" + fingerprint + "/acknowledge",
                Map.of("by", "standalone-it"));
        // 200 with the incident, or 202 when a rebalance of the notifier's group has just moved the incident's
        // partition away for a moment: the command is then forwarded and applied by the owner
        assertThat(acknowledged.status()).as(acknowledged.toString()).isIn(200, 202);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> "ACKNOWLEDGED".equals(
                api.get("/api/v1/incidents/" + fingerprint).json().path("state").asString()));
        assertThat(api.get("/api/v1/incidents/" + fingerprint).json().path("acknowledgedBy").asString())
                .as("the authenticated user, not the body's by").isEqualTo("api");
        assertThat(api.get("/api/v1/incidents").status()).isEqualTo(200);

        ApiClient anonymous = api.withoutToken();
        assertThat(anonymous.get("/actuator/health").body()).contains("\"status\":\"UP\"")
                .as("components are for an authenticated caller").doesNotContain("components", "kafka");
        JsonNode components = api.get("/actuator/health").json().path("components");
        assertThat(components.path("kafka").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("channelBreakers").path("status").asString()).isEqualTo("UP");
        assertThat(components.path("channelBreakers").path("details").path("log").asString()).isEqualTo("CLOSED");
        assertThat(components.path("kubernetesBreakers").path("status").asString())
                .as("no cluster in standalone's dry run: no breaker, still UP").isEqualTo("UP");
        assertThat(anonymous.get("/actuator/prometheus").body())
                .containsPattern("alertpilot_ingest_alerts_total\\{[^}]*source=\"alertmanager\"[^}]*status=\"firing\"[^}]*} 1");
    }

    @Test
    void theMaintenanceWindowTopicIsCreatedAsDeclaredWithOnePartitionNotByAnEarlyRead() throws Exception {
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, brokers))) {
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> admin.listTopics().names().get()
                    .contains(Topics.MAINTENANCE_WINDOWS));
            assertThat(admin.describeTopics(java.util.List.of(Topics.MAINTENANCE_WINDOWS)).allTopicNames().get()
                    .get(Topics.MAINTENANCE_WINDOWS).partitions()).hasSize(1);
        }
    }

    @Test
    void withTheDevelopmentTokenHttpAndKafkaListenOnLoopbackOnly() throws Exception {
        InetAddress outside = LoopbackOnly.nonLoopbackAddress();

        assertThat(ApiClient.at(port).get("/actuator/health").status()).isEqualTo(200);
        LoopbackOnly.assertRefused(outside, port);
        for (String broker : brokers.split(",")) {
            int brokerPort = Integer.parseInt(broker.substring(broker.lastIndexOf(':') + 1));
            LoopbackOnly.assertRefused(outside, brokerPort);
        }
    }

    @Test
    void apiWithoutTheTokenIsRefused() {
        assertThat(ApiClient.at(port).get("/api/v1/incidents").status()).isEqualTo(401);
    }

    @Test
    void webhookWithoutTheTokenIsRefused() {
        ApiResponse response = ApiClient.at(port).post("/api/v1/webhooks/alertmanager",
                Samples.bytes("alertmanager/firing-crashloop.json"));
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void theConsoleIsServedBesideTheApisWhichKeepTheirOwnAuthentication() {
        ApiResponse home = ApiClient.at(port).get("/");
        assertThat(home.status()).as(home.toString()).isEqualTo(302);
        ApiResponse login = ApiClient.at(port).get("/login");
        assertThat(login.status()).isEqualTo(200);
        assertThat(login.body()).contains("id=\"login-form\"");
        ApiResponse api = ApiClient.at(port).withToken(DevelopmentTokenWarning.DEVELOPMENT_TOKEN)
                .get("/api/v1/incidents");
        assertThat(api.status()).as(api.toString()).isEqualTo(200);
    }
}
