package io.alertpilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.lang.reflect.Field;
import java.net.URI;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.Yaml;

/**
 * compose/docker-compose.yml, checked offline (no Docker here): the services and how they are wired, and that
 * Alertmanager calls ingest's real webhook path with the token ingest is configured with.
 */
class ComposeFileTest {

    private static Map<String, Object> compose;
    private static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void load() throws IOException {
        compose = new Yaml().load(Files.readString(Repository.compose().resolve("docker-compose.yml")));
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @Test
    void runsKafkaTheServicesTheConsolePrometheusAndAlertmanager() {
        assertThat(services).containsOnlyKeys("kafka", "ingest", "remediation", "notifier", "console", "prometheus",
                "alertmanager");
        assertThat((String) services.get("kafka").get("image")).startsWith("apache/kafka:");
        assertThat((String) services.get("prometheus").get("image")).startsWith("prom/prometheus:");
        assertThat((String) services.get("alertmanager").get("image")).startsWith("prom/alertmanager:");
    }

    @Test
    void kafkaIsOneKraftNodeThatTheServicesReach() {
        Map<String, Object> env = environment("kafka");
        assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).isEqualTo("1@kafka:9093");
        assertThat(env).containsEntry("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR", 1).containsKey("CLUSTER_ID")
                .doesNotContainKey("KAFKA_ZOOKEEPER_CONNECT");
        assertThat((String) env.get("KAFKA_ADVERTISED_LISTENERS")).contains("PLAINTEXT://kafka:9092");
        for (String service : ChartTest.COMPONENTS) {
            assertThat(environment(service)).as(service).containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092");
            Map<String, Object> dependsOn = map(services.get(service).get("depends_on"));
            assertThat(map(dependsOn.get("kafka"))).as(service).containsEntry("condition", "service_healthy");
        }
    }

    @Test
    void eachServiceIsBuiltFromTheOneDockerfileWithItsModuleAndPublishesItsPort() {
        Map<String, String> hostPorts = Map.of("ingest", "8081:8080", "remediation", "8082:8080",
                "notifier", "8083:8080", "console", "8084:8080");
        for (String service : ChartTest.COMPONENTS) {
            Map<String, Object> definition = services.get(service);
            Map<String, Object> build = map(definition.get("build"));
            assertThat(build).containsEntry("context", "..").containsEntry("dockerfile", "Dockerfile");
            String module = ChartTest.IMAGES.get(service);
            assertThat(map(build.get("args"))).containsExactly(Map.entry("MODULE", module));
            assertThat(Repository.compose().resolve("..").resolve((String) build.get("dockerfile"))).isRegularFile();
            assertThat(Repository.root().resolve(module + "/pom.xml")).isRegularFile();
            assertThat((String) definition.get("image")).isEqualTo("alertpilot/" + module + ":dev");
            assertThat(list(definition.get("ports"))).containsExactly(hostPorts.get(service));
        }
        assertThat(list(services.get("prometheus").get("ports"))).containsExactly("9090:9090");
        assertThat(list(services.get("alertmanager").get("ports"))).containsExactly("9093:9093");
    }

    @Test
    void approvalPagesLinkToTheRemediationApiAndTheConsoleAtTheirPublishedPorts() {
        assertThat(environment("notifier"))
                .containsEntry("ALERTPILOT_NOTIFIER_LINKS_API_URL", "http://localhost:" + hostPort("remediation"))
                .containsEntry("ALERTPILOT_NOTIFIER_LINKS_CONSOLE_URL", "http://localhost:" + hostPort("console"));
    }

    @Test
    void theConsoleCallsTheServicesByTheirNamesOnTheContainerPort() {
        assertThat(environment("console"))
                .containsEntry("ALERTPILOT_CONSOLE_REMEDIATION_URL", "http://remediation:8080")
                .containsEntry("ALERTPILOT_CONSOLE_NOTIFIER_URL", "http://notifier:8080")
                .containsEntry("ALERTPILOT_API_AUTH_TOKENS", environment("notifier").get("ALERTPILOT_API_AUTH_TOKENS"));
        for (String peer : List.of("remediation", "notifier")) {
            URI url = URI.create((String) environment("console").get(
                    "ALERTPILOT_CONSOLE_" + peer.toUpperCase(java.util.Locale.ROOT) + "_URL"));
            assertThat(services).containsKey(url.getHost());
            assertThat(list(services.get(url.getHost()).get("ports")).getFirst()).endsWith(":" + url.getPort());
        }
    }

    private static String hostPort(String service) {
        return list(services.get(service).get("ports")).getFirst().split(":")[0];
    }

    @Test
    void everyServiceHasAHealthCheckAndTheServicesRunLockedDown() {
        services.forEach((name, definition) ->
                assertThat(map(definition.get("healthcheck")).get("test")).as(name).isNotNull());
        for (String service : ChartTest.COMPONENTS) {
            Map<String, Object> definition = services.get(service);
            assertThat(String.join(" ", list(map(definition.get("healthcheck")).get("test"))))
                    .contains("/dev/tcp/127.0.0.1/8080").contains("/actuator/health/readiness")
                    .contains("\"status\":\"UP\"");
            assertThat(definition).containsEntry("read_only", true).containsEntry("user", "10001:10001");
            assertThat(list(definition.get("cap_drop"))).containsExactly("ALL");
            assertThat(list(definition.get("tmpfs"))).containsExactly("/tmp");
            assertThat(environment(service)).containsKeys("ALERTPILOT_API_TOKEN", "ALERTPILOT_API_AUTH_TOKENS")
                    .containsEntry("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health,info,prometheus");
        }
    }

    @Test
    void remediationAndNotifierReadThePlaybooksAndPoliciesMountedFromTheRepository() {
        assertMountedDirectory("remediation", "ALERTPILOT_REMEDIATION_PLAYBOOKS_LOCATIONS", "playbooks");
        assertMountedDirectory("notifier", "ALERTPILOT_NOTIFIER_POLICIES_DIRECTORY", "policies");
        assertThat(environment("remediation")).containsEntry("ALERTPILOT_REMEDIATION_DRY_RUN", "true")
                .containsEntry("ALERTPILOT_REMEDIATION_KUBERNETES_ENABLED", "false");
    }

    private static void assertMountedDirectory(String service, String variable, String directory) {
        String path = ((String) environment(service).get(variable)).replaceAll("/$", "");
        assertThat(list(services.get(service).get("volumes"))).contains("./" + directory + ":" + path + ":ro");
        assertThat(Repository.compose().resolve(directory)).isDirectoryContaining("glob:**.yaml");
    }

    @Test
    void alertmanagerCallsIngestsRealWebhookPathWithTheTokenIngestIsConfiguredWith() throws Exception {
        Map<String, Object> alertmanager = new Yaml().load(
                Files.readString(Repository.compose().resolve("alertmanager/alertmanager.yml")));
        Map<String, Object> route = map(alertmanager.get("route"));
        List<Map<String, Object>> receivers = listOfMaps(alertmanager.get("receivers"));
        Map<String, Object> receiver = receivers.stream().filter(r -> route.get("receiver").equals(r.get("name")))
                .findFirst().orElseThrow();
        Map<String, Object> webhook = listOfMaps(receiver.get("webhook_configs")).getFirst();

        URI url = URI.create((String) webhook.get("url"));
        assertThat(url.getHost()).isEqualTo("ingest");
        assertThat(url.getPort()).as("ingest's container port").isEqualTo(8080);
        assertThat(url.getPath()).isEqualTo(ingestWebhookPath("ALERTMANAGER"));
        assertThat(webhook).containsEntry("send_resolved", true);

        Map<String, Object> authorization = map(map(webhook.get("http_config")).get("authorization"));
        assertThat(authorization).containsEntry("type", "Bearer");
        String credentialsFile = (String) authorization.get("credentials_file");
        // Alertmanager's start writes that file from ALERTPILOT_INGEST_TOKEN ...
        String start = String.join(" ", list(services.get("alertmanager").get("command")));
        assertThat(start).contains("printf '%s' \"$$ALERTPILOT_INGEST_TOKEN\" > " + credentialsFile)
                .contains("--config.file=/etc/alertmanager/alertmanager.yml");
        assertThat(list(services.get("alertmanager").get("volumes"))).contains("./alertmanager:/etc/alertmanager:ro");
        // ... which is set exactly as ingest's, so both follow the shell / .env and default to the same token
        Object alertmanagerToken = environment("alertmanager").get("ALERTPILOT_INGEST_TOKEN");
        assertThat(alertmanagerToken).isEqualTo(environment("ingest").get("ALERTPILOT_INGEST_TOKEN"))
                .isEqualTo("${ALERTPILOT_INGEST_TOKEN:-alertpilot-dev-token}");
        // ... and ALERTPILOT_INGEST_TOKEN is the variable ingest's configuration reads its webhook token from
        Map<String, Object> ingestConfig = new Yaml().load(Files.readString(
                Repository.root().resolve("ingest-service/src/main/resources/application.yml")));
        Object tokens = map(map(map(ingestConfig.get("alertpilot")).get("ingest")).get("auth")).get("tokens");
        assertThat(tokens).isEqualTo("${ALERTPILOT_INGEST_TOKEN:}");
    }

    @Test
    void prometheusScrapesTheServicesAndFiresDemoAlertsThatReachAPlaybookAndAPage() throws IOException {
        Map<String, Object> prometheus = new Yaml().load(
                Files.readString(Repository.compose().resolve("prometheus/prometheus.yml")));
        List<Map<String, Object>> alerting = listOfMaps(map(prometheus.get("alerting")).get("alertmanagers"));
        assertThat(listOfMaps(alerting.getFirst().get("static_configs")).getFirst().get("targets"))
                .isEqualTo(List.of("alertmanager:9093"));
        Map<String, Object> scrape = listOfMaps(prometheus.get("scrape_configs")).getFirst();
        assertThat(scrape).containsEntry("metrics_path", "/actuator/prometheus");
        assertThat(listOfMaps(scrape.get("static_configs"))).flatExtracting(c -> list(c.get("targets")))
                .containsExactly("ingest:8080", "remediation:8080", "notifier:8080", "console:8080");
        assertThat(list(prometheus.get("rule_files"))).containsExactly("/etc/prometheus/rules/*.yml",
                "/etc/prometheus-runbook/*.rules.yml");
        assertThat(list(services.get("prometheus").get("volumes"))).contains("./prometheus:/etc/prometheus:ro");

        Map<String, Object> demo = new Yaml().load(
                Files.readString(Repository.compose().resolve("prometheus/rules/demo.yml")));
        List<Map<String, Object>> rules = listOfMaps(listOfMaps(demo.get("groups")).getFirst().get("rules"));
        assertThat(rules).allSatisfy(rule -> assertThat(rule.get("expr")).isEqualTo("vector(1)"));
        String playbooks = Files.readString(Repository.compose().resolve("playbooks/demo.yaml"));
        assertThat(rules).extracting(rule -> (String) rule.get("alert"))
                .anyMatch(name -> playbooks.contains("alertname: " + name))
                .anyMatch(name -> !playbooks.contains(name));
    }

    /**
     * compose/runbook.yml runs one runbook pack as the demo (ALERTPILOT_RUNBOOK, azora-os by default): Prometheus loads
     * the pack's rules (not its promtool tests), remediation its playbooks before the demo's, the notifier its
     * policies; every pack has what those mounts name.
     */
    @Test
    @SuppressWarnings("unchecked")
    void theRunbookOverrideMountsOnePacksRulesPlaybooksAndPolicies() throws IOException {
        String text = Files.readString(Repository.compose().resolve("runbook.yml"));
        Map<String, Object> override = new Yaml().load(text);
        Map<String, Map<String, Object>> overridden = (Map<String, Map<String, Object>>) override.get("services");
        assertThat(override.get("version")).isEqualTo(compose.get("version"));
        assertThat(overridden).containsOnlyKeys("remediation", "notifier", "prometheus");
        String pack = "../runbooks/${ALERTPILOT_RUNBOOK:-azora-os}";

        // compose merges volumes by their path in the container: the pack's policies replace the demo's
        assertThat(list(overridden.get("remediation").get("volumes")))
                .containsExactly(pack + "/playbooks:/etc/alertpilot/runbook:ro");
        assertThat(map(overridden.get("remediation").get("environment")))
                .containsExactly(Map.entry("ALERTPILOT_REMEDIATION_PLAYBOOKS_LOCATIONS",
                        "/etc/alertpilot/runbook/,/etc/alertpilot/playbooks/"));
        assertThat(list(overridden.get("notifier").get("volumes")))
                .containsExactly(pack + "/policies:" + environment("notifier").get(
                        "ALERTPILOT_NOTIFIER_POLICIES_DIRECTORY") + ":ro");
        assertThat(map(overridden.get("notifier").get("environment")))
                .containsExactly(Map.entry("ALERTPILOT_NOTIFIER_POLICIES_INCLUDE_DEFAULTS", "true"));
        assertThat(list(overridden.get("prometheus").get("volumes")))
                .containsExactly(pack + "/rules:/etc/prometheus-runbook:ro");
        Map<String, Object> prometheus = new Yaml().load(
                Files.readString(Repository.compose().resolve("prometheus/prometheus.yml")));
        assertThat(list(prometheus.get("rule_files"))).contains("/etc/prometheus-runbook/*.rules.yml");

        // the default pack and every other one has the rule file that glob loads, and not its tests
        for (String name : RunbookPacksChartTest.PACKS) {
            java.nio.file.Path rules = Repository.root().resolve("runbooks/" + name + "/rules");
            assertThat(rules.resolve(name + ".rules.yml")).isRegularFile();
            assertThat(java.nio.file.FileSystems.getDefault().getPathMatcher("glob:*.rules.yml")
                    .matches(java.nio.file.Path.of(name + ".rules.test.yml"))).isFalse();
        }
        // the base file stays the demo as it was: its own playbooks and policies, dry run
        assertThat(environment("remediation")).containsEntry("ALERTPILOT_REMEDIATION_PLAYBOOKS_LOCATIONS",
                "/etc/alertpilot/playbooks/");
        assertThat(environment("notifier")).containsEntry("ALERTPILOT_NOTIFIER_POLICIES_INCLUDE_DEFAULTS", "false");
        assertThat(text).doesNotContain("start_interval").doesNotContain("restart: true");
    }

    @Test
    void staysWithinWhatDockerCompose129Accepts() throws IOException {
        String text = Files.readString(Repository.compose().resolve("docker-compose.yml"));
        assertThat(compose).containsKey("version").doesNotContainKey("name");
        assertThat(text).doesNotContain("start_interval").doesNotContain("restart: true");
        Matcher version = Pattern.compile("version: \"(3\\.[4-9])\"").matcher(text);
        assertThat(version.find()).as("compose file format 3.4+ (x- extension fields)").isTrue();
    }

    private static String ingestWebhookPath(String constant) throws ReflectiveOperationException {
        Field field = Class.forName("io.alertpilot.ingest.web.WebhookPaths").getDeclaredField(constant);
        field.setAccessible(true);
        return (String) field.get(null);
    }

    private static Map<String, Object> environment(String service) {
        return map(services.get(service).get("environment"));
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> map(Object value) {
        assertThat(value).isInstanceOf(Map.class);
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<String> list(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<String>) value;
    }

    @SuppressWarnings("unchecked")
    private static List<Map<String, Object>> listOfMaps(Object value) {
        assertThat(value).isInstanceOf(List.class);
        return (List<Map<String, Object>>) value;
    }
}
