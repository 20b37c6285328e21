package io.alertpilot.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.ingest.IngestApplication;
import io.alertpilot.testing.ApiClient;
import io.alertpilot.testing.ApiResponse;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * With no broker at all, every webhook call gets 503 with {@code Retry-After} within the publish timeout, never a
 * 2xx, and the readiness probe says DOWN.
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "alertpilot.ingest.auth.tokens=" + WebhookIngestContract.TOKEN,
            "alertpilot.ingest.publish-timeout=2s",
            "alertpilot.ingest.retry-after=7s",
            "spring.kafka.admin.auto-create=false",
            "logging.structured.format.console="
        })
class KafkaDownIT {

    @LocalServerPort
    int port;

    ApiClient http;

    @DynamicPropertySource
    static void noBroker(DynamicPropertyRegistry registry) {
        registry.add("spring.kafka.bootstrap-servers", () -> "127.0.0.1:" + closedPort());
    }

    @BeforeEach
    void connect() {
        http = ApiClient.at(port);
    }

    @Test
    void webhooksAnswer503WithRetryAfterWhenKafkaIsDown() {
        List<ApiResponse> responses = List.of(
                http.withToken("it-token").send("POST", WebhookIngestContract.AM, "application/json",
                        WebhookIngestContract.sample("alertmanager/firing-group-3-alerts.json")),
                http.withToken("it-token").send("POST", WebhookIngestContract.AZURE, "application/json",
                        WebhookIngestContract.sample("azure-monitor/metric-alert-fired.json")),
                http.withToken("it-token").send("POST", WebhookIngestContract.GENERIC, "application/json",
                        "[{\"name\":\"X\",\"status\":\"firing\"}]".getBytes(StandardCharsets.UTF_8)));

        assertThat(responses).allSatisfy(response -> {
            assertThat(response.status()).isEqualTo(503);
            assertThat(response.headers().firstValue("Retry-After")).hasValue("7");
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.json().path("reason").asString()).isEqualTo("kafka-unavailable");
        });
    }

    @Test
    void refusedBodyThatCannotBeKeptAlsoGets503SoTheSenderRetries() {
        ApiResponse response = http.withToken("it-token").send("POST", WebhookIngestContract.AM, "application/json",
                "not json".getBytes(StandardCharsets.UTF_8));

        assertThat(response.status()).isEqualTo(503);
        assertThat(response.headers().firstValue("Retry-After")).isPresent();
    }

    @Test
    void readinessIsDownAndLivenessUp() {
        assertThat(http.get("/actuator/health/readiness").status()).isEqualTo(503);
        assertThat(http.get("/actuator/health/liveness").status()).isEqualTo(200);
    }

    private static int closedPort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
