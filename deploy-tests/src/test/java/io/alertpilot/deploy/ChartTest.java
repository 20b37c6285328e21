package io.alertpilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;

/** The chart lints and renders for the default values and for helm/values-production.yaml; what it renders is safe. */
class ChartTest {

    static final List<String> COMPONENTS = List.of("ingest", "remediation", "notifier", "console");
    /** The image name of each component, as the one Dockerfile's MODULE names it. */
    static final Map<String, String> IMAGES = Map.of("ingest", "ingest-service", "remediation",
            "remediation-service", "notifier", "notifier-service", "console", "console");

    static Path production() {
        return Repository.root().resolve("helm/values-production.yaml");
    }

    static Stream<Arguments> valueSets() {
        return Stream.of(Arguments.of("default values", List.of()),
                Arguments.of("values-production.yaml", List.of(production())));
    }

    private static Manifests render(List<Path> values) {
        return Chart.render(values.toArray(Path[]::new));
    }

    @Test
    void lintsCleanWithTheDefaultValues() {
        LintResult lint = Chart.lint();
        assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @Test
    void lintsCleanWithTheProductionValues(@TempDir Path work) {
        LintResult lint = Chart.lintWith(production(), work);
        assertThat(lint.isFailed()).as("%s", lint.getMessages()).isFalse();
        assertThat(lint.getMessages()).noneMatch(m -> m.contains("[ERROR]") || m.contains("[WARNING]"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void rendersEveryServiceWithItsObjects(String name, List<Path> values) {
        Manifests manifests = render(values);

        for (String component : COMPONENTS) {
            Deployment deployment = manifests.deployment(component);
            assertThat(Manifests.container(deployment).getImage())
                    .matches("[^/]+(/[^/]+)*/" + IMAGES.get(component) + ":[^:]+");
            Service service = manifests.get(Service.class, "alertpilot-" + component);
            assertThat(service.getSpec().getPorts()).singleElement().satisfies(port -> {
                assertThat(port.getPort()).isEqualTo(8080);
                assertThat(port.getTargetPort().getStrVal()).isEqualTo("http");
            });
            assertThat(service.getSpec().getSelector())
                    .isEqualTo(deployment.getSpec().getSelector().getMatchLabels())
                    .isEqualTo(Map.copyOf(deployment.getSpec().getTemplate().getMetadata().getLabels()).entrySet()
                            .stream().filter(e -> service.getSpec().getSelector().containsKey(e.getKey()))
                            .collect(java.util.stream.Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue)));
            assertThat(Manifests.container(deployment).getPorts()).singleElement()
                    .satisfies(port -> assertThat(port.getContainerPort()).isEqualTo(8080));
            assertThat(manifests.get(PodDisruptionBudget.class, "alertpilot-" + component).getSpec().getSelector()
                    .getMatchLabels()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(manifests.get(NetworkPolicy.class, "alertpilot-" + component).getSpec().getPodSelector()
                    .getMatchLabels()).isEqualTo(deployment.getSpec().getSelector().getMatchLabels());
            assertThat(Manifests.env(deployment)).containsEntry("SPRING_KAFKA_BOOTSTRAP_SERVERS",
                    values.isEmpty() ? "kafka:9092"
                            : "kafka-0.kafka.kafka.svc:9092,kafka-1.kafka.kafka.svc:9092,kafka-2.kafka.kafka.svc:9092");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void everyContainerRunsAsNonRootOnAReadOnlyRootFilesystemWithWritableTmp(String name, List<Path> values) {
        Manifests manifests = render(values);
        List<Deployment> deployments = manifests.all(Deployment.class);
        assertThat(deployments).extracting(d -> d.getMetadata().getName())
                .containsExactlyInAnyOrderElementsOf(COMPONENTS.stream().map(c -> "alertpilot-" + c).toList());
        for (Deployment deployment : deployments) {
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            PodSecurityContext podSecurity = pod.getSecurityContext();
            assertThat(podSecurity.getRunAsNonRoot()).isTrue();
            assertThat(podSecurity.getRunAsUser()).isPositive();
            assertThat(podSecurity.getSeccompProfile().getType()).isEqualTo("RuntimeDefault");
            assertThat(pod.getInitContainers()).isNullOrEmpty();
            for (Container container : pod.getContainers()) {
                SecurityContext security = container.getSecurityContext();
                String what = deployment.getMetadata().getName() + "/" + container.getName();
                assertThat(security.getRunAsNonRoot()).as(what).isTrue();
                assertThat(security.getRunAsUser()).as(what).isPositive();
                assertThat(security.getReadOnlyRootFilesystem()).as(what).isTrue();
                assertThat(security.getAllowPrivilegeEscalation()).as(what).isFalse();
                assertThat(security.getPrivileged()).as(what).isNotEqualTo(Boolean.TRUE);
                assertThat(security.getCapabilities().getDrop()).as(what).containsExactly("ALL");
                assertThat(security.getCapabilities().getAdd()).as(what).isNullOrEmpty();
                assertThat(security.getSeccompProfile().getType()).as(what).isEqualTo("RuntimeDefault");
                VolumeMount tmp = container.getVolumeMounts().stream()
                        .filter(m -> m.getMountPath().equals("/tmp")).findFirst().orElseThrow();
                Volume volume = pod.getVolumes().stream().filter(v -> v.getName().equals(tmp.getName()))
                        .findFirst().orElseThrow();
                assertThat(volume.getEmptyDir()).as(what + " /tmp is an emptyDir").isNotNull();
                assertThat(container.getVolumeMounts()).filteredOn(m -> !m.getMountPath().equals("/tmp"))
                        .allSatisfy(m -> assertThat(m.getReadOnly()).as(what + " " + m.getMountPath()).isTrue());
                assertThat(container.getResources().getRequests()).as(what).containsKeys("cpu", "memory");
                assertThat(container.getResources().getLimits()).as(what).containsKey("memory");
                assertThat(Manifests.env(deployment).get("JAVA_TOOL_OPTIONS")).as(what).contains("MaxRAMPercentage");
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("valueSets")
    void probesUseTheActuatorHealthGroupsOnTheHttpPort(String name, List<Path> values) {
        for (Deployment deployment : render(values).all(Deployment.class)) {
            Container container = Manifests.container(deployment);
            assertProbe(container.getLivenessProbe(), "/actuator/health/liveness");
            assertProbe(container.getStartupProbe(), "/actuator/health/liveness");
            assertProbe(container.getReadinessProbe(), "/actuator/health/readiness");
            assertThat(Manifests.env(deployment)).containsEntry("MANAGEMENT_ENDPOINT_HEALTH_PROBES_ENABLED", "true")
                    .containsEntry("MANAGEMENT_ENDPOINTS_WEB_EXPOSURE_INCLUDE", "health,info,prometheus");
        }
    }

    private static void assertProbe(Probe probe, String path) {
        assertThat(probe).isNotNull();
        assertThat(probe.getHttpGet().getPath()).isEqualTo(path);
        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http");
    }

    @Test
    void playbookAndPolicyConfigMapsHoldWhatTheDefaultValuesGave() {
        Manifests manifests = Chart.render();
        Map<String, Object> values = Chart.defaultValues();

        assertFilesEqual(manifests.configMap("playbooks"), section(values, "remediation", "playbooks"));
        assertFilesEqual(manifests.configMap("policies"), section(values, "notifier", "policies"));
        assertMounted(manifests.deployment("remediation"), "alertpilot-playbooks", "/etc/alertpilot/playbooks",
                "ALERTPILOT_REMEDIATION_PLAYBOOKS_LOCATIONS", "/etc/alertpilot/playbooks/");
        assertMounted(manifests.deployment("notifier"), "alertpilot-policies", "/etc/alertpilot/policies",
                "ALERTPILOT_NOTIFIER_POLICIES_DIRECTORY", "/etc/alertpilot/policies");
    }

    @Test
    void playbookAndPolicyConfigMapsHoldWhatTheProductionValuesGave() {
        Manifests manifests = Chart.render(production());
        Map<String, Object> values = Chart.readYaml(production());

        ConfigMap playbooks = manifests.configMap("playbooks");
        Map<String, Object> given = section(values, "remediation", "playbooks");
        // playbooks.yaml: null dropped the chart's example file
        assertThat(playbooks.getData()).containsOnlyKeys("shop.yaml", "databases.yaml");
        assertThat((Object) new Yaml().load(playbooks.getData().get("shop.yaml"))).isEqualTo(given.get("shop.yaml"));
        // a string is kept as written, comments included
        assertThat(playbooks.getData().get("databases.yaml").strip())
                .isEqualTo(((String) given.get("databases.yaml")).strip())
                .startsWith("# kept as written");
        assertFilesEqual(manifests.configMap("policies"), section(values, "notifier", "policies"));
        assertThat(Manifests.env(manifests.deployment("notifier")))
                .containsEntry("ALERTPILOT_NOTIFIER_POLICIES_INCLUDE_DEFAULTS", "true");
    }

    @Test
    void remediationAndNotifierAreStaticGroupMembersNamedAfterTheirPod() {
        Manifests manifests = Chart.render();
        for (String component : List.of("remediation", "notifier")) {
            assertThat(Manifests.envVar(manifests.deployment(component), "ALERTPILOT_KAFKA_GROUP_INSTANCE_ID")
                    .getValueFrom().getFieldRef().getFieldPath()).as(component).isEqualTo("metadata.name");
        }
        for (String component : List.of("ingest", "console")) {
            assertThat(Manifests.env(manifests.deployment(component))).as(component + " is in no group")
                    .doesNotContainKey("ALERTPILOT_KAFKA_GROUP_INSTANCE_ID");
        }
    }

    @Test
    void approvalPagesLinkToTheRemediationServiceUnlessTheLinksAreSet() {
        Map<String, String> env = Manifests.env(Chart.render().deployment("notifier"));
        assertThat(env).containsEntry("ALERTPILOT_NOTIFIER_LINKS_API_URL",
                "http://alertpilot-remediation." + Chart.NAMESPACE + ".svc:8080")
                .doesNotContainKey("ALERTPILOT_NOTIFIER_LINKS_CONSOLE_URL");
        Map<String, String> set = Manifests.env(Chart.render(Map.of(
                "notifier.links.apiUrl", "https://alertpilot.example.com",
                "notifier.links.consoleUrl", "https://console.example.com")).deployment("notifier"));
        assertThat(set).containsEntry("ALERTPILOT_NOTIFIER_LINKS_API_URL", "https://alertpilot.example.com")
                .containsEntry("ALERTPILOT_NOTIFIER_LINKS_CONSOLE_URL", "https://console.example.com");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> section(Map<String, Object> values, String component, String key) {
        return (Map<String, Object>) ((Map<String, Object>) values.get(component)).get(key);
    }

    private static void assertFilesEqual(ConfigMap configMap, Map<String, Object> given) {
        Map<String, Object> files = new java.util.LinkedHashMap<>(given);
        files.values().removeIf(java.util.Objects::isNull);
        assertThat(configMap.getData()).containsOnlyKeys(files.keySet());
        files.forEach((file, content) -> assertThat((Object) new Yaml().load(configMap.getData().get(file)))
                .as(configMap.getMetadata().getName() + " " + file).isEqualTo(content));
    }

    private static void assertMounted(Deployment deployment, String configMap, String path, String variable,
            String value) {
        PodSpec pod = deployment.getSpec().getTemplate().getSpec();
        Volume volume = pod.getVolumes().stream()
                .filter(v -> v.getConfigMap() != null && configMap.equals(v.getConfigMap().getName()))
                .findFirst().orElseThrow();
        assertThat(Manifests.container(deployment).getVolumeMounts())
                .anySatisfy(m -> {
                    assertThat(m.getName()).isEqualTo(volume.getName());
                    assertThat(m.getMountPath()).isEqualTo(path);
                });
        assertThat(Manifests.env(deployment)).containsEntry(variable, value);
    }

    @Test
    void generatedTokensLiveInAHookSecretThatNoUpgradeRewrites() {
        Manifests manifests = Chart.render();
        // A token left empty is generated by a pre-install hook Secret: hooks are not part of the release manifest
        // (which is what helm-java's template prints), so an upgrade never renders a new random token. helm lint,
        // which renders hooks too, checks that template (lintsCleanWithTheDefaultValues).
        assertThat(manifests.find(Secret.class, "alertpilot-auth")).isEmpty();
        assertThat(manifests.yaml()).doesNotContain("randAlphaNum");

        assertSecretRef(manifests.deployment("ingest"), "ALERTPILOT_INGEST_TOKEN", "alertpilot-auth", "ingest-token");
        for (String component : COMPONENTS) {
            Deployment deployment = manifests.deployment(component);
            assertSecretRef(deployment, "ALERTPILOT_API_TOKEN", "alertpilot-auth", "api-token");
            assertThat(Manifests.env(deployment)).containsEntry("ALERTPILOT_API_AUTH_TOKENS", "$(ALERTPILOT_API_TOKEN)");
        }
        assertThat(Manifests.env(manifests.deployment("remediation"))).doesNotContainKey("ALERTPILOT_INGEST_TOKEN");
        assertThat(Manifests.env(manifests.deployment("notifier"))).doesNotContainKey("ALERTPILOT_INGEST_TOKEN");
    }

    @Test
    void givenTokensMakeAPlainSecret() {
        Manifests manifests = Chart.render(Map.of("auth.ingestToken", "ingest-secret-value",
                "auth.apiToken", "api-secret-value"));
        Secret secret = manifests.get(Secret.class, "alertpilot-auth");
        assertThat(secret.getMetadata().getAnnotations()).isNullOrEmpty();
        assertThat(decode(secret, "ingest-token")).isEqualTo("ingest-secret-value");
        assertThat(decode(secret, "api-token")).isEqualTo("api-secret-value");
    }

    @Test
    void apiUsersGoIntoASecretEveryServiceReadsAsAConfigTree() {
        Manifests manifests = Chart.render(Map.of("auth.apiUsers.alice.token", "alice-secret-token",
                "auth.apiUsers.alice.roles[0]", "viewer", "auth.apiUsers.alice.roles[1]", "responder",
                "auth.apiUsers.alice.roles[2]", "approver",
                "auth.apiUsers.bob.password", "bob-secret-password", "auth.apiUsers.bob.roles[0]", "viewer"));

        Secret users = manifests.get(Secret.class, "alertpilot-api-users");
        assertThat(users.getData()).containsOnlyKeys("alertpilot.api.users.alice.token",
                "alertpilot.api.users.alice.roles", "alertpilot.api.users.bob.password", "alertpilot.api.users.bob.roles");
        assertThat(decode(users, "alertpilot.api.users.alice.roles")).isEqualTo("viewer,responder,approver");
        assertThat(decode(users, "alertpilot.api.users.bob.password")).isEqualTo("bob-secret-password");
        for (String component : COMPONENTS) {
            Deployment deployment = manifests.deployment(component);
            PodSpec pod = deployment.getSpec().getTemplate().getSpec();
            assertThat(pod.getVolumes()).filteredOn(v -> v.getSecret() != null)
                    .anySatisfy(v -> assertThat(v.getSecret().getSecretName()).isEqualTo("alertpilot-api-users"));
            assertThat(Manifests.container(deployment).getVolumeMounts())
                    .anySatisfy(m -> assertThat(m.getMountPath()).isEqualTo("/etc/alertpilot/api-users"));
            assertThat(Manifests.env(deployment).get("SPRING_CONFIG_IMPORT"))
                    .contains("optional:configtree:/etc/alertpilot/api-users/");
            assertThat(Manifests.container(deployment).getEnv()).filteredOn(e -> e.getValue() != null)
                    .noneMatch(e -> e.getValue().contains("secret-token") || e.getValue().contains("secret-password"));
        }
        assertThat(Chart.render().find(Secret.class, "alertpilot-api-users")).isEmpty();
    }

    @Test
    void productionValuesUseTheExistingSecretsAndMountChannelKeysAsAConfigTree() {
        Manifests manifests = Chart.render(production());
        assertThat(manifests.find(Secret.class, "alertpilot-auth")).isEmpty();
        assertSecretRef(manifests.deployment("ingest"), "ALERTPILOT_INGEST_TOKEN", "alertpilot-tokens",
                "ingest-token");
        assertSecretRef(manifests.deployment("notifier"), "ALERTPILOT_API_TOKEN", "alertpilot-tokens", "api-token");

        Secret channels = manifests.get(Secret.class, "alertpilot-notifier-channels");
        assertThat(channels.getData().keySet()).containsExactlyInAnyOrder(
                "alertpilot.notifier.secrets.pagerduty.routing-keys.payments-primary",
                "alertpilot.notifier.secrets.pagerduty.routing-keys.payments-secondary",
                "alertpilot.notifier.secrets.pagerduty.webhook-secret",
                "alertpilot.notifier.secrets.slack.urls.incidents",
                "spring.mail.password");
        assertThat(decode(channels, "alertpilot.notifier.secrets.slack.urls.incidents"))
                .isEqualTo("https://hooks.slack.com/services/T000/B000/XXXX");
        Deployment notifier = manifests.deployment("notifier");
        assertThat(Manifests.env(notifier))
                .containsEntry("SPRING_CONFIG_IMPORT", "optional:configtree:/etc/alertpilot/secrets/")
                .containsEntry("SPRING_MAIL_HOST", "smtp.example.internal")
                .containsEntry("SPRING_MAIL_USERNAME", "alertpilot")
                .doesNotContainKey("SPRING_MAIL_PASSWORD");
        assertThat(notifier.getSpec().getTemplate().getSpec().getVolumes()).filteredOn(v -> v.getSecret() != null)
                .singleElement().satisfies(v -> assertThat(v.getSecret().getSecretName())
                        .isEqualTo("alertpilot-notifier-channels"));

        Secret ingestCredentials = manifests.get(Secret.class, "alertpilot-ingest-credentials");
        assertThat(ingestCredentials.getData()).containsOnlyKeys(
                "alertpilot.ingest.auth.sources.azure-monitor.users.azure");
        assertThat(Manifests.env(manifests.deployment("ingest")))
                .containsEntry("SPRING_CONFIG_IMPORT", "optional:configtree:/etc/alertpilot/secrets/");
        // no secret value is ever a plain environment variable
        for (String component : COMPONENTS) {
            assertThat(Manifests.container(manifests.deployment(component)).getEnv())
                    .filteredOn(e -> e.getValue() != null)
                    .noneMatch(e -> e.getValue().contains("smtp-password") || e.getValue().contains("R0UTINGKEY")
                            || e.getValue().contains("hooks.slack.com"));
        }
    }

    @Test
    void remediationSettingsFollowTheValues() {
        Map<String, String> defaults = Manifests.env(Chart.render().deployment("remediation"));
        assertThat(defaults).containsEntry("ALERTPILOT_REMEDIATION_DRY_RUN", "true")
                .containsEntry("ALERTPILOT_REMEDIATION_KUBERNETES_ENABLED", "true")
                .containsEntry("ALERTPILOT_REMEDIATION_LOCK_NAMESPACE", Chart.NAMESPACE)
                .containsEntry("ALERTPILOT_REMEDIATION_NAMESPACES_ALLOW", "")
                .containsEntry("ALERTPILOT_REMEDIATION_NAMESPACES_DENY", "kube-system,kube-public,kube-node-lease");
        Deployment production = Chart.render(production()).deployment("remediation");
        assertThat(Manifests.env(production)).containsEntry("ALERTPILOT_REMEDIATION_DRY_RUN", "false")
                .containsEntry("ALERTPILOT_REMEDIATION_KUBERNETES_DEFAULT_CLUSTER", "aks-shop-prod-weu")
                .containsEntry("ALERTPILOT_REMEDIATION_NAMESPACES_ALLOW", "shop,payments")
                .containsEntry("ALERTPILOT_REMEDIATION_TOPICS_PARTITIONS", "12")
                .containsEntry("ALERTPILOT_REMEDIATION_TOPICS_REPLICAS", "3")
                .containsEntry("ALERTPILOT_MAINTENANCE_REPLICAS", "3");
        assertThat(Manifests.env(Chart.render(production()).deployment("notifier")))
                .containsEntry("ALERTPILOT_MAINTENANCE_REPLICAS", "3");
        assertThat(Manifests.env(Chart.render(production()).deployment("ingest")))
                .doesNotContainKey("ALERTPILOT_MAINTENANCE_REPLICAS");
        assertThat(Manifests.envVar(production, "ALERTPILOT_REMEDIATION_IDENTITY").getValueFrom().getFieldRef()
                .getFieldPath()).isEqualTo("metadata.name");
    }

    @Test
    void applicationConfigFromValuesIsMountedForSpringToRead() {
        Manifests manifests = Chart.render(production());
        ConfigMap config = manifests.configMap("ingest-config");
        Map<String, Object> formats = Map.of("max-alerts-per-request", 20000, "max-value-length", 4096,
                "severities", Map.of("disaster", "CRITICAL"));
        assertThat((Object) new Yaml().load(config.getData().get("application.yaml"))).isEqualTo(Map.of(
                "alertpilot", Map.of("ingest", Map.of("publish-timeout", "5s"), "formats", formats)));
        assertThat(Manifests.env(manifests.deployment("ingest")))
                .containsEntry("SPRING_CONFIG_ADDITIONAL_LOCATION", "optional:file:/etc/alertpilot/config/");
    }

    @Test
    void ingestAndRemediationReadAlertBodiesWithTheSameFormatSettings() {
        for (Manifests manifests : List.of(Chart.render(), Chart.render(production()))) {
            Object ingest = formats(manifests, "ingest-config");
            assertThat(ingest).isNotNull().isEqualTo(formats(manifests, "remediation-config"));
            assertThat(formats(manifests, "notifier-config")).isNull();
        }
        assertThat(formats(Chart.render(), "ingest-config"))
                .isEqualTo(Map.of("max-alerts-per-request", 50000, "max-value-length", 4096, "severities", Map.of()));
    }

    @Test
    void labelValueBoundReachesEveryServiceThatNormalizesAlerts() {
        Manifests manifests = Chart.render(Map.of("alertFormats.maxValueLength", 512));
        for (String configMap : List.of("ingest-config", "remediation-config")) {
            assertThat(formats(manifests, configMap)).as(configMap).isInstanceOf(Map.class);
            assertThat(((Map<?, ?>) formats(manifests, configMap)).get("max-value-length")).as(configMap)
                    .isEqualTo(512);
        }
        assertThatThrownBy(() -> Chart.template(Map.of("alertFormats.maxValueLength", 10)))
                .hasMessageContaining("/alertFormats/maxValueLength");
    }

    @Test
    void aSlackAppsTokenAndSigningSecretGoToTheChannelSecretAndItsUsersToTheNotifierConfig() {
        Manifests manifests = Chart.render(Map.of("notifier.channels.slackApp.botToken", "xoxb-bot",
                "notifier.channels.slackApp.signingSecret", "signing-value",
                "notifier.channels.slackApp.users.U012ABC", "alice"));

        Secret channels = manifests.get(Secret.class, "alertpilot-notifier-channels");
        assertThat(decode(channels, "alertpilot.notifier.secrets.slack-app.bot-token")).isEqualTo("xoxb-bot");
        assertThat(decode(channels, "alertpilot.notifier.secrets.slack-app.signing-secret"))
                .isEqualTo("signing-value");
        Map<String, Object> application = new Yaml().load(
                manifests.configMap("notifier-config").getData().get("application.yaml"));
        assertThat(application).extracting("alertpilot").extracting("notifier").extracting("slack-app")
                .extracting("users").isEqualTo(Map.of("U012ABC", "alice"));
        assertThat(manifests.configMap("notifier-config").getData().get("application.yaml"))
                .doesNotContain("xoxb-bot", "signing-value");
    }

    private static Object formats(Manifests manifests, String configMap) {
        Map<String, Object> application = new Yaml().load(
                manifests.configMap(configMap).getData().get("application.yaml"));
        return application != null && application.get("alertpilot") instanceof Map<?, ?> alertpilot
                ? alertpilot.get("formats") : null;
    }

    @Test
    void scalingPdbsAndNetworkPoliciesOfTheProductionValues() {
        Manifests manifests = Chart.render(production());

        HorizontalPodAutoscaler ingest = manifests.get(HorizontalPodAutoscaler.class, "alertpilot-ingest");
        assertThat(ingest.getSpec().getScaleTargetRef().getName()).isEqualTo("alertpilot-ingest");
        assertThat(ingest.getSpec().getMaxReplicas()).isEqualTo(10);
        assertThat(manifests.deployment("ingest").getSpec().getReplicas()).as("the HPA owns replicas").isNull();
        List<GenericKubernetesResource> scaledObjects = manifests.all("ScaledObject");
        assertThat(scaledObjects).extracting(o -> o.getMetadata().getName())
                .containsExactlyInAnyOrder("alertpilot-remediation", "alertpilot-notifier");
        assertThat(manifests.all(HorizontalPodAutoscaler.class)).hasSize(1);
        for (GenericKubernetesResource scaled : scaledObjects) {
            Map<String, Object> trigger = scaled.get("spec", "triggers", 0, "metadata");
            assertThat(trigger).containsEntry("consumerGroup", scaled.getMetadata().getName().replace("alertpilot-",
                    "alertpilot-")).containsEntry("topic", "alertpilot.alerts.v1").containsEntry("lagThreshold", "50");
        }

        NetworkPolicy remediation = manifests.get(NetworkPolicy.class, "alertpilot-remediation");
        assertThat(remediation.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(remediation.getSpec().getEgress())
                .filteredOn(rule -> rule.getTo() != null && rule.getTo().stream().anyMatch(p -> p.getIpBlock() != null))
                .singleElement().satisfies(rule -> {
                    assertThat(rule.getTo()).extracting(p -> p.getIpBlock().getCidr()).containsExactly("10.0.0.1/32");
                    assertThat(rule.getPorts()).extracting(p -> p.getPort().getIntVal()).containsExactly(443, 6443);
                });
        NetworkPolicy ingestPolicy = manifests.get(NetworkPolicy.class, "alertpilot-ingest");
        assertThat(ingestPolicy.getSpec().getIngress()).singleElement()
                .satisfies(rule -> assertThat(rule.getFrom()).hasSize(3));
        NetworkPolicy notifier = manifests.get(NetworkPolicy.class, "alertpilot-notifier");
        assertThat(notifier.getSpec().getEgress()).noneMatch(rule -> rule.getPorts().stream()
                .anyMatch(p -> Integer.valueOf(6443).equals(p.getPort().getIntVal())));

        Ingress ingress = manifests.get(Ingress.class, "alertpilot-ingest");
        assertThat(ingress.getSpec().getRules()).singleElement().satisfies(rule -> assertThat(rule.getHttp()
                .getPaths()).extracting(p -> p.getPath()).containsExactly("/api/v1/webhooks", "/api/v1/alerts"));
    }

    @Test
    void aSingleReplicaGetsNoPodDisruptionBudgetThatWouldBlockDrains() {
        Manifests manifests = Chart.render(Map.of("notifier.replicaCount", 1));
        assertThat(manifests.find(PodDisruptionBudget.class, "alertpilot-notifier")).isEmpty();
        assertThat(manifests.find(PodDisruptionBudget.class, "alertpilot-ingest")).isPresent();
    }

    @Test
    @SuppressWarnings("unchecked")
    void monitoringObjectsAreRenderedWhenEnabled() {
        Manifests manifests = Chart.render(production());
        GenericKubernetesResource monitor = manifests.all("ServiceMonitor").getFirst();
        List<Map<String, Object>> endpoints = monitor.get("spec", "endpoints");
        assertThat(endpoints).singleElement().satisfies(e -> {
            assertThat(e).containsEntry("port", "http").containsEntry("path", "/actuator/prometheus");
        });
        assertThat(monitor.getMetadata().getLabels()).containsEntry("release", "kube-prometheus-stack");

        GenericKubernetesResource rule = manifests.all("PrometheusRule").getFirst();
        List<Map<String, Object>> groups = rule.get("spec", "groups");
        List<Map<String, Object>> alerts = groups.stream()
                .flatMap(g -> ((List<Map<String, Object>>) g.get("rules")).stream()).toList();
        assertThat(alerts).extracting(a -> a.get("alert")).contains("AlertPilotDown", "AlertPilotDeadLetters",
                "AlertPilotCircuitBreakerOpen", "AlertPilotConsumerLagHigh", "AlertPilotRejectingPayloads",
                "AlertPilotPagesFailing");
        assertThat(alerts).allSatisfy(alert -> {
            assertThat((Map<String, Object>) alert.get("labels")).containsKey("severity").containsEntry("team",
                    "platform");
            assertThat((Map<String, Object>) alert.get("annotations")).containsKeys("summary", "description")
                    .hasEntrySatisfying("runbook_url", url -> assertThat((String) url)
                            .startsWith("https://runbooks.example.internal/alertpilot#"));
            assertThat((String) alert.get("expr")).contains("namespace=\"alertpilot\"");
        });

        ConfigMap dashboard = manifests.configMap("dashboard");
        assertThat(dashboard.getMetadata().getLabels()).containsEntry("grafana_dashboard", "1");
        assertThat(Dashboard.queries(dashboard.getData().get("alertpilot.json"))).hasSizeGreaterThan(10);
    }

    @Test
    void monitoringObjectsAreOffByDefault() {
        Manifests manifests = Chart.render();
        assertThat(manifests.all("ServiceMonitor")).isEmpty();
        assertThat(manifests.all("PrometheusRule")).isEmpty();
        assertThat(manifests.find(ConfigMap.class, "alertpilot-dashboard")).isEmpty();
    }

    private static void assertSecretRef(Deployment deployment, String variable, String secret, String key) {
        EnvVar var = Manifests.envVar(deployment, variable);
        assertThat(var.getValue()).isNull();
        assertThat(var.getValueFrom().getSecretKeyRef().getName()).isEqualTo(secret);
        assertThat(var.getValueFrom().getSecretKeyRef().getKey()).isEqualTo(key);
    }

    private static String decode(Secret secret, String key) {
        return new String(Base64.getDecoder().decode(secret.getData().get(key)), StandardCharsets.UTF_8);
    }
}
