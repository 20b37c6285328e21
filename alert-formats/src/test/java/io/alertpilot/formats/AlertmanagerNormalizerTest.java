package io.alertpilot.formats;

import static io.alertpilot.formats.Expectations.RECEIVED;
import static io.alertpilot.formats.Expectations.SETTINGS;
import static io.alertpilot.formats.Expectations.limitedTo;
import static io.alertpilot.formats.Expectations.assertAlerts;
import static io.alertpilot.formats.Expectations.map;
import static io.alertpilot.formats.JsonEdit.json;
import static io.alertpilot.formats.JsonEdit.remove;
import static io.alertpilot.formats.JsonEdit.set;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.LabelFingerprint;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.alert.SeverityMapping;
import io.alertpilot.model.alert.Target;
import io.alertpilot.model.fixtures.Samples;
import io.alertpilot.model.kafka.Json;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.core.JacksonException;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;

class AlertmanagerNormalizerTest {

    private static final String CLUSTER = "aks-shop-prod-weu";
    private static final String PROMETHEUS = "monitoring/kube-prometheus-stack-prometheus";
    private static final String CRASHLOOP_GROUP =
            "{}/{severity=\"critical\"}:{alertname=\"KubePodCrashLooping\", namespace=\"shop\"}";
    private static final String SHOP_GROUP = "{}/{team=\"shop-core\"}:{cluster=\"aks-shop-prod-weu\", namespace=\"shop\"}";
    private static final String EXTERNAL_URL = "https://alertmanager.shop.example.com";

    private final AlertmanagerNormalizer normalizer = new AlertmanagerNormalizer(SETTINGS);

    private List<AlertEvent> normalize(String sample) {
        return normalizer.normalize(Samples.json(sample), RECEIVED);
    }

    private List<AlertEvent> normalize(JsonNode body) {
        return normalizer.normalize(body, RECEIVED);
    }

    // ---- the samples, field by field

    @Test
    void readsTheFiringCrashLoop() {
        assertAlerts(normalize("alertmanager/firing-crashloop.json"), crashLoop(AlertStatus.FIRING, null));
    }

    @Test
    void readsTheResolvedCrashLoopWithItsEndAndTheSameFingerprint() {
        assertAlerts(normalize("alertmanager/resolved-crashloop.json"),
                crashLoop(AlertStatus.RESOLVED, Instant.parse("2026-11-23T08:41:42.512Z")));
    }

    @Test
    void readsEveryAlertOfAGroupInOrder() {
        assertAlerts(normalize("alertmanager/firing-group-3-alerts.json"),
                queueDepthHigh(AlertStatus.FIRING, null), highErrorRate(), highLatency());
    }

    @Test
    void aResolvedAlertInsideAFiringMessageResolvesOnlyItself() {
        List<AlertEvent> alerts = normalize("alertmanager/firing-group-mixed-resolved.json");

        assertAlerts(alerts,
                queueDepthHigh(AlertStatus.RESOLVED, Instant.parse("2026-11-23T09:05:56.118Z")),
                highErrorRate(), highLatency());
        assertThat(alerts).extracting(AlertEvent::status)
                .containsExactly(AlertStatus.RESOLVED, AlertStatus.FIRING, AlertStatus.FIRING);
    }

    @Test
    void firingAndResolvedOfOneAlertShareTheKey() {
        AlertEvent firing = normalize("alertmanager/firing-group-3-alerts.json").getFirst();
        AlertEvent resolved = normalize("alertmanager/firing-group-mixed-resolved.json").getFirst();

        assertThat(resolved.fingerprint()).isEqualTo(firing.fingerprint()).isEqualTo("c6ed2e83049d919e");
        assertThat(resolved.eventId()).isNotEqualTo(firing.eventId());
    }

    private static AlertEvent crashLoop(AlertStatus status, Instant endsAt) {
        return new AlertEvent(
                1,
                "ignored",
                AlertSource.ALERTMANAGER,
                "0c029c006d0ffce0",
                status,
                "KubePodCrashLooping",
                Severity.CRITICAL,
                "critical",
                "checkout-api container keeps restarting in shop/checkout-api-7d9f8b6c5d-x2x4q",
                "Container checkout-api of pod shop/checkout-api-7d9f8b6c5d-x2x4q has been waiting in CrashLoopBackOff "
                        + "for more than 15 minutes (9 restarts).",
                "https://runbooks.shop.example.com/kubernetes/pod-crash-looping",
                "https://prometheus.shop.example.com/graph?g0.expr=max_over_time%28kube_pod_container_status_waiting_"
                        + "reason%7Bjob%3D%22kube-state-metrics%22%2Creason%3D%22CrashLoopBackOff%22%7D%5B5m%5D%29+%3E"
                        + "%3D+1&g0.tab=1",
                map("alertname", "KubePodCrashLooping", "cluster", CLUSTER, "container", "checkout-api",
                        "deployment", "checkout-api", "instance", "10.244.1.17:8080", "job", "kube-state-metrics",
                        "namespace", "shop", "pod", "checkout-api-7d9f8b6c5d-x2x4q", "prometheus", PROMETHEUS,
                        "reason", "CrashLoopBackOff", "severity", "critical"),
                map("description", "Container checkout-api of pod shop/checkout-api-7d9f8b6c5d-x2x4q has been waiting "
                                + "in CrashLoopBackOff for more than 15 minutes (9 restarts).",
                        "runbook_url", "https://runbooks.shop.example.com/kubernetes/pod-crash-looping",
                        "summary", "checkout-api container keeps restarting in shop/checkout-api-7d9f8b6c5d-x2x4q"),
                new Target(CLUSTER, "shop", "Deployment", "checkout-api", "checkout-api-7d9f8b6c5d-x2x4q",
                        "checkout-api", null, null, null),
                Instant.parse("2026-11-23T07:58:12.512Z"),
                endsAt,
                RECEIVED,
                CRASHLOOP_GROUP,
                "shop-pager",
                EXTERNAL_URL);
    }

    private static AlertEvent queueDepthHigh(AlertStatus status, Instant endsAt) {
        return new AlertEvent(
                1,
                "ignored",
                AlertSource.ALERTMANAGER,
                "c6ed2e83049d919e",
                status,
                "QueueDepthHigh",
                Severity.WARNING,
                "warning",
                "Queue orders holds 18250 messages (threshold 10000)",
                "order-worker is not draining the orders queue fast enough.",
                "https://runbooks.shop.example.com/shop/queue-depth",
                "https://prometheus.shop.example.com/graph?g0.expr=sum+by+%28queue%29+%28rabbitmq_queue_messages%7B"
                        + "namespace%3D%22shop%22%2Cqueue%3D%22orders%22%7D%29+%3E+10000&g0.tab=1",
                map("alertname", "QueueDepthHigh", "cluster", CLUSTER, "deployment", "order-worker",
                        "instance", "rabbitmq-0.rabbitmq.shop.svc:9419", "job", "rabbitmq-exporter",
                        "namespace", "shop", "prometheus", PROMETHEUS, "queue", "orders", "severity", "warning",
                        "team", "shop-core"),
                map("description", "order-worker is not draining the orders queue fast enough.",
                        "runbook_url", "https://runbooks.shop.example.com/shop/queue-depth",
                        "summary", "Queue orders holds 18250 messages (threshold 10000)"),
                new Target(CLUSTER, "shop", "Deployment", "order-worker", null, null, null, null, null),
                Instant.parse("2026-11-23T08:47:11.118Z"),
                endsAt,
                RECEIVED,
                SHOP_GROUP,
                "shop-oncall",
                EXTERNAL_URL);
    }

    private static AlertEvent highErrorRate() {
        return new AlertEvent(
                1,
                "ignored",
                AlertSource.ALERTMANAGER,
                "af8555c90ed5e5f7",
                AlertStatus.FIRING,
                "HighErrorRate",
                Severity.CRITICAL,
                "critical",
                "7.9% of checkout-api requests fail with 5xx",
                "The 5xx ratio of checkout-api has been above 5% for 5 minutes.",
                "https://runbooks.shop.example.com/shop/high-error-rate",
                "https://prometheus.shop.example.com/graph?g0.expr=sum%28rate%28http_server_requests_total%7B"
                        + "namespace%3D%22shop%22%2Cservice%3D%22checkout-api%22%2Ccode%3D~%225..%22%7D%5B5m%5D%29%29"
                        + "+%2F+sum%28rate%28http_server_requests_total%7Bnamespace%3D%22shop%22%2Cservice%3D%22"
                        + "checkout-api%22%7D%5B5m%5D%29%29+%3E+0.05&g0.tab=1",
                map("alertname", "HighErrorRate", "cluster", CLUSTER, "deployment", "checkout-api",
                        "namespace", "shop", "prometheus", PROMETHEUS, "service", "checkout-api",
                        "severity", "critical", "team", "shop-core"),
                map("description", "The 5xx ratio of checkout-api has been above 5% for 5 minutes.",
                        "runbook_url", "https://runbooks.shop.example.com/shop/high-error-rate",
                        "summary", "7.9% of checkout-api requests fail with 5xx"),
                new Target(CLUSTER, "shop", "Deployment", "checkout-api", null, null, null, "checkout-api", null),
                Instant.parse("2026-11-23T09:04:26.118Z"),
                null,
                RECEIVED,
                SHOP_GROUP,
                "shop-oncall",
                EXTERNAL_URL);
    }

    private static AlertEvent highLatency() {
        return new AlertEvent(
                1,
                "ignored",
                AlertSource.ALERTMANAGER,
                "d542b532e4b1bd60",
                AlertStatus.FIRING,
                "HighLatencyP95",
                Severity.CRITICAL,
                "critical",
                "p95 latency of checkout-api is 2.4s (threshold 1s)",
                "The 95th percentile of request latency on route /api/v1/checkout has been above 1s for 10 minutes.",
                "https://runbooks.shop.example.com/shop/high-latency",
                "https://prometheus.shop.example.com/graph?g0.expr=histogram_quantile%280.95%2C+sum+by+%28le%2C+"
                        + "service%2C+route%29+%28rate%28http_server_request_duration_seconds_bucket%7Bnamespace%3D%22"
                        + "shop%22%2Cservice%3D%22checkout-api%22%7D%5B5m%5D%29%29%29+%3E+1&g0.tab=1",
                map("alertname", "HighLatencyP95", "cluster", CLUSTER, "deployment", "checkout-api",
                        "namespace", "shop", "prometheus", PROMETHEUS, "route", "/api/v1/checkout",
                        "service", "checkout-api", "severity", "critical", "team", "shop-core"),
                map("description", "The 95th percentile of request latency on route /api/v1/checkout has been above 1s "
                                + "for 10 minutes.",
                        "runbook_url", "https://runbooks.shop.example.com/shop/high-latency",
                        "summary", "p95 latency of checkout-api is 2.4s (threshold 1s)"),
                new Target(CLUSTER, "shop", "Deployment", "checkout-api", null, null, null, "checkout-api", null),
                Instant.parse("2026-11-23T09:02:41.118Z"),
                null,
                RECEIVED,
                SHOP_GROUP,
                "shop-oncall",
                EXTERNAL_URL);
    }

    // ---- details of the format

    @Test
    void computesAMissingFingerprintFromTheLabelsAsAlertmanagerDoes() {
        JsonNode body = remove(Samples.json("alertmanager/firing-crashloop.json"), "alerts[0].fingerprint");

        assertThat(normalize(body).getFirst().fingerprint()).isEqualTo("0c029c006d0ffce0");
        assertThat(normalize(set(body, "alerts[0].fingerprint", "\"\"")).getFirst().fingerprint())
                .isEqualTo("0c029c006d0ffce0");
    }

    @Test
    void keepsTheFingerprintAlertmanagerSentEvenWhenTheLabelsDiffer() {
        JsonNode body = set(Samples.json("alertmanager/firing-crashloop.json"), "alerts[0].labels.pod", "\"other\"");

        assertThat(normalize(body).getFirst().fingerprint()).isEqualTo("0c029c006d0ffce0");
    }

    @Test
    void undoesTheRegexpQuotingOfTheReceiverName() {
        JsonNode body = set(Samples.json("alertmanager/firing-crashloop.json"), "receiver", "\"shop\\\\.pager\\\\+1\"");

        assertThat(normalize(body).getFirst().receiver()).isEqualTo("shop.pager+1");
    }

    @Test
    void readsTimesWithOffsetsAndNanosecondsAsUtcInstants() {
        JsonNode body = set(Samples.json("alertmanager/resolved-crashloop.json"), "alerts[0].startsAt",
                "\"2026-11-23T08:58:12.123456789+01:00\"");
        body = set(body, "alerts[0].endsAt", "\"2026-11-23T09:41:42Z\"");

        AlertEvent alert = normalize(body).getFirst();

        assertThat(alert.startsAt()).isEqualTo(Instant.parse("2026-11-23T07:58:12.123456789Z"));
        assertThat(alert.endsAt()).isEqualTo(Instant.parse("2026-11-23T09:41:42Z"));
    }

    @Test
    void aResolvedAlertWithTheZeroEndHasNoEnd() {
        JsonNode body = set(Samples.json("alertmanager/resolved-crashloop.json"), "alerts[0].endsAt",
                "\"0001-01-01T00:00:00Z\"");

        assertThat(normalize(body).getFirst().endsAt()).isNull();
    }

    @Test
    void aFiringAlertNeverHasAnEnd() {
        JsonNode body = set(Samples.json("alertmanager/firing-crashloop.json"), "alerts[0].endsAt",
                "\"2026-11-23T09:00:00Z\"");

        assertThat(normalize(body).getFirst().endsAt()).isNull();
    }

    @Test
    void missingTimesStayNull() {
        JsonNode body = remove(Samples.json("alertmanager/resolved-crashloop.json"), "alerts[0].startsAt");
        body = remove(body, "alerts[0].endsAt");

        AlertEvent alert = normalize(body).getFirst();

        assertThat(alert.startsAt()).isNull();
        assertThat(alert.endsAt()).isNull();
    }

    @Test
    void anAlertWithoutSeverityLabelIsInfo() {
        JsonNode body = remove(Samples.json("alertmanager/firing-crashloop.json"), "alerts[0].labels.severity");

        AlertEvent alert = normalize(body).getFirst();

        assertThat(alert.severity()).isEqualTo(Severity.INFO);
        assertThat(alert.sourceSeverity()).isNull();
    }

    @Test
    void usesTheSeverityMappingItIsGiven() {
        AlertmanagerNormalizer custom = new AlertmanagerNormalizer(
                new FormatSettings(SeverityMapping.withOverrides(Map.of("critical", Severity.HIGH)), 1000));

        AlertEvent alert = custom.normalize(Samples.json("alertmanager/firing-crashloop.json"), RECEIVED).getFirst();

        assertThat(alert.severity()).isEqualTo(Severity.HIGH);
        assertThat(alert.sourceSeverity()).isEqualTo("critical");
    }

    @Test
    void fallsBackToOtherAnnotationsAndTheNameForSummaryAndRunbook() {
        JsonNode body = set(Samples.json("alertmanager/firing-crashloop.json"), "alerts[0].annotations",
                "{\"message\": \"from message\", \"runbook\": \"https://runbooks/x\"}");
        AlertEvent fromMessage = normalize(body).getFirst();
        body = set(body, "alerts[0].annotations", "{\"title\": \"from title\", \"runbookUrl\": \"https://runbooks/y\"}");
        AlertEvent fromTitle = normalize(body).getFirst();
        body = remove(body, "alerts[0].annotations");
        AlertEvent bare = normalize(body).getFirst();

        assertThat(fromMessage.summary()).isEqualTo("from message");
        assertThat(fromMessage.runbookUrl()).isEqualTo("https://runbooks/x");
        assertThat(fromMessage.description()).isNull();
        assertThat(fromTitle.summary()).isEqualTo("from title");
        assertThat(fromTitle.runbookUrl()).isEqualTo("https://runbooks/y");
        assertThat(bare.summary()).isEqualTo("KubePodCrashLooping");
        assertThat(bare.runbookUrl()).isNull();
        assertThat(bare.annotations()).isEmpty();
    }

    @Test
    void emptyGeneratorUrlIsNull() {
        JsonNode body = set(Samples.json("alertmanager/firing-crashloop.json"), "alerts[0].generatorURL", "\"\"");

        assertThat(normalize(body).getFirst().generatorUrl()).isNull();
    }

    @Test
    void readsNumberAndBooleanLabelValuesAsText() {
        JsonNode body = set(Samples.json("alertmanager/firing-crashloop.json"), "alerts[0].labels.replicas", "3");
        body = set(body, "alerts[0].labels.canary", "true");

        AlertEvent alert = normalize(body).getFirst();

        assertThat(alert.labels()).containsEntry("replicas", "3").containsEntry("canary", "true");
    }

    @Test
    void readsTheTargetFromStatefulSetDaemonSetPodNodeAndServiceLabels() {
        record Row(Map<String, String> labels, Target target) {
        }
        List<Row> rows = List.of(
                new Row(Map.of("statefulset", "postgres", "pod", "postgres-0", "namespace", "db"),
                        new Target(null, "db", "StatefulSet", "postgres", "postgres-0", null, null, null, null)),
                new Row(Map.of("daemonset", "fluent-bit", "node", "aks-node-1"),
                        new Target(null, null, "DaemonSet", "fluent-bit", null, null, "aks-node-1", null, null)),
                new Row(Map.of("pod", "job-1", "container", "main", "namespace", "batch"),
                        new Target(null, "batch", "Pod", "job-1", "job-1", "main", null, null, null)),
                new Row(Map.of("node", "aks-node-2", "service", "kubelet"),
                        new Target(null, null, "Node", "aks-node-2", null, null, "aks-node-2", "kubelet", null)),
                new Row(Map.of("service", "pg-primary", "namespace", "payments", "cluster", "c1"),
                        new Target("c1", "payments", "Service", "pg-primary", null, null, null, "pg-primary", null)),
                new Row(Map.of("deployment", " ", "namespace", "shop"),
                        new Target(null, "shop", null, null, null, null, null, null, null)),
                new Row(Map.of(), Target.NONE));
        for (Row row : rows) {
            JsonNode body = set(Samples.json("alertmanager/firing-crashloop.json"), "alerts[0].labels", "{}");
            for (Map.Entry<String, String> label : row.labels().entrySet()) {
                body = set(body, "alerts[0].labels." + label.getKey(), Json.mapper().valueToTree(label.getValue()));
            }
            body = set(body, "alerts[0].labels.alertname", "\"Probe\"");
            body = remove(body, "alerts[0].fingerprint");

            assertThat(normalize(body).getFirst().target()).as("%s", row.labels()).isEqualTo(row.target());
        }
    }

    @Test
    void toleratesFieldsOfNewerVersionsAndUnknownFields() {
        JsonNode body = set(Samples.json("alertmanager/firing-group-3-alerts.json"), "routeLabels",
                "{\"team\": \"shop-core\"}");
        body = set(body, "notification_reason", "\"new alerts added\"");
        body = set(body, "futureField", "{\"nested\": [1, {\"deep\": [[[null]]]}]}");
        body = set(body, "alerts[1].futureField", "[true, 1.5]");

        assertAlerts(normalize(body), queueDepthHigh(AlertStatus.FIRING, null), highErrorRate(), highLatency());
    }

    @Test
    void acceptsAsManyAlertsAsTheLimit() {
        AlertmanagerNormalizer limited = new AlertmanagerNormalizer(limitedTo(3));

        List<AlertEvent> alerts = limited.normalize(Samples.json("alertmanager/firing-group-3-alerts.json"), RECEIVED);

        assertThat(alerts).hasSize(3);
    }

    @Test
    void refusesMoreAlertsThanTheLimit() {
        AlertmanagerNormalizer limited = new AlertmanagerNormalizer(limitedTo(2));

        assertThatThrownBy(() -> limited.normalize(Samples.json("alertmanager/firing-group-3-alerts.json"), RECEIVED))
                .isInstanceOf(InvalidAlertException.class)
                .hasMessageContaining("3 alerts, more than the limit of 2")
                .extracting(e -> ((InvalidAlertException) e).field()).isEqualTo("alerts");
    }

    @Test
    void anEmptyAlertListGivesNoAlerts() {
        assertThat(normalize(set(Samples.json("alertmanager/firing-crashloop.json"), "alerts", "[]"))).isEmpty();
    }

    @Test
    void theSameLabelsInAnotherMessageGiveTheSameFingerprint() {
        ArrayNode alerts = (ArrayNode) Samples.json("alertmanager/firing-group-3-alerts.json").get("alerts");
        for (JsonNode alert : alerts) {
            JsonNode body = remove(set(Samples.json("alertmanager/firing-crashloop.json"), "alerts[0]", alert),
                    "alerts[0].fingerprint");
            Map<String, String> labels = Json.mapper().convertValue(alert.get("labels"),
                    new TypeReference<Map<String, String>>() { });

            assertThat(normalize(body).getFirst().fingerprint())
                    .isEqualTo(alert.get("fingerprint").stringValue())
                    .isEqualTo(LabelFingerprint.of(labels));
        }
    }

    @Test
    void refusesALabelNameOfBytesThatAreNotUtf8() {
        // F5 is never a UTF-8 byte, yet the JSON parser decodes F5 89 8D 89 in a name to an unpaired surrogate: an
        // alert with it would reach Kafka and no consumer could read it back (found by NormalizerFuzzTest)
        byte[] sample = Samples.json("alertmanager/firing-crashloop.json").toString()
                .replace("\"alertname\"", "\"alert@@@@name\"").getBytes(StandardCharsets.UTF_8);
        String text = new String(sample, StandardCharsets.ISO_8859_1).replace("@@@@", "\u00f5\u0089\u008d\u0089");
        JsonNode body = Json.mapper().readTree(text.getBytes(StandardCharsets.ISO_8859_1));

        assertThatThrownBy(() -> normalize(body))
                .isInstanceOf(InvalidAlertException.class)
                .hasMessageContaining("not valid UTF-8")
                .extracting(e -> ((InvalidAlertException) e).field()).isEqualTo("alerts[0].labels");
    }

    @Test
    void refusesALoneSurrogateEscapeInAnAnnotation() {
        JsonNode body = Json.mapper().readTree(Samples.json("alertmanager/firing-crashloop.json").toString()
                .replace("\"summary\":\"", "\"summary\":\"\\udce4"));

        assertThatThrownBy(() -> normalize(body))
                .isInstanceOf(InvalidAlertException.class)
                .extracting(e -> ((InvalidAlertException) e).field()).isEqualTo("alerts[0].annotations.summary");
    }

    @Test
    void theSourceIsAlertmanager() {
        assertThat(normalizer.source()).isEqualTo(AlertSource.ALERTMANAGER);
    }

    @Test
    void refusesTheSampleWithoutAlerts() {
        assertThatThrownBy(() -> normalize("alertmanager/invalid-missing-alerts.json"))
                .isInstanceOf(InvalidAlertException.class)
                .hasMessage("'alerts' is required")
                .extracting(e -> ((InvalidAlertException) e).field()).isEqualTo("alerts");
    }

    @Test
    void theNotJsonSampleIsNotEvenJson() {
        // the controller refuses it before any normalizer sees it; this keeps the sample honest
        assertThatThrownBy(() -> json(Samples.string("alertmanager/invalid-not-json.txt")))
                .isInstanceOf(JacksonException.class);
    }
}
