package io.alertpilot.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.remediation.RemediationApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;

/**
 * The remediation service's security: credentials on every endpoint, no secret in the log, and hostile label values
 * that never become a namespace, a name or an API path (through the evaluate API, which plans with the same code as
 * the live path).
 */
@SpringBootTest(classes = RemediationApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "alertpilot.api.auth.tokens=" + RemediationSecurityIT.TOKEN,
            "alertpilot.api.auth.users.ops=" + RemediationSecurityIT.PASSWORD,
            "alertpilot.remediation.topics.partitions=2",
            "logging.level.org.apache.kafka=WARN",
            "logging.level.kafka=WARN",
            "logging.level.state.change.logger=WARN",
        })
@EmbeddedKafka(partitions = 2, topics = Topics.ALERTS)
@Import(EndpointProbe.Config.class)
@ExtendWith(OutputCaptureExtension.class)
class RemediationSecurityIT {

    static final String TOKEN = "remediation-secret-token-0d7e";
    static final String PASSWORD = "remediation-ops-password-3c2a";

    static final List<String> HOSTILE = List.of("../kube-system", "kube-system", "a/b", "%2e%2e", "%2e%2e%2fkube-system",
            "shop%2Fkube-system", "shop\nkube-system", "shop\r\nX-Injected: 1", "..", ".", "shop/../kube-system",
            "SHOP", "shop?watch=true", "shop#x", "shop;x", " shop", "shop ", "sh\u0000op", "ｓhop", "{{ labels.x }}",
            "-shop", "shop-", "a".repeat(64), "b".repeat(254), "kube-system.", "shop:8080", "\\..\\kube-system");

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyEndpointNeedsCredentialsExceptHealthAndMetrics() throws Exception {
        var endpoints = SecurityChecks.everyEndpointNeedsCredentials(context, port, List.of(
                "Bearer " + TOKEN.toUpperCase(), SecurityChecks.basic("ops", "wrong"), "Bearer " + TOKEN + " x"));
        assertThat(endpoints).extracting(EndpointProbe.Endpoint::pattern)
                .contains("/api/v1/playbooks", "/api/v1/playbooks/evaluate", "/api/v1/remediations/{id}/approve");
        SecurityChecks.healthAndMetricsAreOpen(port);
    }

    @Test
    void hostileLabelValuesNeverBecomeANamespaceOrAName() throws Exception {
        List<Map<String, Object>> alerts = new ArrayList<>();
        for (String namespace : HOSTILE) {
            alerts.add(alert(namespace, "checkout-api"));
        }
        for (String deployment : HOSTILE) {
            alerts.add(alert("shop", deployment));
        }
        alerts.add(alert("shop", "checkout-api"));
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("version", "4");
        body.put("status", "firing");
        body.put("receiver", "alertpilot");
        body.put("alerts", alerts);
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create("http://localhost:" + port + "/api/v1/playbooks/evaluate"))
                .header("Authorization", "Bearer " + TOKEN).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofString(Json.mapper().writeValueAsString(body))).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode evaluations = Json.mapper().readTree(response.body()).get("evaluations");
        assertThat(evaluations).hasSize(alerts.size());
        int planned = 0;
        for (JsonNode evaluation : evaluations) {
            if (evaluation.path("playbook").isNull()) {
                continue; // not matched (a label with a newline does not match ".+"): nothing is planned
            }
            assertThat(evaluation.path("playbook").asString()).isEqualTo("restart-crashlooping-pods");
            if (evaluation.path("refusal").isNull() || evaluation.path("refusal").isMissingNode()) {
                planned++;
                String namespace = evaluation.path("target").path("namespace").asString();
                String name = evaluation.path("target").path("name").asString();
                assertThat(namespace).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?").hasSizeLessThanOrEqualTo(63)
                        .isNotIn("kube-system");
                assertThat(name).matches("[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*");
            }
        }
        // the last alert is harmless and is planned, the hostile ones only when they are valid names
        assertThat(planned).isBetween(1, 4);
        assertThat(evaluations.get(evaluations.size() - 1).path("target").path("namespace").asString()).isEqualTo("shop");
    }

    private static Map<String, Object> alert(String namespace, String deployment) {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("status", "firing");
        alert.put("labels", Map.of("alertname", "KubePodCrashLooping", "severity", "critical",
                "namespace", namespace, "deployment", deployment));
        alert.put("annotations", Map.of("summary", "hostile"));
        alert.put("startsAt", "2026-11-23T08:00:00Z");
        alert.put("fingerprint", Long.toHexString(Math.abs((namespace + "/" + deployment).hashCode())));
        return alert;
    }

    @Test
    void noSecretReachesTheLog(CapturedOutput output) throws Exception {
        for (String authorization : List.of("Bearer " + TOKEN + "0", SecurityChecks.basic("ops", PASSWORD + "0"),
                "Basic " + PASSWORD, "Bearer " + PASSWORD)) {
            http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/remediations"))
                    .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.discarding());
        }
        http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/remediations"))
                .header("Authorization", "Bearer " + TOKEN).build(), HttpResponse.BodyHandlers.discarding());
        SecurityChecks.noSecretIn(output, List.of(TOKEN, PASSWORD));
        assertThat(output.getAll()).contains("Refused an API request");
    }
}
