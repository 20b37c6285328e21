package io.alertpilot.remediation.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alertpilot.formats.AlertFormats;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.fixtures.Samples;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.remediation.RemediationApplication;
import io.alertpilot.testing.ApiClient;
import io.alertpilot.testing.ApiResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.test.context.EmbeddedKafka;
import tools.jackson.databind.JsonNode;

/**
 * The service as standalone runs it: defaults only (dry run, no Kubernetes cluster, the example playbooks). Proves
 * the README's crash-loop example (a PLANNED restart in the log and in GET /api/v1/remediations) and evaluate with
 * every alert sample, read with the configured alert formats ({@code alertpilot.formats.*}).
 */
@SpringBootTest(classes = RemediationApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "alertpilot.api.auth.tokens=dry-run-token",
            "alertpilot.remediation.topics.partitions=2",
            "alertpilot.formats.severities.disaster=CRITICAL",
            "alertpilot.formats.max-alerts-per-request=50",
        })
@EmbeddedKafka(partitions = 2, topics = Topics.ALERTS)
@ExtendWith(OutputCaptureExtension.class)
class DryRunIT {

    private static final String TOKEN = "dry-run-token";

    @LocalServerPort
    int port;

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    AlertFormats formats;

    private ApiResponse call(String method, String path, String body) {
        return ApiClient.at(port).withToken(TOKEN).send(method, path, body);
    }

    private JsonNode evaluate(String sample) throws Exception {
        ApiResponse response = call("POST", "/api/v1/playbooks/evaluate", Samples.string(sample));
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        return Json.mapper().readTree(response.body()).get("evaluations");
    }

    @Test
    void theReadmeCrashLoopExampleShowsAPlannedRestartInTheLogAndTheApi(CapturedOutput output) throws Exception {
        AlertEvent alert = formats.read(Json.mapper().readTree(Samples.string("alertmanager/firing-crashloop.json")),
                Instant.now()).getFirst();
        kafka.send(Topics.ALERTS, alert.fingerprint(), alert).get();

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            ApiResponse list = call("GET", "/api/v1/remediations?playbook=restart-crashlooping-pods", null);
            assertThat(list.status()).isEqualTo(200);
            JsonNode remediations = Json.mapper().readTree(list.body()).get("items");
            assertThat(remediations).anySatisfy(r -> {
                assertThat(r.get("phase").asString()).isEqualTo("PLANNED");
                assertThat(r.get("action").asString()).isEqualTo("restart");
                assertThat(r.get("dryRun").asBoolean()).isTrue();
                assertThat(r.get("targetKey").asString()).isEqualTo("aks-shop-prod-weu/shop/Deployment/checkout-api");
            });
        });
        assertThat(output.getOut()).contains("PLANNED").contains("restart")
                .contains("dry run: playbook restart-crashlooping-pods would [restart] Deployment shop/checkout-api");
    }

    @Test
    void theRemediationListRefusesABadParameterNamingIt() throws Exception {
        for (String bad : List.of("phase=sleeping", "limit=0", "limit=1001", "limit=many")) {
            ApiResponse refused = call("GET", "/api/v1/remediations?" + bad, null);
            assertThat(refused.status()).as(bad).isEqualTo(400);
            assertThat(refused.header("Content-Type")).hasValueSatisfying(
                    type -> assertThat(type).startsWith("application/problem+json"));
            assertThat(refused.json().path("reason").asString()).isEqualTo("invalid-field");
            assertThat(refused.json().path("field").asString()).isEqualTo(bad.substring(0, bad.indexOf('=')));
        }
        JsonNode none = call("GET", "/api/v1/remediations?playbook=no-such-playbook&phase=planned", null).json();
        assertThat(none.path("items").size()).isZero();
        assertThat(none.path("total").asLong()).isZero();
    }

    @Test
    void theApiNeedsTheToken() throws Exception {
        ApiResponse response = ApiClient.at(port).get("/api/v1/remediations");
        assertThat(response.status()).isEqualTo(401);
    }

    @Test
    void evaluatesTheAlertmanagerCrashLoopSample() throws Exception {
        JsonNode evaluation = evaluate("alertmanager/firing-crashloop.json").get(0);
        assertThat(evaluation.get("playbook").asString()).isEqualTo("restart-crashlooping-pods");
        assertThat(evaluation.get("target").get("namespace").asString()).isEqualTo("shop");
        assertThat(evaluation.get("target").get("name").asString()).isEqualTo("checkout-api");
        assertThat(evaluation.get("actions").get(0).get("type").asString()).isEqualTo("restart");
        assertThat(evaluation.get("dryRun").asBoolean()).isTrue();
        assertThat(guards(evaluation)).contains("dry-run:BLOCK", "namespace:PASS", "cooldown:PASS",
                "max-attempts:PASS", "flapping:PASS", "rate-limit:PASS", "target-lock:PASS");
        assertThat(evaluation.get("actions").get(0).get("guards").get(0).get("outcome").asString()).isEqualTo("UNKNOWN");
        assertThat(evaluation.get("wouldAct").asBoolean()).isFalse();
    }

    @Test
    void aResolvedAlertMatchesNoPlaybook() throws Exception {
        JsonNode evaluation = evaluate("alertmanager/resolved-crashloop.json").get(0);
        assertThat(evaluation.get("alert").get("status").asString()).isEqualTo("RESOLVED");
        assertThat(noPlaybook(evaluation)).isTrue();
    }

    @Test
    void evaluatesEveryAlertOfAGroup() throws Exception {
        JsonNode evaluations = evaluate("alertmanager/firing-group-3-alerts.json");
        assertThat(evaluations).hasSize(3);
        assertThat(evaluations.get(0).get("playbook").asString()).isEqualTo("scale-out-on-queue-depth");
        assertThat(evaluations.get(0).get("actions").get(0).get("parameters").get("by").asString()).isEqualTo("2");
        assertThat(evaluations.get(1).get("playbook").asString()).isEqualTo("rollback-bad-release");
        assertThat(evaluations.get(1).get("approvalRequired").asBoolean()).isTrue();
        assertThat(evaluations.get(2).get("playbook").asString()).isEqualTo("scale-out-on-latency");
        assertThat(evaluations.get(2).get("target").get("name").asString()).isEqualTo("checkout-api");

        JsonNode mixed = evaluate("alertmanager/firing-group-mixed-resolved.json");
        assertThat(mixed).anySatisfy(e -> assertThat(e.get("alert").get("status").asString()).isEqualTo("RESOLVED"));
        assertThat(mixed).filteredOn(e -> e.get("alert").get("status").asString().equals("RESOLVED"))
                .allSatisfy(e -> assertThat(noPlaybook(e)).isTrue());
    }

    @Test
    void evaluatesTheAzureMonitorSamples() throws Exception {
        JsonNode podNotReady = evaluate("azure-monitor/metric-alert-fired.json").get(0);
        assertThat(podNotReady.get("alert").get("source").asString()).isEqualTo("AZURE_MONITOR");
        assertThat(podNotReady.get("playbook").asString()).isEqualTo("delete-unready-pod");
        assertThat(podNotReady.get("target").get("kind").asString()).isEqualTo("Pod");
        assertThat(podNotReady.get("actions").get(0).get("type").asString()).isEqualTo("delete-pod");

        assertThat(noPlaybook(evaluate("azure-monitor/metric-alert-resolved.json").get(0))).isTrue();
        for (String sample : List.of("azure-monitor/log-alert-v2-fired.json", "azure-monitor/activity-log-alert.json")) {
            JsonNode evaluation = evaluate(sample).get(0);
            assertThat(evaluation.get("alert").get("source").asString()).isEqualTo("AZURE_MONITOR");
            assertThat(noPlaybook(evaluation)).as(sample + " matches no example playbook").isTrue();
        }
    }

    @Test
    void evaluatesANormalizedAlertEvent() throws Exception {
        String body = """
                {"schemaVersion":1,"source":"GENERIC","fingerprint":"abc","status":"FIRING","name":"KubeNodeDiskPressure",
                 "severity":"WARNING","labels":{"alertname":"KubeNodeDiskPressure","node":"aks-pool-1"}}
                """;
        ApiResponse response = call("POST", "/api/v1/playbooks/evaluate", body);
        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode evaluation = Json.mapper().readTree(response.body()).get("evaluations").get(0);
        assertThat(evaluation.get("playbook").asString()).isEqualTo("cordon-node-disk-pressure");
        assertThat(evaluation.get("actions").get(0).get("parameters").get("node").asString()).isEqualTo("aks-pool-1");
    }

    @Test
    void refusesInvalidSamplesWithAProblemNamingTheField() throws Exception {
        ApiResponse missing = call("POST", "/api/v1/playbooks/evaluate",
                Samples.string("alertmanager/invalid-missing-alerts.json"));
        assertThat(missing.status()).isEqualTo(400);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        ApiResponse notJson = call("POST", "/api/v1/playbooks/evaluate",
                Samples.string("alertmanager/invalid-not-json.txt"));
        assertThat(notJson.status()).isEqualTo(400);
    }

    @Test
    void hostileLabelsAreRefusedInEvaluate() throws Exception {
        String body = """
                [{"name":"KubePodCrashLooping","status":"firing","severity":"critical",
                  "labels":{"namespace":"shop","deployment":"../../kube-system/coredns"}}]
                """;
        JsonNode evaluation = Json.mapper().readTree(call("POST", "/api/v1/playbooks/evaluate", body).body())
                .get("evaluations").get(0);
        assertThat(evaluation.get("refusal").get("reason").asString()).isEqualTo("invalid-target");
        assertThat(evaluation.get("refusal").get("field").asString()).isEqualTo("target.name");
        assertThat(evaluation.get("wouldAct").asBoolean()).isFalse();
    }

    @Test
    void evaluateMapsSeveritiesAsConfigured() throws Exception {
        String body = """
                [{"name":"DiskAlmostFull","status":"firing","severity":"disaster","labels":{"node":"aks-pool-1"}}]
                """;
        ApiResponse response = call("POST", "/api/v1/playbooks/evaluate", body);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode alert = Json.mapper().readTree(response.body()).get("evaluations").get(0).get("alert");
        assertThat(alert.get("severity").asString()).isEqualTo("CRITICAL");
    }

    @Test
    void evaluateRefusesMoreAlertsThanTheConfiguredLimit() throws Exception {
        String alert = "{\"name\":\"DiskAlmostFull\",\"status\":\"firing\"}";
        String body = "[" + String.join(",", Collections.nCopies(51, alert)) + "]";
        ApiResponse response = call("POST", "/api/v1/playbooks/evaluate", body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.body()).contains("more than the limit of 50 per request");
    }

    private static final String DRAFT = """
            playbooks:
              - name: draft-scale-out
                match: { alertname: KubePodCrashLooping }
                target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                actions: [ { scale: { by: 1, max: 6 } } ]
                guard: { cooldown: 20m }
            """;

    @Test
    void evaluatesDraftPlaybooksFromTheBodyWithoutLoadingThem() throws Exception {
        String body = Json.mapper().writeValueAsString(Map.of("playbooks", DRAFT,
                "alerts", Json.mapper().readTree(Samples.string("alertmanager/firing-crashloop.json"))));
        ApiResponse response = call("POST", "/api/v1/playbooks/evaluate", body);

        assertThat(response.status()).as(response.body()).isEqualTo(200);
        JsonNode evaluation = Json.mapper().readTree(response.body()).get("evaluations").get(0);
        assertThat(evaluation.get("playbook").asString()).isEqualTo("draft-scale-out");
        assertThat(evaluation.get("actions").get(0).get("type").asString()).isEqualTo("scale");
        assertThat(evaluation.get("target").get("name").asString()).isEqualTo("checkout-api");
        assertThat(evaluation.get("outcome").asString()).isEqualTo("dry-run");
        assertThat(guards(evaluation)).contains("cooldown:PASS");
        JsonNode loaded = Json.mapper().readTree(call("GET", "/api/v1/playbooks", null).body()).get("items");
        assertThat(loaded.valueStream().map(p -> p.get("name").asString())).doesNotContain("draft-scale-out");
    }

    @Test
    void anInvalidDraftIsAProblemNamingTheFilePlaybookAndField() throws Exception {
        String body = Json.mapper().writeValueAsString(Map.of("playbooks", DRAFT.replace("cooldown:", "cooldwn:"),
                "alerts", List.of(Map.of("name", "KubePodCrashLooping", "status", "firing"))));
        ApiResponse response = call("POST", "/api/v1/playbooks/evaluate", body);

        assertThat(response.status()).as(response.body()).isEqualTo(400);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                v -> assertThat(v).startsWith("application/problem+json"));
        JsonNode problem = Json.mapper().readTree(response.body());
        assertThat(problem.get("reason").asString()).isEqualTo("invalid-playbook");
        assertThat(problem.get("file").asString()).isEqualTo("draft");
        assertThat(problem.get("playbook").asString()).isEqualTo("draft-scale-out");
        assertThat(problem.get("field").asString()).isEqualTo("guard.cooldwn");
        assertThat(problem.get("problems").get(0).get("line").asInt()).isEqualTo(6);
        assertThat(problem.get("detail").asString()).contains("draft: playbook 'draft-scale-out', field 'guard.cooldwn'");
    }

    @Test
    void listsThePlaybooksInForce() throws Exception {
        JsonNode list = Json.mapper().readTree(call("GET", "/api/v1/playbooks", null).body());
        assertThat(list.get("items")).hasSizeGreaterThanOrEqualTo(6);
        assertThat(list.get("total").asLong()).isEqualTo(list.get("items").size());
        assertThat(list.get("files").get(0).asString()).isEqualTo("classpath:playbooks/examples.yml");
        Map<String, JsonNode> byName = list.get("items").valueStream()
                .collect(java.util.stream.Collectors.toMap(p -> p.get("name").asString(), p -> p));
        JsonNode restart = byName.get("restart-crashlooping-pods");
        assertThat(restart.get("actions").get(0).asString()).isEqualTo("restart");
        assertThat(restart.get("guards").toString()).isEqualTo("{\"cooldown\":\"PT15M\",\"maxAttempts\":3,"
                + "\"window\":\"PT1H\",\"flapTransitions\":6,\"flapWindow\":\"PT30M\",\"minReadyReplicas\":1,"
                + "\"minReplicas\":null,\"maxReplicas\":null,\"rateLimit\":20,\"ratePeriod\":\"PT1M\","
                + "\"approvalRequired\":false,\"approvalTimeout\":null,\"dryRun\":true}");
        JsonNode rollback = byName.get("rollback-bad-release").get("guards");
        assertThat(rollback.get("approvalRequired").asBoolean()).isTrue();
        assertThat(rollback.get("approvalTimeout").asString()).isEqualTo("PT15M");
        assertThat(rollback.get("maxAttempts").asInt()).isEqualTo(1);
        assertThat(rollback.get("window").asString()).isEqualTo("PT2H");
        JsonNode scale = byName.values().stream().filter(p -> p.get("actions").get(0).asString().equals("scale")
                && p.get("guards").get("maxReplicas").asInt() == 12).findFirst().orElseThrow().get("guards");
        assertThat(scale.get("minReplicas").asInt()).isEqualTo(1);
    }

    private static boolean noPlaybook(JsonNode evaluation) {
        return evaluation.path("playbook").isNull() || evaluation.path("playbook").isMissingNode();
    }

    private static List<String> guards(JsonNode evaluation) {
        return evaluation.get("guards").valueStream()
                .map(g -> g.get("guard").asString() + ":" + g.get("outcome").asString()).toList();
    }
}
