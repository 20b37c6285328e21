package io.alertpilot.notifier.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import com.icegreen.greenmail.junit5.GreenMailExtension;
import com.icegreen.greenmail.util.ServerSetup;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.NotificationEvent;
import io.alertpilot.model.incident.NotificationOutcome;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.WindowMatcher;
import io.alertpilot.model.remediation.Diagnosis;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.notifier.NotifierApplication;
import io.alertpilot.notifier.incident.IncidentService;
import io.alertpilot.notifier.incident.PagerDutySignature;
import io.alertpilot.notifier.testing.Events;
import io.alertpilot.support.maintenance.KafkaMaintenanceWindows;
import io.alertpilot.testing.ApiClient;
import io.alertpilot.testing.ApiResponse;
import io.alertpilot.testing.KafkaReadBack;
import io.alertpilot.testing.TestClock;
import io.alertpilot.testing.TopicConfigs;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The notifier end to end in one Spring context: the in-JVM Kafka broker, WireMock as PagerDuty, Opsgenie, Slack,
 * Teams and a generic webhook, GreenMail as the SMTP server, and a test clock that the tests move (the ticker runs
 * every 100 ms, so a step fires as soon as the clock says it is due). Each test uses its own fingerprint.
 */
@SpringBootTest(classes = {NotifierApplication.class, NotifierIT.ClockConfiguration.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "alertpilot.api.auth.tokens=it-token",
                "alertpilot.api.users.vic.token=vic-token",
                "alertpilot.api.users.vic.roles=viewer",
                "alertpilot.api.users.rita.password=rita-password",
                "alertpilot.api.users.rita.roles=viewer,responder",
                "alertpilot.notifier.topics.partitions=3",
                "alertpilot.notifier.tick-interval=100ms",
                "alertpilot.notifier.policies.directory=src/test/resources/it-policies",
                "alertpilot.notifier.delivery.max-attempts=3",
                "alertpilot.notifier.delivery.initial-backoff=10ms",
                "alertpilot.notifier.delivery.breaker-window=3",
                "alertpilot.notifier.delivery.breaker-minimum-calls=3",
                "alertpilot.notifier.delivery.breaker-open-for=10m",
                "alertpilot.notifier.secrets.pagerduty.routing-keys.primary=" + NotifierIT.PRIMARY_KEY,
                "alertpilot.notifier.secrets.pagerduty.routing-keys.secondary=" + NotifierIT.SECONDARY_KEY,
                "alertpilot.notifier.secrets.pagerduty.routing-keys.manager=cccccccccccccccccccccccccccccccc",
                "alertpilot.notifier.secrets.pagerduty.webhook-secret=" + NotifierIT.WEBHOOK_SECRET,
                "alertpilot.notifier.secrets.opsgenie.api-key=it-genie-key",
                "spring.mail.host=127.0.0.1",
                "alertpilot.notifier.links.console-url=https://console.it.example",
                "alertpilot.notifier.links.api-url=https://alertpilot.it.example",
                "logging.structured.format.console=",
                "logging.level.org.apache.kafka=WARN",
                "logging.level.kafka=WARN",
                "logging.level.state.change.logger=WARN",
        })
@EmbeddedKafka(partitions = 3, topics = {Topics.ALERTS, Topics.REMEDIATIONS})
class NotifierIT {

    static final String PRIMARY_KEY = "0123456789abcdef0123456789abcdef";
    static final String SECONDARY_KEY = "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb";
    static final String WEBHOOK_SECRET = "it-webhook-secret";
    static final Duration WINDOW = Duration.ofSeconds(30);

    static final WireMockServer WIREMOCK = new WireMockServer(options().dynamicPort());
    static final int SMTP_PORT = freePort();

    @RegisterExtension
    static final GreenMailExtension GREENMAIL = new GreenMailExtension(
            new ServerSetup(SMTP_PORT, "127.0.0.1", ServerSetup.PROTOCOL_SMTP)).withPerMethodLifecycle(false);

    static {
        WIREMOCK.start();
        WIREMOCK.stubFor(post("/pagerduty/enqueue").willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"message\":\"Event processed\"}")));
        WIREMOCK.stubFor(post(urlPathMatching("/opsgenie/v2/alerts.*")).willReturn(aResponse().withStatus(202)
                .withBody("{\"result\":\"Request will be processed\",\"took\":0.1,\"requestId\":\"r\"}")));
        for (String hook : List.of("incidents", "alerts", "all", "fallback")) {
            WIREMOCK.stubFor(post("/slack/" + hook).willReturn(aResponse().withStatus(200).withBody("ok")));
        }
        WIREMOCK.stubFor(post("/slack/rate-limited").inScenario("rate limit")
                .whenScenarioStateIs(Scenario.STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1").withBody("rate_limited"))
                .willSetStateTo("after the limit"));
        WIREMOCK.stubFor(post("/slack/rate-limited").inScenario("rate limit")
                .whenScenarioStateIs("after the limit")
                .willReturn(aResponse().withStatus(200).withBody("ok")));
        WIREMOCK.stubFor(post("/teams/all").willReturn(aResponse().withStatus(202)));
        WIREMOCK.stubFor(post("/hooks/flaky").willReturn(aResponse().withStatus(503).withBody("unavailable")));
    }

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        String base = WIREMOCK.baseUrl();
        registry.add("alertpilot.notifier.channels.pagerduty-url", () -> base + "/pagerduty/enqueue");
        registry.add("alertpilot.notifier.channels.opsgenie-url", () -> base + "/opsgenie");
        for (String hook : List.of("incidents", "alerts", "all", "fallback", "rate-limited")) {
            registry.add("alertpilot.notifier.secrets.slack.urls." + hook, () -> base + "/slack/" + hook);
        }
        registry.add("alertpilot.notifier.secrets.teams.urls.all", () -> base + "/teams/all");
        registry.add("alertpilot.notifier.secrets.webhook.urls.flaky", () -> base + "/hooks/flaky");
        registry.add("spring.mail.port", () -> SMTP_PORT);
    }

    @AfterAll
    static void stopWireMock() {
        WIREMOCK.stop();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class ClockConfiguration {

        @Bean
        TestClock clock() {
            return new TestClock();
        }
    }

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    IncidentService incidents;

    @Autowired
    KafkaMaintenanceWindows maintenanceWindows;

    @Autowired
    Clock clock;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @LocalServerPort
    int port;


    // ------------------------------------------------------------------ helpers

    private TestClock testClock() {
        return (TestClock) clock;
    }

    private static String fingerprint() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 16);
    }

    private AlertEvent fire(String fp, Severity severity, String team) throws Exception {
        AlertEvent alert = Events.alert(fp, "KubePodCrashLooping", severity, AlertStatus.FIRING, clock.instant(),
                Map.of("alertname", "KubePodCrashLooping", "namespace", "shop", "team", team));
        kafka.send(Topics.ALERTS, fp, alert).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(15)).until(() -> incidents.get(fp).isPresent());
        return alert;
    }

    private void resolveAlert(String fp) throws Exception {
        AlertEvent alert = Events.alert(fp, "KubePodCrashLooping", Severity.CRITICAL, AlertStatus.RESOLVED,
                clock.instant().plusMillis(1), Map.of("alertname", "KubePodCrashLooping", "team", "shop"));
        kafka.send(Topics.ALERTS, fp, alert).get(10, TimeUnit.SECONDS);
    }

    private void remediation(RemediationEvent event) throws Exception {
        kafka.send(Topics.REMEDIATIONS, event.key(), event).get(10, TimeUnit.SECONDS);
    }

    private Incident incident(String fp) {
        return incidents.get(fp).orElseThrow();
    }

    private static List<LoggedRequest> pagerDuty(String fp, String action, String routingKey) {
        return WIREMOCK.findAll(postRequestedFor(urlEqualTo("/pagerduty/enqueue"))
                .withRequestBody(matchingJsonPath("$.dedup_key", equalTo("alertmanager:" + fp)))
                .withRequestBody(matchingJsonPath("$.event_action", equalTo(action)))
                .withRequestBody(matchingJsonPath("$.routing_key", equalTo(routingKey))));
    }

    private static List<LoggedRequest> pagerDutyTriggers(String fp) {
        return WIREMOCK.findAll(postRequestedFor(urlEqualTo("/pagerduty/enqueue"))
                .withRequestBody(matchingJsonPath("$.dedup_key", equalTo("alertmanager:" + fp)))
                .withRequestBody(matchingJsonPath("$.event_action", equalTo("trigger"))));
    }

    private static List<LoggedRequest> requestsTo(String path, String fingerprint) {
        return WIREMOCK.findAll(postRequestedFor(urlEqualTo(path))).stream()
                .filter(request -> request.getBodyAsString().contains(fingerprint)).toList();
    }

    private void escalateUnhandled(String fp) {
        testClock().advance(WINDOW);
        await().atMost(Duration.ofSeconds(15)).until(() -> pagerDuty(fp, "trigger", PRIMARY_KEY).size() == 1);
    }

    private ApiResponse call(String path, String body, Map<String, String> headers) {
        ApiClient api = ApiClient.at(port);
        for (Map.Entry<String, String> header : headers.entrySet()) {
            api = api.withHeader(header.getKey(), header.getValue());
        }
        return api.post(path, body);
    }

    private List<NotificationEvent> notifications(String fp) {
        return KafkaReadBack.readAll(brokers, Topics.NOTIFICATIONS, NotificationEvent.class).stream()
                .filter(record -> fp.equals(record.key())).map(ConsumerRecord::value).toList();
    }

    // ------------------------------------------------------------------ tests

    /** A window without paging on the label {@code change=<fp>}, from now for an hour. */
    private void holdPagesOf(String fp) {
        maintenanceWindows.create(new MaintenanceWindow("w-" + fp, List.of(WindowMatcher.equal("change", fp)),
                clock.instant(), clock.instant().plus(Duration.ofHours(1)), null, false, false, "change " + fp, "it",
                clock.instant(), null, null));
    }

    /** Fires an alert the window of {@link #holdPagesOf} covers and lets its decision window pass: escalated, held. */
    private void escalateHeld(String fp) throws Exception {
        holdPagesOf(fp);
        AlertEvent alert = Events.alert(fp, "KubePodCrashLooping", Severity.CRITICAL, AlertStatus.FIRING,
                clock.instant(), Map.of("alertname", "KubePodCrashLooping", "team", "shop", "change", fp));
        kafka.send(Topics.ALERTS, fp, alert).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(15)).until(() -> incidents.get(fp).isPresent());
        testClock().advance(WINDOW);
        await().atMost(Duration.ofSeconds(15)).until(() -> incident(fp).state() == IncidentState.ESCALATED);
    }

    @Test
    void itsTopicsKeepTheReadModelsHistoryAndItIsReadyOnceItsReadModelHasReadThem() {
        assertThat(TopicConfigs.read(brokers, Topics.INCIDENTS)).containsEntry("cleanup.policy", "compact")
                .containsEntry("min.compaction.lag.ms", Topics.HISTORY_MS);
        assertThat(TopicConfigs.read(brokers, Topics.NOTIFICATIONS)).containsEntry("retention.ms", Topics.HISTORY_MS);
        assertThat(TopicConfigs.read(brokers, Topics.MAINTENANCE_EVENTS))
                .containsEntry("retention.ms", Topics.HISTORY_MS);

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(ApiClient.at(port).withToken("it-token")
                .get("/actuator/health/readiness").json().path("components").path("readModel").path("status")
                .asString()).isEqualTo("UP"));
    }

    @Test
    void aWindowWithoutPagingHoldsThePageAndSendsItWhenTheWindowEndsIfStillFiring() throws Exception {
        String fp = fingerprint();
        escalateHeld(fp);
        assertThat(incident(fp).step()).as("no step decided while held").isEqualTo(-1);
        assertThat(incident(fp).paged()).isEmpty();
        testClock().advance(Duration.ofMinutes(30));
        incidents.tick();
        assertThat(incident(fp).step()).isEqualTo(-1);

        testClock().advance(Duration.ofMinutes(30));
        await().atMost(Duration.ofSeconds(15)).until(() -> pagerDuty(fp, "trigger", PRIMARY_KEY).size() == 1);
        assertThat(pagerDutyTriggers(fp)).as("the held step only, not every step due since").hasSize(1);
    }

    @Test
    void aPageHeldByAWindowIsNotSentWhenTheIncidentResolvedBeforeTheWindowEnded() throws Exception {
        String fp = fingerprint();
        escalateHeld(fp);

        resolveAlert(fp);
        await().atMost(Duration.ofSeconds(15)).until(() -> incident(fp).state() == IncidentState.RESOLVED);
        testClock().advance(Duration.ofHours(2));
        incidents.tick();
        assertThat(incident(fp).step()).isEqualTo(-1);
        assertThat(incident(fp).nextEscalationAt()).isNull();
        assertThat(pagerDutyTriggers(fp)).isEmpty();
    }

    @Test
    void unhandledCriticalAlertPagesPrimaryThenSecondaryAfterTheStepDelayAndResolvesBoth() throws Exception {
        String fp = fingerprint();
        fire(fp, Severity.CRITICAL, "shop");
        assertThat(incident(fp).state()).isEqualTo(IncidentState.TRIGGERED);
        assertThat(incidents.tick()).isZero();

        escalateUnhandled(fp);
        var trigger = Json.mapper().readTree(pagerDuty(fp, "trigger", PRIMARY_KEY).getFirst().getBodyAsString());
        assertThat(trigger.path("routing_key").asString()).isEqualTo(PRIMARY_KEY);
        assertThat(trigger.path("dedup_key").asString()).isEqualTo("alertmanager:" + fp);
        var payload = trigger.path("payload");
        assertThat(payload.path("summary").asString()).isEqualTo(
                "[critical] KubePodCrashLooping: checkout-api keeps restarting in shop/checkout-api-7d9f8b6c5d-x2x4q");
        assertThat(payload.path("source").asString()).isEqualTo("aks-shop-prod-weu/shop/checkout-api-7d9f8b6c5d-x2x4q");
        assertThat(payload.path("severity").asString()).isEqualTo("critical");
        assertThat(payload.path("component").asString()).isEqualTo("checkout-api");
        assertThat(payload.path("group").asString()).isEqualTo("shop");
        assertThat(payload.path("class").asString()).isEqualTo("KubePodCrashLooping");
        assertThat(payload.path("timestamp").asString()).isEqualTo("2026-11-23T07:58:12.512Z");
        assertThat(payload.path("custom_details").path("fingerprint").asString()).isEqualTo(fp);
        assertThat(trigger.path("links").get(0).path("href").asString())
                .isEqualTo("https://runbooks.shop.example.com/kubernetes/pod-crash-looping");
        assertThat(incident(fp).state()).isEqualTo(IncidentState.ESCALATED);

        testClock().advance(Duration.ofMinutes(5).minusSeconds(1));
        incidents.tick();
        assertThat(pagerDuty(fp, "trigger", SECONDARY_KEY)).isEmpty();
        testClock().advance(Duration.ofSeconds(1));
        await().atMost(Duration.ofSeconds(15)).until(() -> pagerDuty(fp, "trigger", SECONDARY_KEY).size() == 1);
        assertThat(pagerDuty(fp, "trigger", PRIMARY_KEY)).hasSize(1);

        resolveAlert(fp);
        await().atMost(Duration.ofSeconds(15)).until(() -> pagerDuty(fp, "resolve", PRIMARY_KEY).size() == 1
                && pagerDuty(fp, "resolve", SECONDARY_KEY).size() == 1);
        assertThat(incident(fp).state()).isEqualTo(IncidentState.RESOLVED);
        var resolve = Json.mapper().readTree(pagerDuty(fp, "resolve", PRIMARY_KEY).getFirst().getBodyAsString());
        assertThat(resolve.propertyNames()).containsExactlyInAnyOrder("routing_key", "event_action", "dedup_key");
        assertThat(pagerDutyTriggers(fp)).hasSize(2);

        List<NotificationEvent> audit = notifications(fp);
        assertThat(audit).extracting(NotificationEvent::action, NotificationEvent::recipient,
                NotificationEvent::outcome).contains(
                        org.assertj.core.groups.Tuple.tuple("trigger", "primary", NotificationOutcome.DELIVERED),
                        org.assertj.core.groups.Tuple.tuple("trigger", "secondary", NotificationOutcome.DELIVERED),
                        org.assertj.core.groups.Tuple.tuple("resolve", "primary", NotificationOutcome.DELIVERED));
    }

    @Test
    void acknowledgingThroughTheApiStopsFurtherPages() throws Exception {
        String fp = fingerprint();
        fire(fp, Severity.CRITICAL, "shop");
        escalateUnhandled(fp);

        assertThat(call("/api/v1/incidents/" + fp + "/acknowledge", "{}", Map.of()).status()).isEqualTo(401);
        ApiResponse refused = ApiClient.at(port).withToken("vic-token")
                .post("/api/v1/incidents/" + fp + "/acknowledge", Map.of("by", "vic"));
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("role").asString()).isEqualTo("responder");
        assertThat(refused.problem().detail())
                .isEqualTo("user vic lacks role responder for POST /api/v1/incidents/" + fp + "/acknowledge");
        assertThat(incident(fp).state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(incident(fp).acknowledgedBy()).isNull();

        ApiResponse ack = ApiClient.at(port).withBasic("rita", "rita-password")
                .post("/api/v1/incidents/" + fp + "/acknowledge", Map.of("by", "alice"));
        assertThat(ack.status()).isEqualTo(200);
        assertThat(Json.mapper().readTree(ack.body()).path("state").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(ApiClient.at(port).withToken("vic-token").get("/api/v1/incidents/" + fp).json()
                .path("acknowledgedBy").asString()).as("whatever the body says").isEqualTo("rita");
        try (var onKafka = KafkaReadBack.open(brokers, Topics.INCIDENTS, Incident.class)) {
            assertThat(onKafka.awaitValue(i -> i.id().equals(fp) && i.state() == IncidentState.ACKNOWLEDGED)
                    .acknowledgedBy()).isEqualTo("rita");
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> pagerDuty(fp, "acknowledge", PRIMARY_KEY).size() == 1);

        testClock().advance(Duration.ofHours(1));
        incidents.tick();
        assertThat(incident(fp).state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(incident(fp).nextEscalationAt()).isNull();
        assertThat(pagerDutyTriggers(fp)).hasSize(1);

        ApiResponse list = ApiClient.at(port).withToken("it-token").get("/api/v1/incidents?state=acknowledged");
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("items").findValuesAsString("id")).contains(fp);
    }

    @Test
    void theIncidentListIsItemsAndTotalFilteredAndCountsStepsAsPagesDo() throws Exception {
        String fp = fingerprint();
        fire(fp, Severity.CRITICAL, "shop");
        escalateUnhandled(fp);
        ApiClient api = ApiClient.at(port).withToken("vic-token");

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            var list = api.get("/api/v1/incidents?state=escalated&severity=critical&q=" + fp).json();
            assertThat(list.path("items").findValuesAsString("id")).containsExactly(fp);
            assertThat(list.path("total").asLong()).isEqualTo(1);
            assertThat(list.path("items").get(0).path("step").asInt()).as("the first step, as the page says it")
                    .isEqualTo(1);
        });
        assertThat(incident(fp).step()).as("the stored incident counts from 0").isZero();
        assertThat(api.get("/api/v1/incidents/" + fp).json().path("step").asInt()).isEqualTo(1);
        assertThat(api.get("/api/v1/incidents?state=resolved&q=" + fp).json().path("items").size()).isZero();
        assertThat(api.get("/api/v1/incidents?limit=1").json().path("items").size()).isEqualTo(1);

        for (String bad : List.of("state=sleeping", "severity=apocalyptic", "limit=0", "limit=1001", "limit=ten")) {
            ApiResponse refused = api.get("/api/v1/incidents?" + bad);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.header("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.json().path("field").asString()).isEqualTo(bad.substring(0, bad.indexOf('=')));
        }
    }

    @Test
    void acknowledgingOrResolvingAnUnknownIncidentIsNotFoundAndAKnownOneIsResolved() throws Exception {
        for (String action : List.of("acknowledge", "resolve")) {
            ApiResponse unknown = call("/api/v1/incidents/no-such-incident/" + action, "{\"by\":\"alice\"}",
                    Map.of("Authorization", "Bearer it-token"));
            assertThat(unknown.status()).isEqualTo(404);
            assertThat(unknown.header("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            var problem = Json.mapper().readTree(unknown.body());
            assertThat(problem.path("reason").asString()).isEqualTo("unknown-incident");
            assertThat(problem.path("detail").asString()).isEqualTo("no incident no-such-incident");
        }
        assertThat(incidents.get("no-such-incident")).isEmpty();

        String fp = fingerprint();
        fire(fp, Severity.CRITICAL, "shop");
        await().atMost(Duration.ofSeconds(15)).until(() -> incidents.get(fp).isPresent());
        assertThat(ApiClient.at(port).withToken("vic-token").post("/api/v1/incidents/" + fp + "/resolve", "{}")
                .status()).isEqualTo(403);
        ApiResponse resolved = ApiClient.at(port).withBasic("rita", "rita-password")
                .post("/api/v1/incidents/" + fp + "/resolve", Map.of("by", "alice"));
        assertThat(resolved.status()).isEqualTo(200);
        assertThat(Json.mapper().readTree(resolved.body()).path("state").asString()).isEqualTo("RESOLVED");
        assertThat(incident(fp).resolvedBy()).isEqualTo("api:rita");
        try (var onKafka = KafkaReadBack.open(brokers, Topics.INCIDENTS, Incident.class)) {
            assertThat(onKafka.awaitValue(i -> i.id().equals(fp) && i.state() == IncidentState.RESOLVED)
                    .resolvedBy()).isEqualTo("api:rita");
        }
    }

    @Test
    void acknowledgingInPagerDutyStopsFurtherPages() throws Exception {
        String fp = fingerprint();
        fire(fp, Severity.CRITICAL, "shop");
        escalateUnhandled(fp);

        String body = """
                {"event":{"id":"01DEN6L1CHYVKHYMFRMCPEQTI5","event_type":"incident.acknowledged",
                "resource_type":"incident","occurred_at":"2026-11-23T08:01:00.000Z",
                "agent":{"id":"PLH1HKV","summary":"Alice Oncall","type":"user_reference"},
                "data":{"id":"PGR0VU2","type":"incident","status":"acknowledged","incident_key":"alertmanager:%s",
                "title":"KubePodCrashLooping"}}}""".formatted(fp);
        String signature = new PagerDutySignature(WEBHOOK_SECRET).sign(body.getBytes(StandardCharsets.UTF_8));
        assertThat(call("/api/v1/webhooks/pagerduty", body,
                Map.of("X-PagerDuty-Signature", "v1=" + "0".repeat(64))).status()).isEqualTo(401);
        assertThat(incident(fp).state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(call("/api/v1/webhooks/pagerduty", body,
                Map.of("X-PagerDuty-Signature", "v1=deadbeef, " + signature)).status()).isEqualTo(202);
        assertThat(incident(fp).state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(incident(fp).acknowledgedBy()).isEqualTo("Alice Oncall");

        testClock().advance(Duration.ofHours(1));
        incidents.tick();
        assertThat(pagerDutyTriggers(fp)).hasSize(1);
        assertThat(pagerDuty(fp, "acknowledge", PRIMARY_KEY)).isEmpty();
    }

    @Test
    void aHandledAlertWhoseRemediationIsVerifiedPagesNobody() throws Exception {
        String fp = fingerprint();
        fire(fp, Severity.CRITICAL, "shop");
        remediation(Events.remediation(fp, RemediationPhase.PLANNED, clock.instant()));
        remediation(Events.remediation(fp, RemediationPhase.STARTED, clock.instant()));
        await().atMost(Duration.ofSeconds(15)).until(() -> incident(fp).state() == IncidentState.REMEDIATING);
        testClock().advance(WINDOW.plusSeconds(5));
        incidents.tick();
        remediation(Events.remediation(fp, RemediationPhase.SUCCEEDED, clock.instant()));
        remediation(Events.remediation(fp, RemediationPhase.VERIFIED, clock.instant()));
        await().atMost(Duration.ofSeconds(15)).until(() -> incident(fp).state() == IncidentState.REMEDIATED);
        resolveAlert(fp);
        await().atMost(Duration.ofSeconds(15)).until(() -> incident(fp).state() == IncidentState.RESOLVED);

        // the shipped critical policy informs #incidents once, and pages nobody
        await().atMost(Duration.ofSeconds(15)).until(() -> requestsTo("/slack/incidents", fp).size() == 1);
        assertThat(requestsTo("/slack/incidents", fp).getFirst().getBodyAsString()).contains("REMEDIATED");
        assertThat(WIREMOCK.findAll(postRequestedFor(urlEqualTo("/pagerduty/enqueue"))
                .withRequestBody(matchingJsonPath("$.dedup_key", equalTo("alertmanager:" + fp))))).isEmpty();
        assertThat(notifications(fp)).extracting(NotificationEvent::action).containsOnly("info");
    }

    @Test
    void aFailedRemediationPagesAtOnce() throws Exception {
        String fp = fingerprint();
        fire(fp, Severity.CRITICAL, "shop");
        remediation(Events.remediation(fp, RemediationPhase.STARTED, clock.instant()));
        await().atMost(Duration.ofSeconds(15)).until(() -> incident(fp).state() == IncidentState.REMEDIATING);
        remediation(Events.remediation(fp, RemediationPhase.FAILED, clock.instant()));
        await().atMost(Duration.ofSeconds(15)).until(() -> pagerDuty(fp, "trigger", PRIMARY_KEY).size() == 1);
        assertThat(incident(fp).state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(incident(fp).lastRemediation()).startsWith("FAILED");
    }

    @Test
    void aFailedRemediationsDiagnosisTravelsWithThePageAndStaysOnTheIncident() throws Exception {
        String fp = fingerprint();
        fire(fp, Severity.CRITICAL, "shop");
        RemediationEvent failed = Events.remediation(fp, RemediationPhase.FAILED, clock.instant());
        Diagnosis diagnosis = new Diagnosis(
                List.of(new Diagnosis.PodState("checkout-api-x2x4q", "Running", false, 7, "CrashLoopBackOff, OOMKilled",
                        "aks-node-3")),
                List.of("Pod/checkout-api-x2x4q BackOff: Back-off restarting failed container"),
                "checkout-api-x2x4q/app", List.of("connecting with [REDACTED]", "java.lang.OutOfMemoryError"),
                List.of("revision 4: shop/checkout-api:1.4.2"), List.of(), clock.instant());
        remediation(new RemediationEvent(failed.schemaVersion(), failed.eventId(), failed.remediationId(),
                failed.alertEventId(), fp, failed.alertName(), failed.playbook(), failed.action(), failed.parameters(),
                failed.target(), failed.phase(), "http-403", "forbidden", false, failed.occurredAt(), null, null, null,
                diagnosis));
        await().atMost(Duration.ofSeconds(15)).until(() -> pagerDuty(fp, "trigger", PRIMARY_KEY).size() == 1);

        JsonNode details = Json.mapper().readTree(pagerDuty(fp, "trigger", PRIMARY_KEY).getFirst().getBodyAsString())
                .at("/payload/custom_details/diagnosis");
        assertThat(details.at("/pods/0").asString()).isEqualTo("checkout-api-x2x4q: Running, not ready, 7 restarts "
                + "(CrashLoopBackOff, OOMKilled) on aks-node-3");
        assertThat(details.at("/log_container").asString()).isEqualTo("checkout-api-x2x4q/app");
        assertThat(details.at("/log_tail/1").asString()).isEqualTo("java.lang.OutOfMemoryError");
        assertThat(details.at("/events/0").asString()).contains("BackOff");
        assertThat(incident(fp).diagnosis()).isEqualTo(diagnosis);
    }

    @Test
    void aSkippedRemediationPagesAtOnce() throws Exception {
        String fp = fingerprint();
        fire(fp, Severity.CRITICAL, "shop");
        remediation(Events.remediation(fp, RemediationPhase.SKIPPED, clock.instant()));
        await().atMost(Duration.ofSeconds(15)).until(() -> pagerDuty(fp, "trigger", PRIMARY_KEY).size() == 1);
        assertThat(incident(fp).lastRemediation()).contains("SKIPPED").contains("cooldown");
    }

    @Test
    void aRateLimitedProviderIsRetriedAfterItsRetryAfter() throws Exception {
        String fp = fingerprint();
        fire(fp, Severity.CRITICAL, "rate-limited");
        testClock().advance(WINDOW);
        await().atMost(Duration.ofSeconds(15)).until(() -> requestsTo("/slack/rate-limited", fp).size() == 2);
        List<LoggedRequest> requests = requestsTo("/slack/rate-limited", fp);
        long waited = requests.get(1).getLoggedDate().getTime() - requests.get(0).getLoggedDate().getTime();
        assertThat(waited).as("waited for Retry-After: 1").isGreaterThanOrEqualTo(1000);

        await().atMost(Duration.ofSeconds(15)).until(() -> notifications(fp).size() == 2);
        assertThat(notifications(fp)).extracting(NotificationEvent::attempt, NotificationEvent::httpStatus,
                NotificationEvent::outcome).containsExactly(
                        org.assertj.core.groups.Tuple.tuple(1, 429, NotificationOutcome.RETRYABLE),
                        org.assertj.core.groups.Tuple.tuple(2, 200, NotificationOutcome.DELIVERED));
    }

    @Test
    void repeatedServerErrorsOpenTheBreakerAndTheFallbackCarriesThePage() throws Exception {
        String first = fingerprint();
        fire(first, Severity.WARNING, "flaky");
        testClock().advance(WINDOW);
        await().atMost(Duration.ofSeconds(15)).until(() -> requestsTo("/slack/fallback", first).size() == 1);
        assertThat(requestsTo("/hooks/flaky", first)).hasSize(3);
        var webhookBody = Json.mapper().readTree(requestsTo("/hooks/flaky", first).getFirst().getBodyAsString());
        assertThat(webhookBody.path("action").asString()).isEqualTo("trigger");
        assertThat(webhookBody.path("incident").path("fingerprint").asString()).isEqualTo(first);

        String second = fingerprint();
        fire(second, Severity.WARNING, "flaky");
        testClock().advance(WINDOW);
        await().atMost(Duration.ofSeconds(15)).until(() -> requestsTo("/slack/fallback", second).size() == 1);
        assertThat(requestsTo("/hooks/flaky", second)).as("the open breaker lets no call through").isEmpty();
        assertThat(requestsTo("/slack/fallback", second).getFirst().getBodyAsString())
                .contains("fallback for webhook:flaky");

        await().atMost(Duration.ofSeconds(15)).until(() -> notifications(second).size() == 2);
        assertThat(notifications(first)).extracting(NotificationEvent::channel, NotificationEvent::outcome)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("webhook", NotificationOutcome.RETRYABLE),
                        org.assertj.core.groups.Tuple.tuple("webhook", NotificationOutcome.RETRYABLE),
                        org.assertj.core.groups.Tuple.tuple("webhook", NotificationOutcome.RETRYABLE),
                        org.assertj.core.groups.Tuple.tuple("slack", NotificationOutcome.DELIVERED));
        assertThat(notifications(second)).extracting(NotificationEvent::channel, NotificationEvent::outcome,
                NotificationEvent::error).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("webhook", NotificationOutcome.SKIPPED, "circuit-open"),
                        org.assertj.core.groups.Tuple.tuple("slack", NotificationOutcome.DELIVERED, null));
    }

    @Test
    void everyChannelSendsItsProvidersFormat() throws Exception {
        String fp = fingerprint();
        fire(fp, Severity.CRITICAL, "all-channels");
        testClock().advance(WINDOW);
        await().atMost(Duration.ofSeconds(15)).until(() -> requestsTo("/opsgenie/v2/alerts", fp).size() == 1
                && requestsTo("/slack/all", fp).size() == 1 && requestsTo("/teams/all", fp).size() == 1
                && GREENMAIL.getReceivedMessages().length > 0 && mailAbout(fp) != null);

        LoggedRequest opsgenie = requestsTo("/opsgenie/v2/alerts", fp).getFirst();
        assertThat(opsgenie.getHeader("Authorization")).isEqualTo("GenieKey it-genie-key");
        var og = Json.mapper().readTree(opsgenie.getBodyAsString());
        assertThat(og.path("alias").asString()).isEqualTo("alertmanager:" + fp);
        assertThat(og.path("priority").asString()).isEqualTo("P1");
        assertThat(og.path("responders").get(0).path("type").asString()).isEqualTo("schedule");
        assertThat(og.path("responders").get(0).path("name").asString()).isEqualTo("shop-primary");
        assertThat(og.path("message").asString().length()).isLessThanOrEqualTo(130);

        var slack = Json.mapper().readTree(requestsTo("/slack/all", fp).getFirst().getBodyAsString());
        assertThat(slack.path("text").asString()).startsWith(":rotating_light: [FIRING] KubePodCrashLooping");
        assertThat(slack.path("blocks").get(0).path("type").asString()).isEqualTo("header");

        var teams = Json.mapper().readTree(requestsTo("/teams/all", fp).getFirst().getBodyAsString());
        assertThat(teams.path("type").asString()).isEqualTo("message");
        var attachment = teams.path("attachments").get(0);
        assertThat(attachment.path("contentType").asString()).isEqualTo("application/vnd.microsoft.card.adaptive");
        assertThat(attachment.path("content").path("type").asString()).isEqualTo("AdaptiveCard");
        assertThat(attachment.path("content").path("version").asString()).isEqualTo("1.2");

        MimeMessage mail = mailAbout(fp);
        assertThat(mail.getAllRecipients()[0].toString()).isEqualTo("oncall@example.com");
        assertThat(mail.getSubject()).contains("FIRING").contains("KubePodCrashLooping");

        resolveAlert(fp);
        await().atMost(Duration.ofSeconds(15)).until(() -> notifications(fp).stream()
                .anyMatch(n -> n.channel().equals("opsgenie") && n.action().equals("resolve")));
        assertThat(WIREMOCK.findAll(postRequestedFor(
                urlEqualTo("/opsgenie/v2/alerts/alertmanager%3A" + fp + "/close?identifierType=alias")))).hasSize(1);
        assertThat(notifications(fp)).filteredOn(n -> n.action().equals("resolve"))
                .extracting(NotificationEvent::channel, NotificationEvent::outcome)
                .containsExactlyInAnyOrder(
                        org.assertj.core.groups.Tuple.tuple("opsgenie", NotificationOutcome.DELIVERED),
                        org.assertj.core.groups.Tuple.tuple("slack", NotificationOutcome.DELIVERED),
                        org.assertj.core.groups.Tuple.tuple("teams", NotificationOutcome.DELIVERED),
                        org.assertj.core.groups.Tuple.tuple("email", NotificationOutcome.DELIVERED));
    }

    private static MimeMessage mailAbout(String fp) {
        for (MimeMessage message : GREENMAIL.getReceivedMessages()) {
            try {
                if (message.getContent().toString().contains(fp)) {
                    return message;
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        }
        return null;
    }

    @Test
    @ExtendWith(OutputCaptureExtension.class)
    void anApprovalRequestOnKafkaPagesTheApproversWithTheIdTheDeadlineAndTheApproveLink(CapturedOutput output)
            throws Exception {
        String fp = fingerprint();
        fire(fp, Severity.CRITICAL, "approvals");
        String id = UUID.randomUUID().toString();
        Instant deadline = clock.instant().plus(Duration.ofMinutes(30));
        remediation(Events.approvalRequest(fp, id, clock.instant(), deadline));

        await().atMost(Duration.ofSeconds(15)).until(() -> output.getOut().lines()
                .anyMatch(line -> line.contains("PAGE APPROVAL NEEDED to approvers") && line.contains(id)));
        String page = output.getOut().lines().filter(line -> line.contains("PAGE APPROVAL NEEDED to approvers"))
                .filter(line -> line.contains(id)).findFirst().orElseThrow();
        assertThat(page).contains("Approval needed for remediation " + id
                        + ": would restart Deployment shop/checkout-api in cluster aks-shop-prod-weu")
                .contains("Deadline: " + deadline)
                .contains("Approve: https://console.it.example/remediations/" + id)
                .contains("curl -s -X POST -H \"Authorization: Bearer $ALERTPILOT_API_TOKEN\" "
                        + "https://alertpilot.it.example/api/v1/remediations/" + id + "/approve");
        assertThat(incident(fp).notices()).contains("approval:" + id);
    }

    @Test
    void redeliveredRecordsSendNothingTwice() throws Exception {
        String fp = fingerprint();
        AlertEvent alert = fire(fp, Severity.CRITICAL, "shop");
        RemediationEvent failed = Events.remediation(fp, RemediationPhase.FAILED, clock.instant());
        remediation(failed);
        await().atMost(Duration.ofSeconds(15)).until(() -> pagerDuty(fp, "trigger", PRIMARY_KEY).size() == 1);
        long version = incident(fp).version();

        // the same records again, as after a consumer restart before the commit
        kafka.send(Topics.ALERTS, fp, alert).get(10, TimeUnit.SECONDS);
        remediation(failed);
        remediation(failed);
        // a later record on each path shows the redelivered ones were processed
        AlertEvent marker = Events.alert(fp, "KubePodCrashLooping", Severity.CRITICAL, AlertStatus.FIRING,
                clock.instant().plusMillis(5), alert.labels());
        kafka.send(Topics.ALERTS, fp, marker).get(10, TimeUnit.SECONDS);
        RemediationEvent verified = Events.remediation(fp, RemediationPhase.VERIFIED, clock.instant());
        remediation(verified);
        await().atMost(Duration.ofSeconds(15)).until(() -> marker.receivedAt().equals(incident(fp).lastAlertAt())
                && incident(fp).lastRemediation().contains(verified.eventId()));

        incidents.tick();
        assertThat(pagerDuty(fp, "trigger", PRIMARY_KEY)).hasSize(1);
        assertThat(incident(fp).step()).isZero();
        assertThat(incident(fp).version()).isGreaterThan(version);
    }

    // ------------------------------------------------------------------ service levels and grouping

    private void fireFor(String fp, String team, String groupKey, AlertStatus status) throws Exception {
        AlertEvent alert = io.alertpilot.model.fixtures.Alerts.firing("NodeDiskFull",
                        Map.of("alertname", "NodeDiskFull", "team", team, "node", "node-" + fp))
                .fingerprint(fp).status(status).severity(Severity.CRITICAL).sourceSeverity("Sev1")
                .summary("disk of node-" + fp + " is full").receivedAt(clock.instant().plusMillis(1))
                .group(groupKey, "alertpilot", null).build();
        kafka.send(Topics.ALERTS, fp, alert).get(10, TimeUnit.SECONDS);
    }

    /** An alert of the it-sla policy fires and pages the primary after the decision window. */
    private void escalateSla(String fp) throws Exception {
        fireFor(fp, "sla", null, AlertStatus.FIRING);
        await().atMost(Duration.ofSeconds(15)).until(() -> incidents.get(fp).isPresent());
        escalateUnhandled(fp);
    }

    /** {@link #escalateSla}, then acknowledged. */
    private void escalateSlaAndAcknowledge(String fp) throws Exception {
        escalateSla(fp);
        incidents.acknowledge(fp, "ana", "api");
        await().atMost(Duration.ofSeconds(15)).until(() -> incident(fp).state() == IncidentState.ACKNOWLEDGED);
    }

    private static List<LoggedRequest> slack(String hook, String text) {
        return requestsTo("/slack/" + hook, text);
    }

    @Test
    void notAcknowledgedWithinTheAckSlaPagesTheNextLevelAtOnceAndRecordsTheBreach() throws Exception {
        String fp = fingerprint();
        escalateSla(fp);
        var first = Json.mapper().readTree(pagerDuty(fp, "trigger", PRIMARY_KEY).getFirst().getBodyAsString());
        assertThat(first.path("payload").path("summary").asString()).startsWith("[critical Sev1] NodeDiskFull");
        assertThat(first.path("payload").path("custom_details").path("level").asString()).isEqualTo("primary");

        testClock().advance(Duration.ofMinutes(5));
        await().atMost(Duration.ofSeconds(15)).until(() -> pagerDuty(fp, "trigger", SECONDARY_KEY).size() == 1);
        var second = Json.mapper().readTree(pagerDuty(fp, "trigger", SECONDARY_KEY).getFirst().getBodyAsString());
        assertThat(second.path("payload").path("custom_details").path("level").asString()).isEqualTo("secondary");
        assertThat(incident(fp).sla().breaches()).singleElement().satisfies(breach -> {
            assertThat(breach.kind()).isEqualTo("ack");
            assertThat(breach.detail()).isEqualTo("not acknowledged within 5m: paging the secondary now");
        });
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(notifications(fp))
                .anyMatch(n -> "secondary".equals(n.level()) && n.outcome() == NotificationOutcome.DELIVERED));
    }

    @Test
    void statusUpdatesGoOutEveryIntervalWhileAcknowledgedAndStopOnResolve() throws Exception {
        String fp = fingerprint();
        escalateSlaAndAcknowledge(fp);

        testClock().advance(Duration.ofMinutes(15));
        await().atMost(Duration.ofSeconds(15)).until(() -> slack("incidents", fp).size() == 1);
        assertThat(slack("incidents", fp).getFirst().getBodyAsString()).contains("STATUS UPDATE")
                .contains("status update 1: acknowledged");
        testClock().advance(Duration.ofMinutes(15));
        await().atMost(Duration.ofSeconds(15)).until(() -> slack("incidents", fp).size() == 2);

        fireFor(fp, "sla", null, AlertStatus.RESOLVED);
        await().atMost(Duration.ofSeconds(15)).until(() -> incident(fp).state() == IncidentState.RESOLVED);
        testClock().advance(Duration.ofMinutes(30));
        incidents.tick();
        assertThat(slack("incidents", fp)).as("no update after the resolve").hasSize(2);
        assertThat(incident(fp).sla().nextUpdateAt()).isNull();
    }

    @Test
    void notResolvedWithinTheResolveSlaSendsTheBreachNoticeOnceAndRecordsIt() throws Exception {
        String fp = fingerprint();
        escalateSlaAndAcknowledge(fp);

        testClock().advance(Duration.ofMinutes(30));
        await().atMost(Duration.ofSeconds(15)).until(() -> slack("alerts", fp).size() == 1);
        assertThat(slack("alerts", fp).getFirst().getBodyAsString()).contains("SLA BREACHED")
                .contains("not resolved within 30m");
        assertThat(incident(fp).sla().breaches()).extracting(b -> b.kind()).containsExactly("resolve");
        testClock().advance(Duration.ofMinutes(30));
        incidents.tick();
        assertThat(slack("alerts", fp)).hasSize(1);
    }

    @Test
    void aGroupOfFiveAlertsIsOneIncidentWithOnePageListingThemAndResolvesWhenTheLastResolves() throws Exception {
        String groupKey = "{}/{team=\"grouped\"}:{alertname=\"NodeDiskFull\", run=\"" + fingerprint() + "\"}";
        String id = io.alertpilot.notifier.escalation.Grouping.incidentId("it-grouped|" + groupKey);
        List<String> fps = List.of(fingerprint(), fingerprint(), fingerprint(), fingerprint(), fingerprint());
        for (String fp : fps) {
            fireFor(fp, "grouped", groupKey, AlertStatus.FIRING);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> incidents.get(id).map(i -> i.alerts().size()).orElse(0) == 5);
        assertThat(fps).allSatisfy(fp -> assertThat(incidents.get(fp)).isEmpty());

        testClock().advance(WINDOW);
        await().atMost(Duration.ofSeconds(15)).until(() -> pagerDuty(id, "trigger", PRIMARY_KEY).size() == 1);
        var page = Json.mapper().readTree(pagerDuty(id, "trigger", PRIMARY_KEY).getFirst().getBodyAsString());
        assertThat(page.path("payload").path("summary").asString()).contains("NodeDiskFull (5 alerts)");
        assertThat(page.path("payload").path("custom_details").path("alerts")).hasSize(5);

        for (String fp : fps.subList(0, 4)) {
            fireFor(fp, "grouped", groupKey, AlertStatus.RESOLVED);
        }
        await().atMost(Duration.ofSeconds(15)).until(() -> incident(id).alerts().stream()
                .filter(a -> a.status() == AlertStatus.RESOLVED).count() == 4);
        assertThat(incident(id).state()).isEqualTo(IncidentState.ESCALATED);

        fireFor(fps.get(4), "grouped", groupKey, AlertStatus.RESOLVED);
        await().atMost(Duration.ofSeconds(15)).until(() -> incident(id).state() == IncidentState.RESOLVED);
        await().atMost(Duration.ofSeconds(15)).until(() -> pagerDuty(id, "resolve", PRIMARY_KEY).size() == 1);
        assertThat(pagerDutyTriggers(id)).as("one page for the group").hasSize(1);
    }

    /**
     * Many alerts put on the topic at once reach the listeners in polls of many incidents, handled 16 at a time
     * ({@code alertpilot.notifier.consumer.parallelism}, default 16): each incident pages once, the alerts of a group
     * page their group once, and an unreadable record among them goes to the dead-letter topic without holding the
     * others back.
     */
    @Test
    void aBurstAcrossIncidentsPagesEachIncidentOnceAndEachGroupOnceWhileTheUnreadableGoToTheDeadLetterTopic()
            throws Exception {
        List<String> single = java.util.stream.IntStream.range(0, 48).mapToObj(i -> fingerprint()).toList();
        String run = fingerprint();
        List<String> groupKeys = List.of("{}/{team=\"grouped\"}:{run=\"" + run + "-a\"}",
                "{}/{team=\"grouped\"}:{run=\"" + run + "-b\"}");
        List<String> groupIds = groupKeys.stream()
                .map(key -> io.alertpilot.notifier.escalation.Grouping.incidentId("it-grouped|" + key)).toList();
        String unreadable = "unreadable-" + run;
        for (int i = 0; i < single.size(); i++) {
            String fp = single.get(i);
            kafka.send(Topics.ALERTS, fp, Events.alert(fp, "KubePodCrashLooping", Severity.CRITICAL,
                    AlertStatus.FIRING, clock.instant(), Map.of("alertname", "KubePodCrashLooping", "team", "shop")));
            if (i % 8 == 0) {
                AlertEvent member = groupMember(groupKeys.get(i / 8 % 2));
                kafka.send(Topics.ALERTS, member.fingerprint(), member);
            }
            if (i == 21) {
                kafka.send(Topics.ALERTS, unreadable, "not an alert");
            }
        }
        kafka.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> single.stream().allMatch(fp -> incidents.get(fp).isPresent())
                && groupIds.stream().allMatch(id -> incidents.get(id).map(i -> i.alerts().size()).orElse(0) == 3));

        // a decision for every single alert at once: the pages go out from the listeners, 16 incidents at a time
        for (String fp : single) {
            kafka.send(Topics.REMEDIATIONS, fp, Events.remediation(fp, RemediationPhase.FAILED, clock.instant()));
        }
        kafka.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> single.stream()
                .allMatch(fp -> pagerDuty(fp, "trigger", PRIMARY_KEY).size() >= 1));
        testClock().advance(WINDOW);
        await().atMost(Duration.ofSeconds(30)).until(() -> groupIds.stream()
                .allMatch(id -> pagerDuty(id, "trigger", PRIMARY_KEY).size() >= 1));

        assertThat(single).allSatisfy(fp -> assertThat(pagerDutyTriggers(fp)).as("pages of %s", fp).hasSize(1));
        assertThat(groupIds).allSatisfy(id -> {
            assertThat(pagerDutyTriggers(id)).as("pages of group %s", id).hasSize(1);
            assertThat(incident(id).alerts()).hasSize(3);
        });
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(KafkaReadBack.readAll(brokers,
                Topics.deadLetter(Topics.ALERTS), String.class)).anyMatch(record -> unreadable.equals(record.key())));
    }

    /**
     * Remediation events and their alerts come on two topics with no order between them: a burst whose decisions are
     * read (through the command topic, to the incident's owner) before their alerts pages every critical alert by
     * the critical policy, once, and nothing by the default policy's chat fallback.
     */
    @Test
    void decisionsReadBeforeTheirAlertsPageEveryCriticalAlertByTheCriticalPolicyOnce() throws Exception {
        List<String> fps = java.util.stream.IntStream.range(0, 32).mapToObj(i -> fingerprint()).toList();
        String groupKey = "{}/{team=\"grouped\"}:{run=\"" + fingerprint() + "\"}";
        String groupId = io.alertpilot.notifier.escalation.Grouping.incidentId("it-grouped|" + groupKey);
        List<AlertEvent> members = List.of(groupMember(groupKey), groupMember(groupKey));
        List<String> held = new java.util.ArrayList<>(fps);
        members.forEach(member -> held.add(member.fingerprint()));
        for (int i = 0; i < held.size(); i++) {
            String fp = held.get(i);
            RemediationPhase phase = i % 2 == 0 ? RemediationPhase.FAILED : RemediationPhase.SKIPPED;
            kafka.send(Topics.REMEDIATIONS, fp, Events.remediation(fp, phase, clock.instant()));
        }
        kafka.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> held.stream()
                .allMatch(fp -> incidents.get(fp).map(i -> i.heldRemediations().size()).orElse(0) == 1));
        assertThat(held).allSatisfy(fp -> assertThat(incident(fp).state()).isEqualTo(IncidentState.TRIGGERED));

        for (String fp : fps) {
            kafka.send(Topics.ALERTS, fp, Events.alert(fp, "KubePodCrashLooping", Severity.CRITICAL,
                    AlertStatus.FIRING, clock.instant(), Map.of("alertname", "KubePodCrashLooping", "team", "shop")));
        }
        members.forEach(member -> kafka.send(Topics.ALERTS, member.fingerprint(), member));
        kafka.flush();
        await().atMost(Duration.ofSeconds(30)).until(() -> fps.stream()
                .allMatch(fp -> pagerDuty(fp, "trigger", PRIMARY_KEY).size() >= 1)
                && pagerDuty(groupId, "trigger", PRIMARY_KEY).size() >= 1);

        assertThat(fps).allSatisfy(fp -> {
            assertThat(pagerDutyTriggers(fp)).as("pages of %s", fp).hasSize(1);
            assertThat(requestsTo("/slack/alerts", fp)).as("default policy's pages of %s", fp).isEmpty();
            assertThat(incident(fp).policy()).isEqualTo("critical");
            assertThat(incident(fp).state()).isEqualTo(IncidentState.ESCALATED);
            assertThat(incident(fp).heldRemediations()).isEmpty();
        });
        // the group's members: their events went to the group's incident, which paged once by its policy
        await().atMost(Duration.ofSeconds(30)).until(() -> members.stream()
                .allMatch(m -> incident(m.fingerprint()).state() == IncidentState.RESOLVED));
        assertThat(pagerDutyTriggers(groupId)).hasSize(1);
        assertThat(members).allSatisfy(member -> {
            assertThat(incident(member.fingerprint()).resolvedBy()).isEqualTo("group:" + groupId);
            assertThat(requestsTo("/slack/alerts", member.fingerprint())).isEmpty();
        });
    }

    /** A firing alert of the it-grouped policy in Alertmanager group {@code groupKey}, a fingerprint of its own. */
    private AlertEvent groupMember(String groupKey) {
        String fp = fingerprint();
        return io.alertpilot.model.fixtures.Alerts.firing("NodeDiskFull",
                        Map.of("alertname", "NodeDiskFull", "team", "grouped", "node", "node-" + fp))
                .fingerprint(fp).severity(Severity.CRITICAL).receivedAt(clock.instant())
                .group(groupKey, "alertpilot", null).build();
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
