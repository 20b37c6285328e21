package io.alertpilot.notifier.it;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.options;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.stubbing.Scenario;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.NotificationEvent;
import io.alertpilot.model.incident.NotificationOutcome;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.model.remediation.RemediationCommand;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.notifier.NotifierApplication;
import io.alertpilot.notifier.incident.IncidentService;
import io.alertpilot.notifier.slack.SlackInteractionController;
import io.alertpilot.notifier.testing.Events;
import io.alertpilot.testing.ApiClient;
import io.alertpilot.testing.ApiResponse;
import io.alertpilot.testing.KafkaReadBack;
import io.alertpilot.testing.TestClock;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import tools.jackson.databind.JsonNode;

/**
 * The Slack app end to end: pages posted with {@code chat.postMessage} to WireMock as Slack's Web API, button presses
 * signed here with the signing secret and sent to {@code /api/v1/webhooks/slack/interactions}, the incident on the
 * in-JVM broker, {@code chat.update} of the pressed message. The AlertPilot users are configured ones
 * ({@code alertpilot.api.users.*}); the
 * clock is a test clock, so request timestamps are the service's time. Each test uses its own fingerprint.
 */
@SpringBootTest(classes = {NotifierApplication.class, SlackAppIT.TestBeans.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
                "alertpilot.api.auth.tokens=it-token",
                "alertpilot.notifier.topics.partitions=2",
                "alertpilot.notifier.tick-interval=100ms",
                "alertpilot.notifier.policies.directory=src/test/resources/slack-policies",
                "alertpilot.notifier.delivery.max-attempts=2",
                "alertpilot.notifier.delivery.initial-backoff=10ms",
                "alertpilot.notifier.secrets.slack-app.bot-token=" + SlackAppIT.BOT_TOKEN,
                "alertpilot.notifier.secrets.slack-app.signing-secret=" + SlackAppIT.SIGNING_SECRET,
                // alice responds and approves; victor only views
                "alertpilot.api.users.alice.token=alice-it-token",
                "alertpilot.api.users.alice.roles=responder,approver",
                "alertpilot.api.users.victor.token=victor-it-token",
                "alertpilot.api.users.victor.roles=viewer",
                "alertpilot.notifier.slack-app.users.U0ALICE=alice",
                "alertpilot.notifier.slack-app.users.U0VICTOR=victor",
                "logging.structured.format.console=",
                "logging.level.org.apache.kafka=WARN",
                "logging.level.kafka=WARN",
                "logging.level.state.change.logger=WARN",
        })
@EmbeddedKafka(partitions = 2, topics = {Topics.ALERTS, Topics.REMEDIATIONS, Topics.REMEDIATION_COMMANDS})
class SlackAppIT {

    static final String BOT_TOKEN = "xoxb-it-bot-token";
    static final String SIGNING_SECRET = "it-slack-signing-secret";
    static final String CHANNEL = "C0SLACKIT";
    static final Duration WINDOW = Duration.ofSeconds(30);

    static final WireMockServer SLACK = new WireMockServer(options().dynamicPort());

    static {
        SLACK.start();
        SLACK.stubFor(post("/api/chat.postMessage").atPriority(5).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"ok\":true,\"channel\":\"" + CHANNEL + "\",\"ts\":\"1764489600.000100\"}")));
        SLACK.stubFor(post("/api/chat.postMessage").atPriority(1)
                .withRequestBody(matchingJsonPath("$.channel", equalTo("C0GONE")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":false,\"error\":\"channel_not_found\"}")));
        SLACK.stubFor(post("/api/chat.postMessage").atPriority(1).inScenario("busy")
                .whenScenarioStateIs(Scenario.STARTED)
                .withRequestBody(matchingJsonPath("$.channel", equalTo("C0BUSY")))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"ok\":false,\"error\":\"ratelimited\"}"))
                .willSetStateTo("not busy"));
        SLACK.stubFor(post("/api/chat.update").willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json").withBody("{\"ok\":true}")));
    }

    @DynamicPropertySource
    static void endpoints(DynamicPropertyRegistry registry) {
        registry.add("alertpilot.notifier.slack-app.api-url", () -> SLACK.baseUrl() + "/api");
    }

    @AfterAll
    static void stopWireMock() {
        SLACK.stop();
    }

    @TestConfiguration(proxyBeanMethods = false)
    static class TestBeans {

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
    TestClock clock;

    @Autowired
    MeterRegistry meters;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @LocalServerPort
    int port;

    // ------------------------------------------------------------------ tests

    @Test
    void aPageIsPostedWithAcknowledgeAndResolveButtonsAndASignedPressAcknowledgesAndUpdatesTheMessage()
            throws Exception {
        String fp = escalated("slack");
        JsonNode page = Json.mapper().readTree(posted(fp).getFirst().getBodyAsString());
        assertThat(posted(fp).getFirst().getHeader("Authorization")).isEqualTo("Bearer " + BOT_TOKEN);
        assertThat(page.path("channel").asString()).isEqualTo(CHANNEL);
        assertThat(page.path("text").asString()).contains("KubePodCrashLooping");
        JsonNode buttons = buttons(page);
        assertThat(buttons.findValuesAsString("action_id"))
                .containsExactly("alertpilot.acknowledge", "alertpilot.resolve");
        String occurrence = fp + "@" + incidents.get(fp).orElseThrow().createdAt().toEpochMilli();
        assertThat(buttons.findValuesAsString("value")).containsExactly(occurrence, occurrence);

        byte[] press = press("U0ALICE", "alertpilot.acknowledge", occurrence, page);
        String timestamp = now();
        ApiResponse acknowledged = send(press, timestamp, sign(SIGNING_SECRET, timestamp, press));

        assertThat(acknowledged.status()).as(acknowledged.body()).isEqualTo(200);
        JsonNode incident = Json.mapper().readTree(ApiClient.at(port).withToken("it-token")
                .get("/api/v1/incidents/" + fp).body());
        assertThat(incident.path("state").asString()).isEqualTo("ACKNOWLEDGED");
        assertThat(incident.path("acknowledgedBy").asString()).isEqualTo("alice");
        Incident onKafka = KafkaReadBack.readAll(brokers, Topics.INCIDENTS, Incident.class).stream()
                .filter(record -> fp.equals(record.key())).map(ConsumerRecord::value).toList().getLast();
        assertThat(onKafka.state()).isEqualTo(IncidentState.ACKNOWLEDGED);
        assertThat(onKafka.acknowledgedBy()).isEqualTo("alice");

        List<LoggedRequest> updates = updated(fp);
        assertThat(updates).hasSize(1);
        assertThat(updates.getFirst().getHeader("Authorization")).isEqualTo("Bearer " + BOT_TOKEN);
        JsonNode update = Json.mapper().readTree(updates.getFirst().getBodyAsString());
        assertThat(update.path("channel").asString()).isEqualTo(CHANNEL);
        assertThat(update.path("ts").asString()).isEqualTo("1764489600.000100");
        assertThat(update.path("text").asString()).contains("ACKNOWLEDGED* by alice");
        assertThat(update.path("blocks").findValuesAsString("block_id")).doesNotContain("alertpilot-buttons");
        assertThat(update.path("blocks").toString()).contains("ACKNOWLEDGED* by alice").contains(fp);

        ApiResponse replayed = send(press, timestamp, sign(SIGNING_SECRET, timestamp, press));
        assertThat(replayed.status()).isEqualTo(401);
        assertThat(reason(replayed)).isEqualTo("replayed-request");
        assertThat(updated(fp)).hasSize(1);

        // the same button pressed again (a second copy of the page): no warning over the first answer
        clock.advance(Duration.ofSeconds(1));
        ApiResponse again = send(press, now(), sign(SIGNING_SECRET, now(), press));
        assertThat(again.status()).as(again.body()).isEqualTo(200);
        assertThat(updated(fp)).hasSize(2);
        assertThat(Json.mapper().readTree(updated(fp).getLast().getBodyAsString()).path("text").asString())
                .startsWith(":eyes: *Already acknowledged* by alice").doesNotContain("warning");
        assertThat(incidents.get(fp).orElseThrow().version()).isEqualTo(onKafka.version());
    }

    @Test
    void aButtonOfAnEarlierOccurrenceChangesNothingOnTheIncidentThatOpenedAgain() throws Exception {
        String fp = escalated("slack");
        JsonNode oldPage = Json.mapper().readTree(posted(fp).getFirst().getBodyAsString());
        String oldValue = buttons(oldPage).findValuesAsString("value").getFirst();
        var alert = Events.alert(fp, "KubePodCrashLooping", Severity.CRITICAL, AlertStatus.RESOLVED,
                clock.instant(), Map.of("alertname", "KubePodCrashLooping", "namespace", "shop", "team", "slack"));
        kafka.send(Topics.ALERTS, fp, alert).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(15))
                .until(() -> incidents.get(fp).orElseThrow().state() == IncidentState.RESOLVED);
        clock.advance(Duration.ofSeconds(5));
        Instant reopenedAt = clock.instant();
        var again = Events.alert(fp, "KubePodCrashLooping", Severity.CRITICAL, AlertStatus.FIRING, reopenedAt,
                Map.of("alertname", "KubePodCrashLooping", "namespace", "shop", "team", "slack"));
        kafka.send(Topics.ALERTS, fp, again).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(15)).until(() -> incidents.get(fp).orElseThrow().state().open());
        Incident reopened = incidents.get(fp).orElseThrow();
        assertThat(oldValue).isNotEqualTo(fp + "@" + reopened.createdAt().toEpochMilli());

        byte[] press = press("U0ALICE", "alertpilot.acknowledge", oldValue, oldPage);
        ApiResponse pressed = send(press, now(), sign(SIGNING_SECRET, now(), press));

        assertThat(pressed.status()).as(pressed.body()).isEqualTo(200);
        assertThat(Json.mapper().readTree(pressed.body()).path("text").asString())
                .contains("earlier occurrence of incident " + fp);
        Incident after = incidents.get(fp).orElseThrow();
        assertThat(after.acknowledgedBy()).isNull();
        assertThat(after.version()).isEqualTo(reopened.version());
        assertThat(Json.mapper().readTree(updated(fp).getLast().getBodyAsString()).path("text").asString())
                .contains("earlier occurrence");
    }

    @Test
    void aBadSignatureAnOldTimestampAnUnmappedUserAndAMissingRoleAreRefusedAndChangeNothing() throws Exception {
        String fp = escalated("slack");
        JsonNode page = Json.mapper().readTree(posted(fp).getFirst().getBodyAsString());
        String value = buttons(page).findValuesAsString("value").getFirst();
        byte[] alice = press("U0ALICE", "alertpilot.acknowledge", value, page);
        double unauthorizedBefore = interactions("unauthorized");
        double staleBefore = interactions("stale");
        double forbiddenBefore = interactions("forbidden");

        String timestamp = now();
        ApiResponse wrongSecret = send(alice, timestamp, sign("not-the-secret", timestamp, alice));
        assertThat(wrongSecret.status()).isEqualTo(401);
        assertThat(wrongSecret.header("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(reason(wrongSecret)).isEqualTo("unauthorized");
        ApiResponse unsigned = ApiClient.at(port).send("POST", "/api/v1/webhooks/slack/interactions",
                "application/x-www-form-urlencoded", alice);
        assertThat(unsigned.status()).isEqualTo(401);

        String old = String.valueOf(clock.instant().minus(Duration.ofMinutes(6)).getEpochSecond());
        ApiResponse stale = send(alice, old, sign(SIGNING_SECRET, old, alice));
        assertThat(stale.status()).isEqualTo(401);
        assertThat(reason(stale)).isEqualTo("stale-request");

        byte[] stranger = press("U0NOBODY", "alertpilot.acknowledge", value, page);
        ApiResponse unmapped = send(stranger, now(), sign(SIGNING_SECRET, now(), stranger));
        assertThat(unmapped.status()).isEqualTo(403);
        assertThat(reason(unmapped)).isEqualTo("unmapped-slack-user");

        byte[] viewer = press("U0VICTOR", "alertpilot.resolve", value, page);
        ApiResponse forbidden = send(viewer, now(), sign(SIGNING_SECRET, now(), viewer));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(reason(forbidden)).isEqualTo("missing-role");
        assertThat(Json.mapper().readTree(forbidden.body()).path("detail").asString()).contains("responder");

        Incident incident = incidents.get(fp).orElseThrow();
        assertThat(incident.state()).isEqualTo(IncidentState.ESCALATED);
        assertThat(incident.acknowledgedBy()).isNull();
        assertThat(incident.resolvedAt()).isNull();
        assertThat(updated(fp)).isEmpty();
        assertThat(interactions("unauthorized")).isEqualTo(unauthorizedBefore + 2);
        assertThat(interactions("stale")).isEqualTo(staleBefore + 1);
        assertThat(interactions("forbidden")).isEqualTo(forbiddenBefore + 2);
    }

    @Test
    void anApprovalPageCarriesApproveAndRejectAndAPressSendsTheApprovalToTheRemediationService() throws Exception {
        String fp = fire("slack");
        String remediationId = "rem-" + fp;
        RemediationEvent pending = Events.remediation(fp, remediationId, RemediationPhase.PENDING_APPROVAL,
                clock.instant(), false);
        kafka.send(Topics.REMEDIATIONS, pending.key(), pending).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(15)).until(() -> !posted(remediationId).isEmpty());
        JsonNode page = Json.mapper().readTree(posted(remediationId).getFirst().getBodyAsString());
        JsonNode buttons = buttons(page);
        assertThat(buttons.findValuesAsString("action_id")).containsExactly("alertpilot.approve", "alertpilot.reject");
        String value = remediationId + "@" + fp + "@" + incidents.get(fp).orElseThrow().createdAt().toEpochMilli();
        assertThat(buttons.findValuesAsString("value")).containsExactly(value, value);

        byte[] viewer = press("U0VICTOR", "alertpilot.approve", value, page);
        ApiResponse forbidden = send(viewer, now(), sign(SIGNING_SECRET, now(), viewer));
        assertThat(forbidden.status()).isEqualTo(403);
        assertThat(reason(forbidden)).isEqualTo("missing-role");
        byte[] press = press("U0ALICE", "alertpilot.approve", value, page);
        ApiResponse approved = send(press, now(), sign(SIGNING_SECRET, now(), press));

        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        try (var commands = KafkaReadBack.open(brokers, Topics.REMEDIATION_COMMANDS, RemediationCommand.class)) {
            commands.awaitValue(c -> c.remediationId().equals(remediationId));
        }
        // the viewer's press came first: had it sent a command, it would be on the topic before alice's
        List<RemediationCommand> sent = KafkaReadBack.readAllValues(brokers, Topics.REMEDIATION_COMMANDS,
                RemediationCommand.class).stream().filter(c -> c.remediationId().equals(remediationId)).toList();
        assertThat(sent).singleElement().satisfies(command -> {
            assertThat(command.type()).isEqualTo(RemediationCommand.Type.APPROVE);
            assertThat(command.by()).isEqualTo("alice");
            assertThat(command.origin()).isEqualTo("slack");
        });
        JsonNode update = Json.mapper().readTree(updated(remediationId).getFirst().getBodyAsString());
        assertThat(update.path("text").asString()).contains("Approval sent* by alice").contains(remediationId)
                .contains("if it still waits for approval").doesNotContain("APPROVED");
        assertThat(update.path("blocks").findValuesAsString("block_id")).doesNotContain("alertpilot-buttons");
    }

    @Test
    void aSlackAnswerOkFalseIsAFailedDeliveryAndTheFallbackCarriesThePage() throws Exception {
        String fp = escalated("slack-gone");
        await().atMost(Duration.ofSeconds(15)).until(() -> notifications(fp).stream()
                .anyMatch(n -> n.channel().equals("log")));
        List<NotificationEvent> audit = notifications(fp);
        assertThat(audit).filteredOn(n -> n.channel().equals("slack-app"))
                .allSatisfy(n -> {
                    assertThat(n.outcome()).isNotEqualTo(NotificationOutcome.DELIVERED);
                    assertThat(n.error()).contains("channel_not_found");
                })
                .isNotEmpty();
        assertThat(audit).filteredOn(n -> n.channel().equals("log"))
                .extracting(NotificationEvent::outcome).contains(NotificationOutcome.DELIVERED);
    }

    @Test
    void aSlackAnswerOkFalseRatelimitedIsRetriedAndThenDelivered() throws Exception {
        String fp = escalated("slack-busy");
        await().atMost(Duration.ofSeconds(15)).until(() -> notifications(fp).size() == 2);
        assertThat(notifications(fp)).extracting(NotificationEvent::channel, NotificationEvent::attempt,
                NotificationEvent::outcome).containsExactly(
                        org.assertj.core.groups.Tuple.tuple("slack-app", 1, NotificationOutcome.RETRYABLE),
                        org.assertj.core.groups.Tuple.tuple("slack-app", 2, NotificationOutcome.DELIVERED));
        assertThat(notifications(fp).getFirst().error()).isEqualTo("Slack error ratelimited");
        assertThat(posted(fp)).hasSize(2);
    }

    // ------------------------------------------------------------------ helpers

    private String fire(String team) throws Exception {
        String fp = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        var alert = Events.alert(fp, "KubePodCrashLooping", Severity.CRITICAL, AlertStatus.FIRING, clock.instant(),
                Map.of("alertname", "KubePodCrashLooping", "namespace", "shop", "team", team));
        kafka.send(Topics.ALERTS, fp, alert).get(10, TimeUnit.SECONDS);
        await().atMost(Duration.ofSeconds(15)).until(() -> incidents.get(fp).isPresent());
        return fp;
    }

    /** An alert of {@code team} that nobody remediated: its decision window over, it paged. */
    private String escalated(String team) throws Exception {
        String fp = fire(team);
        clock.advance(WINDOW);
        await().atMost(Duration.ofSeconds(15)).until(() -> !posted(fp).isEmpty());
        return fp;
    }

    private static List<LoggedRequest> posted(String text) {
        return SLACK.findAll(postRequestedFor(urlEqualTo("/api/chat.postMessage"))).stream()
                .filter(request -> request.getBodyAsString().contains(text)).toList();
    }

    private static List<LoggedRequest> updated(String text) {
        return SLACK.findAll(postRequestedFor(urlEqualTo("/api/chat.update"))).stream()
                .filter(request -> request.getBodyAsString().contains(text)).toList();
    }

    private static JsonNode buttons(JsonNode message) {
        for (JsonNode block : message.path("blocks")) {
            if (block.path("block_id").asString("").equals("alertpilot-buttons")) {
                return block.path("elements");
            }
        }
        throw new AssertionError("no buttons in " + message);
    }

    /** The form body Slack sends when {@code user} presses button {@code actionId} on {@code message}. */
    private static byte[] press(String user, String actionId, String value, JsonNode message) {
        Map<String, Object> payload = Map.of(
                "type", "block_actions",
                "user", Map.of("id", user, "username", user.toLowerCase()),
                "channel", Map.of("id", CHANNEL),
                "container", Map.of("type", "message", "channel_id", CHANNEL, "message_ts", "1764489600.000100"),
                "message", Map.of("ts", "1764489600.000100", "text", message.path("text").asString(),
                        "blocks", message.path("blocks")),
                "actions", List.of(Map.of("action_id", actionId, "block_id", "alertpilot-buttons", "value", value,
                        "type", "button", "action_ts", "1764489601.000200")));
        return ("payload=" + URLEncoder.encode(Json.writeString(payload), StandardCharsets.UTF_8))
                .getBytes(StandardCharsets.UTF_8);
    }

    /** Slack's signature: {@code v0=} and the hex HMAC-SHA256 of {@code v0:<timestamp>:<body>}. */
    private static String sign(String secret, String timestamp, byte[] body) throws Exception {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
        return "v0=" + HexFormat.of().formatHex(mac.doFinal(body));
    }

    private String now() {
        return String.valueOf(clock.instant().getEpochSecond());
    }

    private ApiResponse send(byte[] body, String timestamp, String signature) {
        return ApiClient.at(port).withHeader("X-Slack-Request-Timestamp", timestamp)
                .withHeader("X-Slack-Signature", signature)
                .send("POST", "/api/v1/webhooks/slack/interactions", "application/x-www-form-urlencoded", body);
    }

    private double interactions(String outcome) {
        return meters.get(SlackInteractionController.METRIC).tag("outcome", outcome).counter().count();
    }

    private static String reason(ApiResponse response) {
        return Json.mapper().readTree(response.body()).path("reason").asString();
    }

    private List<NotificationEvent> notifications(String fp) {
        return KafkaReadBack.readAll(brokers, Topics.NOTIFICATIONS, NotificationEvent.class).stream()
                .filter(record -> fp.equals(record.key())).map(ConsumerRecord::value).toList();
    }
}
