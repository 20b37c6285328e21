package io.alertpilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.networking.v1.HTTPIngressPath;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyEgressRule;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyPeer;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The console in the chart: its own Deployment beside the services, reaching the remediation and notifier APIs and
 * Kafka, and nothing else; its pages (only) behind an Ingress that approval pages link to.
 */
class ConsoleChartTest {

    private static final String SVC = "." + Chart.NAMESPACE + ".svc:8080";

    @Test
    void theConsoleSendsCommandsToThisReleasesServicesUnlessItsUrlsAreSet() {
        Map<String, String> env = Manifests.env(Chart.render().deployment("console"));
        assertThat(env).containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS", "kafka:9092")
                .containsEntry("SERVER_FORWARD_HEADERS_STRATEGY", "native")
                .doesNotContainKey("ALERTPILOT_INGEST_TOKEN");
        for (String peer : List.of("remediation", "notifier")) {
            String variable = "ALERTPILOT_CONSOLE_" + peer.toUpperCase(Locale.ROOT) + "_URL";
            assertThat(env).containsEntry(variable, "http://alertpilot-" + peer + SVC);
            String given = "https://" + peer + ".example.internal";
            assertThat(Manifests.env(Chart.render(Map.of("console." + peer + "Url", given)).deployment("console")))
                    .containsEntry(variable, given);
        }
    }

    @Test
    void aConsoleWithoutItsServicesInTheReleaseNeedsTheirAddress() {
        assertThatThrownBy(() -> Chart.template(Map.of("remediation.enabled", false)))
                .hasMessageContaining("console: remediation is not enabled in this release; set "
                        + "console.remediationUrl");
        Deployment console = Chart.render(Map.of("notifier.enabled", false,
                "console.notifierUrl", "http://notifier.elsewhere:8080")).deployment("console");
        assertThat(Manifests.env(console)).containsEntry("ALERTPILOT_CONSOLE_NOTIFIER_URL",
                "http://notifier.elsewhere:8080");
        assertThatThrownBy(() -> Chart.template(Map.of("console.remediationUrl", "remediation:8080")))
                .hasMessageContaining("/console/remediationUrl");
    }

    @Test
    void everyServiceKeepingAReadModelGetsItsRetentionAndBound() {
        Manifests defaults = Chart.render();
        for (String component : List.of("console", "remediation", "notifier")) {
            assertThat(Manifests.env(defaults.deployment(component))).as(component)
                    .containsEntry("ALERTPILOT_READ_MODEL_RETENTION", "30d")
                    .containsEntry("ALERTPILOT_READ_MODEL_MAX_EVENTS", "40000");
        }
        assertThat(Manifests.env(defaults.deployment("ingest"))).doesNotContainKey("ALERTPILOT_READ_MODEL_RETENTION");

        Manifests set = Chart.render(Map.of("readModel.retention", "7d", "readModel.maxEvents", 200000));
        assertThat(Manifests.env(set.deployment("console")))
                .containsEntry("ALERTPILOT_READ_MODEL_RETENTION", "7d")
                .containsEntry("ALERTPILOT_READ_MODEL_MAX_EVENTS", "200000");
        assertThatThrownBy(() -> Chart.template(Map.of("readModel.maxEvents", 10)))
                .hasMessageContaining("/readModel/maxEvents");
        assertThatThrownBy(() -> Chart.template(Map.of("readModel.retention", "a month")))
                .hasMessageContaining("/readModel/retention");
    }

    @Test
    void sessionsStayOnTheReplicaThatCreatedThem() {
        Manifests manifests = Chart.render();
        assertThat(manifests.get(Service.class, "alertpilot-console").getSpec().getSessionAffinity())
                .isEqualTo("ClientIP");
        assertThat(manifests.get(Service.class, "alertpilot-notifier").getSpec().getSessionAffinity()).isNull();
        assertThat(manifests.deployment("console").getSpec().getReplicas()).isEqualTo(2);
    }

    @Test
    void theIngressExposesThePagesButNotTheApiOrActuatorAndApprovalPagesLinkToIt() {
        assertThat(Chart.render().find(Ingress.class, "alertpilot-console")).isEmpty();

        Manifests manifests = Chart.render(ChartTest.production());
        Ingress ingress = manifests.get(Ingress.class, "alertpilot-console");
        assertThat(ingress.getSpec().getIngressClassName()).isEqualTo("nginx");
        assertThat(ingress.getSpec().getTls()).singleElement()
                .satisfies(tls -> assertThat(tls.getHosts()).containsExactly("alertpilot-console.prod.example.internal"));
        assertThat(ingress.getMetadata().getAnnotations())
                .containsEntry("nginx.ingress.kubernetes.io/affinity", "cookie")
                .containsEntry("nginx.ingress.kubernetes.io/proxy-buffering", "off")
                .containsEntry("cert-manager.io/cluster-issuer", "letsencrypt");
        List<HTTPIngressPath> paths = ingress.getSpec().getRules().getFirst().getHttp().getPaths();
        assertThat(paths).allSatisfy(path -> {
            assertThat(path.getBackend().getService().getName()).isEqualTo("alertpilot-console");
            assertThat(path.getBackend().getService().getPort().getName()).isEqualTo("http");
        });
        assertThat(paths).extracting(p -> p.getPath() + " " + p.getPathType()).contains("/ Exact", "/login Exact",
                "/logout Exact", "/events Exact", "/incidents Prefix", "/remediations Prefix", "/windows Prefix",
                "/audit.csv Exact", "/webjars Prefix", "/console Prefix");
        assertThat(paths).extracting(HTTPIngressPath::getPath)
                .noneMatch(p -> p.startsWith("/api") || p.startsWith("/actuator"));

        assertThat(Manifests.env(manifests.deployment("notifier")))
                .containsEntry("ALERTPILOT_NOTIFIER_LINKS_CONSOLE_URL", "https://alertpilot-console.prod.example.internal");
        assertThat(Manifests.env(Chart.render(Map.of("console.ingress.enabled", true)).deployment("notifier")))
                .containsEntry("ALERTPILOT_NOTIFIER_LINKS_CONSOLE_URL", "http://alertpilot-console.example.internal");
    }

    @Test
    void theConsoleMayReachKafkaAndTheServicesApisOnlyAndBeReachedThroughTheIngressController() {
        Manifests manifests = Chart.render(ChartTest.production());
        NetworkPolicy policy = manifests.get(NetworkPolicy.class, "alertpilot-console");

        assertThat(policy.getSpec().getIngress()).singleElement().satisfies(rule -> {
            assertThat(rule.getFrom()).extracting(NetworkPolicyPeer::getNamespaceSelector)
                    .filteredOn(java.util.Objects::nonNull)
                    .extracting(s -> s.getMatchLabels().get("kubernetes.io/metadata.name"))
                    .containsExactlyInAnyOrder("ingress-nginx", "monitoring");
            assertThat(rule.getFrom()).anySatisfy(peer -> {
                assertThat(peer.getPodSelector()).isNotNull();
                assertThat(peer.getPodSelector().getMatchLabels()).isNullOrEmpty();
            });
        });
        assertThat(manifests.get(NetworkPolicy.class, "alertpilot-remediation").getSpec().getIngress()).singleElement()
                .satisfies(rule -> assertThat(rule.getFrom()).extracting(NetworkPolicyPeer::getNamespaceSelector)
                        .filteredOn(java.util.Objects::nonNull)
                        .extracting(s -> s.getMatchLabels().get("kubernetes.io/metadata.name"))
                        .doesNotContain("ingress-nginx"));

        List<NetworkPolicyEgressRule> egress = policy.getSpec().getEgress();
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(egress).flatExtracting(NetworkPolicyEgressRule::getPorts)
                .extracting(p -> p.getPort().getIntVal() != null ? p.getPort().getIntVal().toString()
                        : p.getPort().getStrVal())
                .containsExactlyInAnyOrder("53", "53", "9092", "http");
        NetworkPolicyEgressRule services = egress.stream()
                .filter(rule -> "http".equals(rule.getPorts().getFirst().getPort().getStrVal())).findFirst().orElseThrow();
        assertThat(services.getTo()).extracting(peer -> peer.getPodSelector().getMatchLabels()).containsExactly(
                selector(manifests.deployment("remediation")), selector(manifests.deployment("notifier")));
    }

    @Test
    void theConsoleRunsWithTheApiUsersAndNoKubernetesToken() {
        Manifests manifests = Chart.render(Map.of("auth.apiUsers.alice.token", "alice-secret-token",
                "auth.apiUsers.alice.roles[0]", "viewer"));
        Deployment console = manifests.deployment("console");
        assertThat(console.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken()).isFalse();
        assertThat(Manifests.env(console).get("SPRING_CONFIG_IMPORT"))
                .isEqualTo("optional:configtree:/etc/alertpilot/api-users/");
        ConfigMap config = manifests.configMap("console-config");
        assertThat(config.getData().get("application.yaml").strip()).isEqualTo("{}");
        assertThat(Manifests.container(console).getImage()).isEqualTo("ghcr.io/alertpilot/console:0.1.0-SNAPSHOT");
    }

    @Test
    void aDisabledConsoleLeavesNothingBehind() {
        Manifests manifests = Chart.render(Map.of("console.enabled", false, "console.ingress.enabled", true));
        assertThat(manifests.names()).noneMatch(name -> name.contains("console"));
        assertThat(Manifests.env(manifests.deployment("notifier")))
                .doesNotContainKey("ALERTPILOT_NOTIFIER_LINKS_CONSOLE_URL");
    }

    private static Map<String, String> selector(Deployment deployment) {
        return deployment.getSpec().getSelector().getMatchLabels();
    }
}
