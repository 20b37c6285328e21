package io.alertpilot.reliability.security;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.notifier.NotifierApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The notifier's security: credentials on every endpoint (the PagerDuty webhook checks its signature), and no secret
 * (API token, PagerDuty routing key and webhook secret, Slack URL) in the log while pages fail and callers fail to
 * authenticate.
 */
@SpringBootTest(classes = NotifierApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "alertpilot.api.auth.tokens=" + NotifierSecurityIT.TOKEN,
            "alertpilot.notifier.topics.partitions=2",
            "alertpilot.notifier.tick-interval=100ms",
            "alertpilot.notifier.decision-window=0s",
            "alertpilot.notifier.delivery.max-attempts=2",
            "alertpilot.notifier.delivery.initial-backoff=10ms",
            "alertpilot.notifier.secrets.pagerduty.routing-keys.primary=" + NotifierSecurityIT.ROUTING_KEY,
            "alertpilot.notifier.secrets.pagerduty.webhook-secret=" + NotifierSecurityIT.WEBHOOK_SECRET,
            "spring.mail.host=127.0.0.1",
            "management.health.mail.enabled=false",
            "logging.level.org.apache.kafka=WARN",
            "logging.level.kafka=WARN",
            "logging.level.state.change.logger=WARN",
        })
@EmbeddedKafka(partitions = 2, topics = {Topics.ALERTS, Topics.REMEDIATIONS})
@Import(EndpointProbe.Config.class)
@ExtendWith(OutputCaptureExtension.class)
class NotifierSecurityIT {

    static final String TOKEN = "notifier-secret-token-91ab";
    static final String ROUTING_KEY = "5ecre7r0u7ingkey5ecre7r0u7ingkey";
    static final String WEBHOOK_SECRET = "pd-webhook-secret-e0f1";
    static final String SLACK_SECRET_PATH = "/services/T0SECRET/B0SECRET/slacksecretpart4d2c";

    static final WireMockServer WIREMOCK = new WireMockServer(options().dynamicPort());

    static {
        WIREMOCK.start();
        WIREMOCK.stubFor(com.github.tomakehurst.wiremock.client.WireMock.any(urlPathMatching("/.*"))
                .willReturn(aResponse().withStatus(500).withBody("failing on purpose")));
    }

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("alertpilot.notifier.channels.pagerduty-url", () -> WIREMOCK.baseUrl() + "/pagerduty/enqueue");
        registry.add("alertpilot.notifier.secrets.slack.urls.incidents", () -> WIREMOCK.baseUrl() + SLACK_SECRET_PATH);
        registry.add("alertpilot.notifier.secrets.slack.urls.alerts", () -> WIREMOCK.baseUrl() + SLACK_SECRET_PATH);
    }

    @AfterAll
    static void stop() {
        WIREMOCK.stop();
    }

    @LocalServerPort
    int port;

    @Autowired
    ApplicationContext context;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void everyEndpointNeedsCredentialsExceptHealthAndMetrics() throws Exception {
        var endpoints = SecurityChecks.everyEndpointNeedsCredentials(context, port, List.of(
                "Bearer " + TOKEN + "1", "Bearer " + WEBHOOK_SECRET, SecurityChecks.basic("admin", TOKEN)));
        assertThat(endpoints).extracting(EndpointProbe.Endpoint::pattern)
                .contains("/api/v1/incidents", "/api/v1/incidents/{id}/acknowledge", "/api/v1/webhooks/pagerduty");
        SecurityChecks.healthAndMetricsAreOpen(port);
    }

    @Test
    void noSecretReachesTheLogWhilePagesFailAndCallersFailToAuthenticate(CapturedOutput output) throws Exception {
        String fingerprint = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        AlertEvent critical = Alerts.firing("SecretScan", Map.of("namespace", "shop", "deployment", "checkout"))
                .fingerprint(fingerprint).severity(Severity.CRITICAL).build();
        AlertEvent high = Alerts.firing("SecretScanHigh", Map.of("namespace", "shop"))
                .fingerprint(fingerprint + "h").severity(Severity.HIGH).build();
        kafka.send(Topics.ALERTS, critical.fingerprint(), critical).get();
        kafka.send(Topics.ALERTS, high.fingerprint(), high).get();
        for (String authorization : List.of("Bearer " + TOKEN + "x", "Bearer " + ROUTING_KEY, "Basic " + TOKEN)) {
            http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/incidents"))
                    .header("Authorization", authorization).build(), HttpResponse.BodyHandlers.discarding());
        }
        http.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + "/api/v1/webhooks/pagerduty"))
                .header("X-PagerDuty-Signature", "v1=" + WEBHOOK_SECRET).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.discarding());
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            assertThat(WIREMOCK.findAll(postRequestedFor(urlPathMatching("/pagerduty/.*")))).isNotEmpty();
            assertThat(WIREMOCK.findAll(postRequestedFor(urlPathMatching("/services/.*")))).isNotEmpty();
            assertThat(output.getAll()).contains(fingerprint);
        });
        SecurityChecks.noSecretIn(output, List.of(TOKEN, ROUTING_KEY, WEBHOOK_SECRET, SLACK_SECRET_PATH,
                "slacksecretpart4d2c", WIREMOCK.baseUrl() + SLACK_SECRET_PATH));
    }
}
