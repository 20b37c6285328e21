package io.alertpilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.alertpilot.model.fixtures.Samples;
import io.alertpilot.testing.ApiClient;
import io.alertpilot.testing.ApiResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Done-when 4: the PrometheusRule and the Grafana dashboard rendered from the chart use only metric names the
 * services really expose. Runs the standalone application (every service in one JVM, embedded Kafka broker), drives
 * one alert through it so that its meters exist, scrapes /actuator/prometheus and compares.
 *
 * <p>A failure names each missing metric and the module expected to expose it.
 *
 * <p>The standalone classes are loaded by name: the standalone module's packaged jar is its executable jar, so the
 * build puts standalone/target/classes on this test's class path instead (see this module's pom).
 */
class SelfMonitoringMetricsIT {

    /** Series Prometheus makes itself; no service exposes them. */
    private static final Set<String> SYNTHETIC = Set.of("up");
    private static final Map<String, String> EXPECTED_FROM = new LinkedHashMap<>();

    static {
        EXPECTED_FROM.put("alertpilot_ingest_", "ingest-service (IngestMetrics)");
        EXPECTED_FROM.put("alertpilot_remediation_dead_letters", "remediation-service: a counter "
                + "alertpilot.remediation.dead.letters (tag topic) incremented when a record goes to a -dlt topic");
        EXPECTED_FROM.put("alertpilot_notifier_dead_letters", "notifier-service: a counter "
                + "alertpilot.notifier.dead.letters (tag topic) incremented when a record goes to a -dlt topic");
        EXPECTED_FROM.put("alertpilot_remediation_", "remediation-service (RemediationMetrics)");
        EXPECTED_FROM.put("alertpilot_notifier_", "notifier-service (NotifierMetrics)");
        EXPECTED_FROM.put("resilience4j_circuitbreaker_", "remediation-service / notifier-service "
                + "(resilience4j-micrometer TaggedCircuitBreakerMetrics; a breaker exists after its first call)");
        EXPECTED_FROM.put("kafka_consumer_", "remediation-service / notifier-service consumer factories "
                + "(factory.addListener(new MicrometerConsumerListener<>(meterRegistry)))");
    }

    private static ConfigurableApplicationContext standalone;
    private static int port;

    /** Starts standalone as its main method does: embedded broker on a free port, HTTP on a free port. */
    @BeforeAll
    @SuppressWarnings({"unchecked", "rawtypes"})
    static void startStandaloneAndDriveOneAlertThrough() throws Exception {
        Class<?> application = Class.forName("io.alertpilot.standalone.StandaloneApplication");
        ApplicationContextInitializer kafka = (ApplicationContextInitializer) Class
                .forName("io.alertpilot.standalone.EmbeddedKafkaInitializer").getDeclaredConstructor().newInstance();
        // the services' jars each carry an application.yml too, earlier on the class path: name standalone's
        String config = Repository.root().resolve("standalone/target/classes/application.yml").toUri().toString();
        standalone = new SpringApplicationBuilder(application).initializers(kafka)
                .run("--spring.config.location=" + config, "--alertpilot.standalone.kafka.port=0", "--server.port=0");
        port = standalone.getEnvironment().getRequiredProperty("local.server.port", Integer.class);

        ApiResponse accepted = post("/api/v1/webhooks/alertmanager", sample("alertmanager/firing-crashloop.json"));
        assertThat(accepted.status()).as(accepted.body()).isEqualTo(202);
        ApiResponse refused = post("/api/v1/webhooks/alertmanager",
                sample("alertmanager/invalid-missing-alerts.json"));
        assertThat(refused.status()).as(refused.body()).isEqualTo(400);
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> scrape().contains(
                "alertpilot_ingest_alerts_total{"));
    }

    @AfterAll
    static void stop() {
        if (standalone != null) {
            standalone.close();
        }
    }

    @Test
    void theChartsProbesAnswerOnTheRunningApplication() throws Exception {
        Manifests manifests = Chart.render();
        Set<String> paths = new TreeSet<>();
        for (Deployment deployment : manifests.all(Deployment.class)) {
            Container container = Manifests.container(deployment);
            for (Probe probe : List.of(container.getLivenessProbe(), container.getReadinessProbe(),
                    container.getStartupProbe())) {
                paths.add(probe.getHttpGet().getPath());
            }
        }
        assertThat(paths).isNotEmpty();
        for (String path : paths) {
            ApiResponse response = get(path);
            assertThat(response.status()).as(path + ": " + response.body()).isEqualTo(200);
            assertThat(response.body()).as(path).contains("\"status\":\"UP\"");
        }
    }

    @Test
    void everyMetricTheRulesAndTheDashboardUseIsExposed() throws Exception {
        Map<String, Set<String>> used = usedMetricNames();
        assertThat(used).as("the rules and the dashboard use metrics").hasSizeGreaterThan(5);

        Set<String> missing = new TreeSet<>();
        try {
            Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() -> {
                Set<String> exposed = exposedNames(scrape());
                missing.clear();
                used.keySet().stream().filter(name -> !SYNTHETIC.contains(name) && !exposed.contains(name))
                        .forEach(missing::add);
                return missing.isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            // reported below, with where each name should come from
        }

        assertThat(missing).as(() -> "metric names used by the PrometheusRule / dashboard but not exposed on "
                + "/actuator/prometheus of the running services:\n" + missing.stream()
                        .map(name -> "  " + name + "  <- " + expectedFrom(name) + "; used by " + used.get(name))
                        .collect(Collectors.joining("\n"))).isEmpty();
    }

    /** Metric name -> where it is used ("rule AlertPilotX", "dashboard"). */
    private static Map<String, Set<String>> usedMetricNames() {
        Manifests manifests = Chart.render(Map.of("metrics.prometheusRule.enabled", true,
                "metrics.dashboard.enabled", true));
        Map<String, Set<String>> used = new TreeMap<>();
        GenericKubernetesResource rule = manifests.all("PrometheusRule").getFirst();
        List<Map<String, Object>> groups = rule.get("spec", "groups");
        for (Map<String, Object> group : groups) {
            @SuppressWarnings("unchecked")
            List<Map<String, Object>> rules = (List<Map<String, Object>>) group.get("rules");
            for (Map<String, Object> alert : rules) {
                PromQl.metricNames((String) alert.get("expr")).forEach(name ->
                        used.computeIfAbsent(name, n -> new TreeSet<>()).add("rule " + alert.get("alert")));
            }
        }
        ConfigMap dashboard = manifests.configMap("dashboard");
        for (String query : Dashboard.queries(dashboard.getData().get("alertpilot.json"))) {
            PromQl.metricNames(query).forEach(name ->
                    used.computeIfAbsent(name, n -> new TreeSet<>()).add("dashboard"));
        }
        return used;
    }

    /** The sample names of a Prometheus text exposition (what Prometheus stores series under). */
    static Set<String> exposedNames(String exposition) {
        Set<String> names = new TreeSet<>();
        for (String line : exposition.lines().toList()) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            int end = 0;
            while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                end++;
            }
            names.add(line.substring(0, end));
        }
        return names;
    }

    private static String expectedFrom(String name) {
        return EXPECTED_FROM.entrySet().stream().filter(e -> name.startsWith(e.getKey())).map(Map.Entry::getValue)
                .findFirst().orElse("no service known to expose it");
    }

    private static String scrape() {
        ApiResponse response = get("/actuator/prometheus");
        assertThat(response.status()).isEqualTo(200);
        return response.body();
    }

    private static ApiResponse get(String path) {
        return ApiClient.at(port).get(path);
    }

    private static ApiResponse post(String path, byte[] body) {
        return ApiClient.at(port).withToken("alertpilot-dev-token").post(path, body);
    }

    private static byte[] sample(String name) {
        return Samples.bytes(name);
    }
}
