package io.alertpilot.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.ingest.IngestApplication;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.RejectedPayload;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.fixtures.Samples;
import io.alertpilot.model.kafka.EventHeaders;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.testing.ApiClient;
import io.alertpilot.testing.ApiResponse;
import io.alertpilot.testing.KafkaReadBack;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * What a sender of webhooks sees, and what lands on Kafka, against a real broker. Subclasses say which broker: the
 * in-JVM KRaft broker, or a Testcontainers one where Docker exists.
 */
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "alertpilot.ingest.auth.tokens=" + WebhookIngestContract.TOKEN,
            "alertpilot.ingest.auth.users.ops=ops-password",
            "alertpilot.ingest.auth.sources.azure-monitor.users.azure=azure-secret",
            "alertpilot.ingest.max-body-size=128KB",
            "alertpilot.ingest.rejected-body-limit=1KB",
            "alertpilot.ingest.topics.partitions=2",
            "alertpilot.formats.severities.disaster=CRITICAL",
            "logging.structured.format.console="
        })
abstract class WebhookIngestContract {

    static final String TOKEN = "it-token";
    static final String AM = "/api/v1/webhooks/alertmanager";
    static final String AZURE = "/api/v1/webhooks/azure-monitor";
    static final String GENERIC = "/api/v1/alerts";
    static final String JSON = "application/json";

    @LocalServerPort
    int port;

    ApiClient http;
    KafkaReadBack<byte[]> alerts;
    KafkaReadBack<byte[]> rejected;

    /** The broker the service under test writes to. */
    abstract String bootstrapServers();

    @BeforeEach
    void connect() {
        http = ApiClient.at(port);
        alerts = KafkaReadBack.open(bootstrapServers(), Topics.ALERTS, byte[].class);
        rejected = KafkaReadBack.open(bootstrapServers(), Topics.ALERTS_REJECTED, byte[].class);
    }

    @AfterEach
    void disconnect() {
        alerts.close();
        rejected.close();
    }

    @Test
    void firingAlertmanagerAlertLandsOnKafkaKeyedByFingerprint() {
        List<ConsumerRecord<String, byte[]>> records = postAndConsume(AM, sample("alertmanager/firing-crashloop.json"));

        assertThat(records).hasSize(1);
        ConsumerRecord<String, byte[]> record = records.getFirst();
        AlertEvent alert = Json.read(record.value(), AlertEvent.class);
        assertThat(record.key()).isEqualTo("0c029c006d0ffce0").isEqualTo(alert.fingerprint());
        assertThat(header(record, EventHeaders.TYPE)).isEqualTo("AlertEvent");
        assertThat(alert.source()).isEqualTo(AlertSource.ALERTMANAGER);
        assertThat(alert.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(alert.name()).isEqualTo("KubePodCrashLooping");
        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.sourceSeverity()).isEqualTo("critical");
        assertThat(alert.target().cluster()).isEqualTo("aks-shop-prod-weu");
        assertThat(alert.target().namespace()).isEqualTo("shop");
        assertThat(alert.target().kind()).isEqualTo("Deployment");
        assertThat(alert.target().name()).isEqualTo("checkout-api");
        assertThat(alert.target().pod()).isEqualTo("checkout-api-7d9f8b6c5d-x2x4q");
        assertThat(alert.target().container()).isEqualTo("checkout-api");
        assertThat(alert.startsAt()).isEqualTo(Instant.parse("2026-11-23T07:58:12.512Z"));
        assertThat(alert.endsAt()).as("Alertmanager's zero endsAt").isNull();
        assertThat(alert.receivedAt()).isNotNull();
        assertThat(alert.runbookUrl()).isEqualTo("https://runbooks.shop.example.com/kubernetes/pod-crash-looping");
        assertThat(alert.receiver()).isEqualTo("shop-pager");
        assertThat(alert.groupKey()).isEqualTo("{}/{severity=\"critical\"}:{alertname=\"KubePodCrashLooping\", namespace=\"shop\"}");
    }

    @Test
    void resolvedAlertmanagerAlertKeepsTheFingerprintAndGetsItsEnd() {
        AlertEvent alert = Json.read(postAndConsume(AM, sample("alertmanager/resolved-crashloop.json")).getFirst().value(),
                AlertEvent.class);

        assertThat(alert.fingerprint()).isEqualTo("0c029c006d0ffce0");
        assertThat(alert.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(alert.endsAt()).isEqualTo(Instant.parse("2026-11-23T08:41:42.512Z"));
    }

    @Test
    void groupOfThreeAlertsBecomesThreeEventsEachUnderItsOwnKey() {
        Map<String, AlertEvent> byKey = byKey(postAndConsume(AM, sample("alertmanager/firing-group-3-alerts.json")));

        assertThat(byKey).containsOnlyKeys("c6ed2e83049d919e", "af8555c90ed5e5f7", "d542b532e4b1bd60");
        assertThat(byKey.get("c6ed2e83049d919e").name()).isEqualTo("QueueDepthHigh");
        assertThat(byKey.get("c6ed2e83049d919e").severity()).isEqualTo(Severity.WARNING);
        assertThat(byKey.get("c6ed2e83049d919e").target().name()).isEqualTo("order-worker");
        assertThat(byKey.get("af8555c90ed5e5f7").name()).isEqualTo("HighErrorRate");
        assertThat(byKey.get("af8555c90ed5e5f7").target().service()).isEqualTo("checkout-api");
        assertThat(byKey.get("d542b532e4b1bd60").name()).isEqualTo("HighLatencyP95");
        assertThat(byKey.values()).allSatisfy(alert -> assertThat(alert.status()).isEqualTo(AlertStatus.FIRING));
    }

    @Test
    void resolvedAlertInsideAFiringMessageResolvesOnlyItself() {
        Map<String, AlertEvent> byKey = byKey(postAndConsume(AM,
                sample("alertmanager/firing-group-mixed-resolved.json")));

        assertThat(byKey.get("c6ed2e83049d919e").status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(byKey.get("c6ed2e83049d919e").endsAt()).isEqualTo(Instant.parse("2026-11-23T09:05:56.118Z"));
        assertThat(byKey.get("af8555c90ed5e5f7").status()).isEqualTo(AlertStatus.FIRING);
        assertThat(byKey.get("d542b532e4b1bd60").status()).isEqualTo(AlertStatus.FIRING);
    }

    @Test
    void azureMetricAlertFiredAndResolvedShareOneKey() {
        AlertEvent fired = Json.read(postAndConsume(AZURE, sample("azure-monitor/metric-alert-fired.json"))
                .getFirst().value(), AlertEvent.class);
        AlertEvent resolved = Json.read(postAndConsume(AZURE, sample("azure-monitor/metric-alert-resolved.json"))
                .getFirst().value(), AlertEvent.class);

        assertThat(fired.source()).isEqualTo(AlertSource.AZURE_MONITOR);
        assertThat(fired.fingerprint()).isEqualTo(resolved.fingerprint());
        assertThat(fired.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(resolved.status()).isEqualTo(AlertStatus.RESOLVED);
        assertThat(fired.name()).isEqualTo("shop-checkout-pod-not-ready");
        assertThat(fired.severity()).isEqualTo(Severity.HIGH);
        assertThat(fired.sourceSeverity()).isEqualTo("Sev1");
        assertThat(fired.target().namespace()).isEqualTo("shop");
        assertThat(fired.target().pod()).isEqualTo("checkout-api-7d9f8b6c5d-x2x4q");
        assertThat(fired.target().kind()).isEqualTo("Deployment");
        assertThat(fired.target().name()).isEqualTo("checkout-api");
        assertThat(fired.target().cluster()).isEqualTo("aks-shop-prod-weu");
        assertThat(fired.target().azureResourceId()).endsWith("/managedclusters/aks-shop-prod-weu");
        assertThat(fired.startsAt()).isEqualTo(Instant.parse("2026-11-23T08:03:27.4411927Z"));
        assertThat(fired.endsAt()).isNull();
        assertThat(resolved.endsAt()).isEqualTo(Instant.parse("2026-11-23T08:46:58.0736120Z"));
    }

    @Test
    void azureLogSearchAndActivityLogAlertsLandOnKafka() {
        AlertEvent log = Json.read(postAndConsume(AZURE, sample("azure-monitor/log-alert-v2-fired.json"))
                .getFirst().value(), AlertEvent.class);
        AlertEvent activity = Json.read(postAndConsume(AZURE, sample("azure-monitor/activity-log-alert.json"))
                .getFirst().value(), AlertEvent.class);

        assertThat(log.name()).isEqualTo("shop-deployment-restarts");
        assertThat(log.severity()).isEqualTo(Severity.WARNING);
        assertThat(log.target().namespace()).isEqualTo("shop");
        assertThat(log.target().kind()).isEqualTo("Deployment");
        assertThat(log.target().name()).isEqualTo("checkout-api");
        assertThat(activity.name()).isEqualTo("aks-shop-prod-cluster-stopped");
        assertThat(activity.severity()).isEqualTo(Severity.INFO);
        assertThat(activity.status()).isEqualTo(AlertStatus.FIRING);
        assertThat(activity.target().cluster()).isEqualTo("aks-shop-prod-weu");
        assertThat(activity.target().azureResourceId()).contains("managedclusters/aks-shop-prod-weu");
    }

    @Test
    void genericAlertsFromOtherToolsLandOnKafka() {
        String body = """
                [{"name": "DiskAlmostFull", "status": "firing", "severity": "p2",
                  "labels": {"namespace": "data", "statefulset": "postgres", "node": "aks-node-3"},
                  "summary": "Disk of postgres-0 is 91 % full"},
                 {"name": "DiskAlmostFull", "status": "resolved", "fingerprint": "tool-7", "labels": {"namespace": "data"}}]
                """;
        Map<String, AlertEvent> byKey = byKey(postAndConsume(GENERIC, body.getBytes(StandardCharsets.UTF_8)));

        assertThat(byKey).hasSize(2).containsKey("tool-7");
        AlertEvent computed = byKey.entrySet().stream().filter(e -> !e.getKey().equals("tool-7")).findFirst()
                .orElseThrow().getValue();
        assertThat(computed.source()).isEqualTo(AlertSource.GENERIC);
        assertThat(computed.severity()).isEqualTo(Severity.HIGH);
        assertThat(computed.target().kind()).isEqualTo("StatefulSet");
        assertThat(computed.target().name()).isEqualTo("postgres");
        assertThat(computed.summary()).isEqualTo("Disk of postgres-0 is 91 % full");
        assertThat(byKey.get("tool-7").status()).isEqualTo(AlertStatus.RESOLVED);
    }

    @Test
    void severitiesAreMappedAsConfiguredInAlertpilotFormats() {
        String body = """
                [{"name": "DatacenterOnFire", "status": "firing", "severity": "disaster", "fingerprint": "dc-1"}]
                """;
        AlertEvent alert = byKey(postAndConsume(GENERIC, body.getBytes(StandardCharsets.UTF_8))).get("dc-1");

        assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
        assertThat(alert.sourceSeverity()).isEqualTo("disaster");
    }

    static Stream<Arguments> refusedRequests() {
        byte[] tooLarge = ("{\"version\":\"4\",\"alerts\":[],\"padding\":\"" + "x".repeat(130 * 1024) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        return Stream.of(
                Arguments.of("alerts key missing", AM, JSON, sample("alertmanager/invalid-missing-alerts.json"),
                        400, "invalid-field", "alerts"),
                Arguments.of("not JSON", AM, JSON, sample("alertmanager/invalid-not-json.txt"),
                        400, "invalid-json", null),
                Arguments.of("alertname missing", AM, JSON,
                        ("{\"version\":\"4\",\"alerts\":[{\"status\":\"firing\",\"labels\":{\"severity\":\"critical\"},"
                                + "\"startsAt\":\"2026-11-23T07:58:12.512Z\"}]}").getBytes(StandardCharsets.UTF_8),
                        400, "invalid-field", "alerts[0].labels.alertname"),
                Arguments.of("not payload version 4", AM, JSON,
                        "{\"version\":\"3\",\"alerts\":[]}".getBytes(StandardCharsets.UTF_8),
                        400, "invalid-field", "version"),
                Arguments.of("azure without the common schema", AZURE, JSON,
                        "{\"schemaId\":\"Microsoft.Insights/activityLogs\",\"data\":{}}".getBytes(StandardCharsets.UTF_8),
                        400, "invalid-field", "schemaId"),
                Arguments.of("generic status wrong", GENERIC, JSON,
                        "[{\"name\":\"X\",\"status\":\"burning\"}]".getBytes(StandardCharsets.UTF_8),
                        400, "invalid-field", "[0].status"),
                Arguments.of("body over the size limit", AM, JSON, tooLarge, 413, "too-large", null),
                Arguments.of("wrong media type", AM, "text/plain", sample("alertmanager/firing-crashloop.json"),
                        415, "unsupported-media-type", null),
                Arguments.of("media type missing", AZURE, null, sample("azure-monitor/metric-alert-fired.json"),
                        415, "unsupported-media-type", null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("refusedRequests")
    void refusedBodyGetsAProblemAndIsKeptOnTheRejectedTopic(String name, String path, String contentType, byte[] body,
            int status, String reason, String field) {
        ApiResponse response = http.withToken(TOKEN).send("POST", path, contentType, body);

        assertThat(response.status()).isEqualTo(status);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        JsonNode problem = response.json();
        assertThat(problem.path("status").asInt()).isEqualTo(status);
        assertThat(problem.path("reason").asString()).isEqualTo(reason);
        assertThat(problem.path("detail").asString()).isNotBlank();
        if (field != null) {
            assertThat(problem.path("field").asString()).isEqualTo(field);
            assertThat(problem.path("detail").asString()).contains(field);
        }

        String rejectedId = problem.path("rejectedId").asString();
        RejectedPayload kept = Json.read(rejected.await(record -> rejectedId.equals(
                Json.read(record.value(), RejectedPayload.class).eventId())).value(), RejectedPayload.class);
        assertThat(kept.reason()).isEqualTo(reason);
        assertThat(kept.httpStatus()).isEqualTo(status);
        assertThat(kept.field()).isEqualTo(field);
        assertThat(kept.source()).isEqualTo(path.equals(AM) ? "alertmanager" : path.equals(AZURE) ? "azure-monitor" : "generic");
        assertThat(kept.headers()).doesNotContainKey("authorization").containsKey("user-agent");
        assertThat(kept.bodySize()).isEqualTo(body.length);
        assertThat(kept.truncated()).isEqualTo(body.length > 1024);
        String text = new String(body, StandardCharsets.UTF_8);
        assertThat(kept.body()).isEqualTo(text.substring(0, Math.min(1024, text.length())));
    }

    @Test
    void missingOrWrongCredentialsGet401AndTheBodyIsNotStored() {
        String marker = UUID.randomUUID().toString();
        byte[] unauthenticated = ("[{\"name\":\"" + marker + "\",\"status\":\"bad\"}]").getBytes(StandardCharsets.UTF_8);
        ApiResponse missing = http.send("POST", GENERIC, JSON, unauthenticated);
        ApiResponse wrong = http.withToken("not-the-token").send("POST", GENERIC, JSON, unauthenticated);
        ApiResponse wrongBasic = http.withBasic("ops", "guess").send("POST", GENERIC, JSON, unauthenticated);

        for (ApiResponse response : List.of(missing, wrong, wrongBasic)) {
            assertThat(response.status()).isEqualTo(401);
            assertThat(response.headers().allValues("WWW-Authenticate")).anyMatch(v -> v.startsWith("Bearer"))
                    .anyMatch(v -> v.startsWith("Basic"));
            assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(response.json().path("reason").asString()).isEqualTo("unauthorized");
        }
        assertThat(missing.json().path("detail").asString()).contains("missing");

        // a refused body sent afterwards lands on the same partition (key = source): once it is there,
        // the unauthenticated one would have been too
        ApiResponse later = http.withToken(TOKEN).send("POST", GENERIC, JSON,
                "not json".getBytes(StandardCharsets.UTF_8));
        assertThat(later.status()).isEqualTo(400);
        String rejectedId = later.json().path("rejectedId").asString();
        rejected.await(record -> rejectedId.equals(Json.read(record.value(), RejectedPayload.class).eventId()));
        assertThat(rejected.seen()).noneMatch(
                record -> new String(record.value(), StandardCharsets.UTF_8).contains(marker));
    }

    @Test
    void basicCredentialsAndPerSourceCredentialsAreAccepted() {
        assertThat(http.withBasic("ops", "ops-password")
                .send("POST", AM, JSON, sample("alertmanager/firing-crashloop.json")).status()).isEqualTo(202);
        assertThat(http.withBasic("azure", "azure-secret")
                .send("POST", AZURE, JSON, sample("azure-monitor/metric-alert-fired.json")).status()).isEqualTo(202);
        assertThat(http.withBasic("azure", "azure-secret")
                .send("POST", AM, JSON, sample("alertmanager/firing-crashloop.json")).status())
                .as("a credential of the Azure webhook is not accepted by Alertmanager's").isEqualTo(401);
    }

    @Test
    void aHundredKilobyteLabelValueIsAcceptedCutAndCounted() {
        String huge = "p".repeat(100 * 1024);
        JsonNode body = Samples.json("alertmanager/firing-crashloop.json");
        ((ObjectNode) body.path("alerts").get(0).path("labels")).put("pod", huge);

        AlertEvent alert = Json.read(postAndConsume(AM, Json.mapper().writeValueAsBytes(body)).getFirst().value(),
                AlertEvent.class);

        assertThat(alert.label("pod")).hasSize(4096 + "…[truncated 98304 chars]".length())
                .startsWith("pppp").endsWith("p…[truncated 98304 chars]");
        assertThat(alert.label("namespace")).isEqualTo("shop");
        assertThat(http.get("/actuator/prometheus").body()).containsPattern(
                "alertpilot_ingest_truncated_total\\{[^}]*field=\"label\"[^}]*} [1-9]");
    }

    @Test
    void metricsCountAcceptedAndRejectedAndHealthIsUp() {
        postAndConsume(AM, sample("alertmanager/firing-crashloop.json"));
        http.withToken(TOKEN).send("POST", AM, JSON, "{".getBytes(StandardCharsets.UTF_8));
        http.get("/actuator/health");

        String metrics = http.get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("alertpilot_ingest_alerts_total\\{[^}]*source=\"alertmanager\"[^}]*status=\"firing\"[^}]*} [1-9]");
        assertThat(metrics).containsPattern("alertpilot_ingest_rejected_total\\{[^}]*reason=\"invalid-json\"[^}]*source=\"alertmanager\"[^}]*} [1-9]");
        assertThat(metrics).contains("alertpilot_ingest_rejected_total{application=\"alertpilot-ingest\",reason=\"too-large\",source=\"azure-monitor\"}");
        assertThat(metrics).contains("alertpilot_ingest_publish_seconds_count");
        assertThat(metrics).contains("alertpilot_ingest_truncated_total{application=\"alertpilot-ingest\",field=\"annotation\"}");
        // the webhooks' requests are timed as every other request is, with the same tags (the dashboard's 5xx panel)
        assertThat(metrics).contains("http_server_requests_seconds_count{application=\"alertpilot-ingest\",error=\"none\","
                + "exception=\"none\",method=\"POST\",outcome=\"SUCCESS\",status=\"202\",uri=\"" + AM + "\"}");
        assertThat(metrics).contains("http_server_requests_seconds_count{application=\"alertpilot-ingest\",error=\"none\","
                + "exception=\"none\",method=\"POST\",outcome=\"CLIENT_ERROR\",status=\"400\",uri=\"" + AM + "\"}");
        assertThat(metrics).contains("http_server_requests_seconds_count{application=\"alertpilot-ingest\",error=\"none\","
                + "exception=\"none\",method=\"GET\",outcome=\"SUCCESS\",status=\"200\",uri=\"/actuator/health\"}");

        JsonNode health = http.get("/actuator/health").json();
        assertThat(health.path("status").asString()).isEqualTo("UP");
        JsonNode readiness = http.get("/actuator/health/readiness").json();
        assertThat(readiness.path("status").asString()).isEqualTo("UP");
    }

    /** Posts with the token, expects 202, and returns the records of the accepted alerts, in the response's order. */
    List<ConsumerRecord<String, byte[]>> postAndConsume(String path, byte[] body) {
        ApiResponse response = http.withToken(TOKEN).send("POST", path, JSON, body);
        assertThat(response.status()).as(response.body()).isEqualTo(202);
        JsonNode accepted = response.json();
        List<String> eventIds = new ArrayList<>();
        accepted.path("alerts").forEach(alert -> eventIds.add(alert.path("eventId").asString()));
        assertThat(eventIds).hasSize(accepted.path("accepted").asInt());
        List<ConsumerRecord<String, byte[]>> records = alerts.await(
                record -> eventIds.contains(Json.read(record.value(), AlertEvent.class).eventId()), eventIds.size());
        return records.stream()
                .sorted((a, b) -> Integer.compare(eventIds.indexOf(Json.read(a.value(), AlertEvent.class).eventId()),
                        eventIds.indexOf(Json.read(b.value(), AlertEvent.class).eventId())))
                .toList();
    }

    static Map<String, AlertEvent> byKey(List<ConsumerRecord<String, byte[]>> records) {
        return records.stream().collect(Collectors.toMap(ConsumerRecord::key,
                record -> Json.read(record.value(), AlertEvent.class), (a, b) -> b));
    }

    static byte[] sample(String name) {
        return Samples.bytes(name);
    }

    private static String header(ConsumerRecord<String, byte[]> record, String name) {
        return new String(record.headers().lastHeader(name).value(), StandardCharsets.UTF_8);
    }
}
