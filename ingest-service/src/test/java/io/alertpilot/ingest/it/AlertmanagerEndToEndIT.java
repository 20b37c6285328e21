package io.alertpilot.ingest.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alertpilot.ingest.IngestApplication;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.LabelFingerprint;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.testing.KafkaReadBack;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * A storm's group: one Alertmanager webhook of 10,000 alerts in Alertmanager's real shape (about 9 MB) is accepted
 * with the default limits and every alert is found on Kafka. And a real Prometheus Alertmanager (Debian's {@code prometheus-alertmanager}, installed by {@code .ci/run}) sends its
 * real webhook, with bearer authentication, to a running ingest service; the alert is found on Kafka, firing and then
 * resolved under the same key. Where the binary is missing the test is skipped, except on CI, where it fails.
 */
@EmbeddedKafka(partitions = 1)
@SpringBootTest(classes = IngestApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
            "spring.kafka.bootstrap-servers=${spring.embedded.kafka.brokers}",
            "alertpilot.ingest.auth.tokens=e2e-token",
            "alertpilot.ingest.topics.partitions=2",
            "logging.structured.format.console="
        })
class AlertmanagerEndToEndIT {

    private static final List<Path> BINARIES = List.of(
            Path.of("/usr/bin/prometheus-alertmanager"), Path.of("/usr/local/bin/alertmanager"),
            Path.of("/usr/bin/alertmanager"));

    @LocalServerPort
    int port;

    @Value("${spring.embedded.kafka.brokers}")
    String brokers;

    @TempDir
    Path dir;

    private Process alertmanager;

    @AfterEach
    void stopAlertmanager() {
        if (alertmanager != null) {
            alertmanager.destroy();
            alertmanager.onExit().orTimeout(10, java.util.concurrent.TimeUnit.SECONDS).exceptionally(e -> {
                alertmanager.destroyForcibly();
                return alertmanager;
            }).join();
        }
    }

    @Test
    void aGroupOf10000AlertsIsAcceptedWithTheDefaultLimitsAndEveryAlertIsOnKafka() throws Exception {
        String run = UUID.randomUUID().toString();
        byte[] body = stormGroup(run, 10_000);
        System.out.printf("a group of 10,000 alerts: %,d bytes%n", body.length);
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + port + "/api/v1/webhooks/alertmanager"))
                .timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer e2e-token")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                .build(), HttpResponse.BodyHandlers.ofString());

        assertThat(response.statusCode()).as(response.body().substring(0, Math.min(500, response.body().length())))
                .isEqualTo(202);
        assertThat(Json.mapper().readTree(response.body()).get("accepted").asInt()).isEqualTo(10_000);
        List<AlertEvent> onKafka = KafkaReadBack.readAllValues(brokers, Topics.ALERTS, AlertEvent.class).stream()
                .filter(alert -> run.equals(alert.label("run"))).toList();
        assertThat(onKafka).hasSize(10_000);
        assertThat(onKafka).extracting(AlertEvent::fingerprint).doesNotHaveDuplicates();
        assertThat(onKafka).allSatisfy(alert -> {
            assertThat(alert.groupKey()).isEqualTo("{}/{severity=\"critical\"}:{alertname=\"KubePodCrashLooping\"}");
            assertThat(alert.receiver()).isEqualTo("shop-pager");
            assertThat(alert.target().kind()).isEqualTo("Deployment");
        });
    }

    /**
     * A firing group of {@code size} crash-looping pods as Alertmanager writes it (compact, the fields in its order,
     * the labels and annotations of kube-prometheus-stack's rule), each alert with its own pod and fingerprint.
     */
    private static byte[] stormGroup(String run, int size) {
        StringBuilder alerts = new StringBuilder();
        for (int i = 0; i < size; i++) {
            String pod = "svc-" + (i % 500) + "-7d9f8b6c5d-" + Integer.toString(100_000 + i, 36);
            alerts.append(i == 0 ? "" : ",").append("""
                    {"status":"firing","labels":{"alertname":"KubePodCrashLooping","cluster":"aks-shop-prod-weu",\
                    "container":"app","deployment":"svc-%d","instance":"10.244.1.17:8080","job":"kube-state-metrics",\
                    "namespace":"shop","pod":"%s","prometheus":"monitoring/kube-prometheus-stack-prometheus",\
                    "run":"%s","severity":"critical"},"annotations":{"description":"Pod shop/%s (app) is in waiting \
                    state (reason: CrashLoopBackOff).","runbook_url":"https://runbooks.prometheus-operator.dev/runbooks/\
                    kubernetes/kubepodcrashlooping","summary":"Pod is crash looping."},"startsAt":"2026-11-23T07:58:12.\
                    512Z","endsAt":"0001-01-01T00:00:00Z","generatorURL":"https://prometheus.shop.example.com/graph?g0\
                    .expr=max_over_time%%28kube_pod_container_status_waiting_reason%%7Breason%%3D%%22CrashLoopBackOff\
                    %%22%%7D%%5B5m%%5D%%29+%%3E%%3D+1&g0.tab=1","fingerprint":"%016x"}""".formatted(i % 500, pod, run, pod,
                    (long) i * 0x9E3779B97F4A7C15L >>> 1));
        }
        return ("""
                {"receiver":"shop\\\\-pager","status":"firing","alerts":[%s],"groupLabels":{"alertname":\
                "KubePodCrashLooping"},"commonLabels":{"alertname":"KubePodCrashLooping","severity":"critical"},\
                "commonAnnotations":{},"externalURL":"https://alertmanager.shop.example.com","version":"4",\
                "groupKey":"{}/{severity=\\"critical\\"}:{alertname=\\"KubePodCrashLooping\\"}",\
                "truncatedAlerts":0}""".formatted(alerts)).getBytes(java.nio.charset.StandardCharsets.UTF_8);
    }

    @Test
    void alertmanagerWebhookWithBearerTokenPutsTheAlertOnKafka() throws Exception {
        Path binary = BINARIES.stream().filter(Files::isExecutable).findFirst().orElse(null);
        if (binary == null) {
            if ("true".equals(System.getenv("CI"))) {
                throw new IllegalStateException("prometheus-alertmanager is not installed: .ci/run must install it");
            }
            Assumptions.abort("prometheus-alertmanager is not installed (apt-get install prometheus-alertmanager)");
        }
        int amPort = freePort();
        Path config = dir.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: alertpilot
                  group_by: [alertname, namespace]
                  group_wait: 1s
                  group_interval: 1s
                  repeat_interval: 1h
                receivers:
                  - name: alertpilot
                    webhook_configs:
                      - url: http://127.0.0.1:%d/api/v1/webhooks/alertmanager
                        send_resolved: true
                        http_config:
                          authorization:
                            type: Bearer
                            credentials: e2e-token
                """.formatted(port));
        alertmanager = new ProcessBuilder(binary.toString(),
                "--config.file=" + config,
                "--storage.path=" + dir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + amPort,
                "--cluster.listen-address=")
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("alertmanager.log").toFile())
                .start();
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String am = "http://127.0.0.1:" + amPort;
        await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() -> client.send(
                HttpRequest.newBuilder(URI.create(am + "/-/ready")).timeout(Duration.ofSeconds(2)).build(),
                HttpResponse.BodyHandlers.discarding()).statusCode() == 200);

        Map<String, String> labels = new LinkedHashMap<>();
        labels.put("alertname", "KubePodCrashLooping");
        labels.put("namespace", "shop");
        labels.put("deployment", "checkout-api");
        labels.put("severity", "critical");
        labels.put("run", UUID.randomUUID().toString());
        Instant startsAt = Instant.now().minusSeconds(60);
        postAlert(client, am, labels, startsAt, null);

        try (KafkaReadBack<byte[]> records = KafkaReadBack.open(brokers, Topics.ALERTS, byte[].class)) {
            ConsumerRecord<String, byte[]> firing = records.await(record -> matches(record, labels, AlertStatus.FIRING));
            AlertEvent alert = Json.read(firing.value(), AlertEvent.class);
            assertThat(firing.key()).isEqualTo(LabelFingerprint.of(labels)).isEqualTo(alert.fingerprint());
            assertThat(alert.source()).isEqualTo(AlertSource.ALERTMANAGER);
            assertThat(alert.severity()).isEqualTo(Severity.CRITICAL);
            assertThat(alert.receiver()).isEqualTo("alertpilot");
            assertThat(alert.target().kind()).isEqualTo("Deployment");
            assertThat(alert.target().name()).isEqualTo("checkout-api");
            assertThat(alert.endsAt()).isNull();

            postAlert(client, am, labels, startsAt, Instant.now().minusSeconds(1));
            ConsumerRecord<String, byte[]> resolved = records.await(
                    record -> matches(record, labels, AlertStatus.RESOLVED));
            assertThat(resolved.key()).isEqualTo(firing.key());
            assertThat(Json.read(resolved.value(), AlertEvent.class).endsAt()).isNotNull();
        }
    }

    private static boolean matches(ConsumerRecord<String, byte[]> record, Map<String, String> labels,
            AlertStatus status) {
        AlertEvent alert = Json.read(record.value(), AlertEvent.class);
        return alert.status() == status && labels.get("run").equals(alert.label("run"));
    }

    private static void postAlert(HttpClient client, String am, Map<String, String> labels, Instant startsAt,
            Instant endsAt) throws IOException, InterruptedException {
        Map<String, Object> alert = new LinkedHashMap<>();
        alert.put("labels", labels);
        alert.put("annotations", Map.of("summary", "checkout-api keeps restarting"));
        alert.put("startsAt", startsAt.toString());
        if (endsAt != null) {
            alert.put("endsAt", endsAt.toString());
        }
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(URI.create(am + "/api/v2/alerts"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Json.writeString(List.of(alert))))
                .build(), HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
