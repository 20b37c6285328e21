package io.alertpilot.remediation.it;

import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.patch;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.WireMock;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.model.maintenance.MaintenanceEvent;
import io.alertpilot.model.remediation.RemediationCommand;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.remediation.RemediationApplication;
import io.alertpilot.remediation.guard.Guards;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.k8s.ApiServerRules;
import io.alertpilot.testing.ApiClient;
import io.alertpilot.testing.ApiResponse;
import io.alertpilot.testing.KafkaReadBack;
import io.alertpilot.testing.TopicConfigs;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.NodeBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudgetBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.StreamSupport;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.core.KafkaTemplate;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;

/**
 * The live service (dry run off) against fabric8's mock API servers in CRUD mode (clusters {@code default} and
 * {@code second}), WireMock API servers that fail (clusters {@code broken} and {@code forbidden}), and the in-JVM Kafka
 * broker. One context for the suite; every test uses its own namespace so guard state does not leak between tests.
 */
@SpringBootTest(classes = RemediationApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@EmbeddedKafka(partitions = 2, topics = Topics.ALERTS)
class LiveIT {

    static final String TOKEN = "live-token";
    static final String APPROVER_TOKEN = "live-approver-token";
    static final String RESPONDER_TOKEN = "live-responder-token";
    static final KubernetesMockServer K8S = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
            new KubernetesCrudDispatcher(), false);
    /** A second healthy cluster, {@code second}, to tell which cluster an action reached; it knows evictions. */
    static final ApiServerRules SECOND_RULES = new ApiServerRules();
    static final KubernetesMockServer SECOND = new KubernetesMockServer(new Context(), new MockWebServer(),
            new HashMap<>(), SECOND_RULES, false);
    static final WireMockServer BROKEN = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final WireMockServer FORBIDDEN = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final WireMockServer SLOW = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final WireMockServer HOOK = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    /** Forwards to {@link #K8S}; a test makes it answer late after the API server applied a call. */
    static final WireMockServer PROXY = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    static final Path PLAYBOOKS;
    static NamespacedKubernetesClient client;
    static NamespacedKubernetesClient secondClient;

    static {
        K8S.init();
        SECOND.init();
        secondClient = SECOND.createClient();
        BROKEN.start();
        FORBIDDEN.start();
        SLOW.start();
        HOOK.start();
        PROXY.start();
        client = K8S.createClient();
        PROXY.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(masterUrl())));
        try {
            PLAYBOOKS = Files.createTempDirectory("playbooks");
            try (InputStream playbooks = LiveIT.class.getResourceAsStream("/it-playbooks.yml")) {
                String text = new String(playbooks.readAllBytes(), StandardCharsets.UTF_8);
                Files.writeString(PLAYBOOKS.resolve("it.yml"),
                        text.replace("HOOK_URL", "http://localhost:" + HOOK.port() + "/runbooks/clear-cache"));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The mock API server's address without its trailing slash (WireMock appends the request's path). */
    static String masterUrl() {
        return client.getMasterUrl().toString().replaceAll("/$", "");
    }

    /** Every property of the service under test, also used to start a second instance. */
    static Map<String, Object> properties(String brokers) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.kafka.bootstrap-servers", brokers);
        p.put("alertpilot.api.auth.tokens", TOKEN);
        p.put("alertpilot.api.users.ann.token", APPROVER_TOKEN);
        p.put("alertpilot.api.users.ann.roles", "viewer,approver");
        p.put("alertpilot.api.users.rex.token", RESPONDER_TOKEN);
        p.put("alertpilot.api.users.rex.roles", "viewer,responder");
        p.put("alertpilot.remediation.dry-run", "false");
        p.put("alertpilot.remediation.kubernetes.enabled", "true");
        p.put("alertpilot.remediation.kubernetes.clusters.default.master-url", client.getMasterUrl().toString());
        p.put("alertpilot.remediation.kubernetes.clusters.second.master-url", secondClient.getMasterUrl().toString());
        p.put("alertpilot.remediation.kubernetes.clusters.broken.master-url", "http://localhost:" + BROKEN.port());
        p.put("alertpilot.remediation.kubernetes.clusters.forbidden.master-url", "http://localhost:" + FORBIDDEN.port());
        p.put("alertpilot.remediation.kubernetes.clusters.slow.master-url", "http://localhost:" + SLOW.port());
        p.put("alertpilot.remediation.kubernetes.clusters.late.master-url", "http://localhost:" + PROXY.port());
        p.put("alertpilot.remediation.kubernetes.request-timeout", "3s");
        p.put("alertpilot.remediation.playbooks.locations", PLAYBOOKS.toString());
        p.put("alertpilot.remediation.playbooks.reload-interval", "200ms");
        p.put("alertpilot.remediation.verify.interval", "100ms");
        p.put("alertpilot.remediation.guard.rate-limit", "1000");
        p.put("alertpilot.remediation.resilience.call-timeout", "1s");
        p.put("alertpilot.remediation.resilience.max-attempts", "3");
        p.put("alertpilot.remediation.resilience.initial-backoff", "20ms");
        p.put("alertpilot.remediation.resilience.max-backoff", "100ms");
        p.put("alertpilot.remediation.resilience.sliding-window-size", "4");
        p.put("alertpilot.remediation.resilience.minimum-calls", "4");
        p.put("alertpilot.remediation.resilience.open-duration", "10m");
        p.put("alertpilot.remediation.consumer.retry-backoff", "100ms");
        // approvals' expiry and ladder steps whose holdFor ended are looked for this often
        p.put("alertpilot.remediation.approval.check-interval", "200ms");
        p.put("alertpilot.remediation.topics.partitions", "2");
        // one consumer per instance, so that a second instance in the group gets one of the two partitions
        p.put("alertpilot.remediation.consumer.concurrency", "1");
        return p;
    }

    @DynamicPropertySource
    static void live(DynamicPropertyRegistry registry) {
        properties("${spring.embedded.kafka.brokers}").forEach((k, v) -> registry.add(k, () -> v));
    }

    @Autowired
    KafkaTemplate<String, Object> kafka;

    @Autowired
    EmbeddedKafkaBroker broker;

    @Autowired
    KafkaListenerEndpointRegistry listeners;

    @Autowired
    Ledger ledger;

    @LocalServerPort
    int port;

    static KafkaReadBack<RemediationEvent> remediations;

    @BeforeAll
    static void namespaces() {
    }

    @AfterAll
    static void stop() throws InterruptedException {
        if (remediations != null) {
            remediations.close();
        }
        BROKEN.stop();
        FORBIDDEN.stop();
        SLOW.stop();
        HOOK.stop();
        PROXY.stop();
        client.close();
        K8S.destroy();
        secondClient.close();
        SECOND.destroy();
    }

    /** Every RemediationEvent on the topic so far, read from the beginning by one reader per JVM. */
    List<RemediationEvent> events() {
        synchronized (LiveIT.class) {
            if (remediations == null) {
                remediations = KafkaReadBack.open(broker.getBrokersAsString(), Topics.REMEDIATIONS,
                        RemediationEvent.class);
            }
            return remediations.poll().stream().map(ConsumerRecord::value).toList();
        }
    }

    AlertEvent send(String name, AlertStatus status, Map<String, String> labels, String fingerprint) throws Exception {
        return send(alert(name, status, labels, fingerprint));
    }

    static AlertEvent alert(String name, AlertStatus status, Map<String, String> labels, String fingerprint) {
        return Alerts.firing(name, labels).status(status).fingerprint(fingerprint).severity(Severity.CRITICAL).build();
    }

    AlertEvent send(AlertEvent alert) throws Exception {
        kafka.send(Topics.ALERTS, alert.fingerprint(), alert).get();
        return alert;
    }

    List<RemediationEvent> eventsFor(String targetKey) {
        return events().stream().filter(e -> e.key().equals(targetKey)).toList();
    }

    List<RemediationPhase> phasesFor(String targetKey) {
        return eventsFor(targetKey).stream().map(RemediationEvent::phase).toList();
    }

    static Deployment deployment(String namespace, String name, int replicas) {
        return ClusterObjects.deployment(client, namespace, name, replicas, replicas);
    }

    static Map<String, String> labels(String namespace, String deployment) {
        Map<String, String> labels = new HashMap<>();
        labels.put("namespace", namespace);
        labels.put("deployment", deployment);
        return labels;
    }

    // ---- Done when 2: each action, an alert on the topic gives the change and the events in order ----

    @Test
    void itsTopicsKeepTheReadModelsHistoryAndItIsReadyOnceItsReadModelHasReadThem() {
        for (String topic : List.of(Topics.REMEDIATIONS, Topics.REMEDIATION_COMMANDS)) {
            assertThat(TopicConfigs.read(broker.getBrokersAsString(), topic)).as(topic)
                    .containsEntry("retention.ms", Topics.HISTORY_MS);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(http("GET",
                "/actuator/health/readiness", null).json().path("components").path("readModel").path("status")
                .asString()).isEqualTo("UP"));
    }

    @Test
    void restartRollsTheDeploymentAndIsVerifiedAndItsTargetShowsTheGuardState() throws Exception {
        deployment("restart", "api", 2);
        send("ItRestart", AlertStatus.FIRING, labels("restart", "api"), "fp-restart");
        String key = "default/restart/Deployment/api";
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).contains(RemediationPhase.VERIFIED));
        assertThat(phasesFor(key)).containsExactly(RemediationPhase.PLANNED, RemediationPhase.STARTED,
                RemediationPhase.SUCCEEDED, RemediationPhase.VERIFIED);
        Deployment after = client.apps().deployments().inNamespace("restart").withName("api").get();
        assertThat(after.getSpec().getTemplate().getMetadata().getAnnotations())
                .containsKey("kubectl.kubernetes.io/restartedAt");

        // the playbook's targets show the guard state its next alert meets
        Instant started = eventsFor(key).stream().filter(e -> e.phase() == RemediationPhase.STARTED).findFirst()
                .orElseThrow().occurredAt();
        ApiClient viewer = ApiClient.at(port).withToken(RESPONDER_TOKEN);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var targets = viewer.get("/api/v1/playbooks/targets?playbook=it-restart").json();
            var guard = StreamSupport.stream(targets.path("items").spliterator(), false)
                    .filter(t -> t.path("targetKey").asString().equals(key)).findFirst().orElseThrow();
            assertThat(guard.path("playbook").asString()).isEqualTo("it-restart");
            assertThat(guard.path("attemptsInWindow").asInt()).isEqualTo(1);
            assertThat(guard.path("maxAttempts").asInt()).isEqualTo(3);
            assertThat(guard.path("flappingCount").asInt()).isZero();
            assertThat(guard.path("lastPhase").asString()).isEqualTo("VERIFIED");
            assertThat(guard.path("lockHolder").isNull()).as("the lock is released after the action").isTrue();
            Instant cooldownUntil = Instant.parse(guard.path("cooldownUntil").asString());
            assertThat(cooldownUntil).as("10m after the action started (the ledger's time of it)")
                    .isBetween(started.plus(Duration.ofMinutes(10)).minusSeconds(5),
                            started.plus(Duration.ofMinutes(10)).plusSeconds(5));
            assertThat(targets.path("total").asLong()).isEqualTo(targets.path("items").size());
        });
        assertThat(viewer.get("/api/v1/playbooks/targets?playbook=it-escalate").json().path("items")
                .findValuesAsString("targetKey")).doesNotContain(key);
    }

    // ---- an alert's cluster label picks the cluster; an unknown one reaches none, never the default ----

    @Test
    void anAlertNamingAnUnknownClusterIsSkippedAndReachesNoCluster() throws Exception {
        Deployment inDefault = deployment("nope-ns", "api", 2);
        Deployment inSecond = ClusterObjects.deployment(secondClient, "nope-ns", "api", 2, 2);
        Map<String, String> labels = labels("nope-ns", "api");
        labels.put("cluster", "nope");
        AlertEvent alert = alert("ItRestart", AlertStatus.FIRING, labels, "fp-unknown-cluster");
        ApiResponse evaluation = http("POST", "/api/v1/playbooks/evaluate", Json.mapper().writeValueAsString(alert));
        assertThat(evaluation.status()).as(evaluation.body()).isEqualTo(200);
        var explained = Json.mapper().readTree(evaluation.body()).get("evaluations").get(0);
        assertThat(explained.get("outcome").asString()).isEqualTo("refused");
        assertThat(explained.get("refusal").get("reason").asString()).isEqualTo("unknown-cluster");

        send(alert);

        String key = "nope/nope-ns/Deployment/api";
        await().atMost(Duration.ofSeconds(30)).until(() -> !eventsFor(key).isEmpty());
        RemediationEvent skipped = eventsFor(key).getFirst();
        assertThat(skipped.phase()).isEqualTo(RemediationPhase.SKIPPED);
        assertThat(skipped.reason()).isEqualTo("unknown-cluster");
        assertThat(skipped.message()).contains("'nope'");
        assertThat(client.apps().deployments().inNamespace("nope-ns").withName("api").get()).isEqualTo(inDefault);
        assertThat(secondClient.apps().deployments().inNamespace("nope-ns").withName("api").get()).isEqualTo(inSecond);
        assertThat(events()).noneMatch(e -> e.fingerprint().equals(alert.fingerprint())
                && e.phase() != RemediationPhase.SKIPPED);
    }

    @Test
    void theClusterLabelPicksTheClusterAndAnAlertNamingNoneGoesToTheDefault() throws Exception {
        deployment("two-clusters", "api", 2);
        ClusterObjects.deployment(secondClient, "two-clusters", "api", 2, 2);
        Map<String, String> labels = labels("two-clusters", "api");
        labels.put("cluster", "second");
        send("ItRestart", AlertStatus.FIRING, labels, "fp-second-cluster");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> phasesFor("second/two-clusters/Deployment/api").contains(RemediationPhase.VERIFIED));
        assertThat(restartedAt(secondClient, "two-clusters")).isNotNull();
        assertThat(restartedAt(client, "two-clusters")).isNull();

        send("ItRestart", AlertStatus.FIRING, labels("two-clusters", "api"), "fp-no-cluster");
        await().atMost(Duration.ofSeconds(60))
                .until(() -> phasesFor("default/two-clusters/Deployment/api").contains(RemediationPhase.VERIFIED));
        assertThat(restartedAt(client, "two-clusters")).isNotNull();
    }

    static String restartedAt(NamespacedKubernetesClient cluster, String namespace) {
        Map<String, String> annotations = cluster.apps().deployments().inNamespace(namespace).withName("api").get()
                .getSpec().getTemplate().getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get("kubectl.kubernetes.io/restartedAt");
    }

    @Test
    void restartRollsAStatefulSet() throws Exception {
        StatefulSet sts = new StatefulSetBuilder()
                .withNewMetadata().withName("db").withNamespace("sts").endMetadata()
                .withNewSpec().withReplicas(3).withServiceName("db")
                    .withNewSelector().addToMatchLabels("app", "db").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "db").endMetadata()
                        .withNewSpec().addNewContainer().withName("db").withImage("postgres:17").endContainer().endSpec()
                    .endTemplate().endSpec()
                .withNewStatus().withReplicas(3).withReadyReplicas(3).withUpdatedReplicas(3).endStatus()
                .build();
        client.apps().statefulSets().inNamespace("sts").resource(sts).create();
        send("ItRestartStatefulSet", AlertStatus.FIRING, Map.of("namespace", "sts", "statefulset", "db"), "fp-sts");
        String key = "default/sts/StatefulSet/db";
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).contains(RemediationPhase.VERIFIED));
        assertThat(client.apps().statefulSets().inNamespace("sts").withName("db").get().getSpec().getTemplate()
                .getMetadata().getAnnotations()).containsKey("kubectl.kubernetes.io/restartedAt");
    }

    @Test
    void deletePodRemovesThePod() throws Exception {
        Pod pod = new PodBuilder().withNewMetadata().withName("worker-7d9f-x2x4q").withNamespace("pods")
                .addToLabels("app", "worker").endMetadata()
                .withNewSpec().addNewContainer().withName("w").withImage("w:1").endContainer().endSpec().build();
        client.pods().inNamespace("pods").resource(pod).create();
        send("ItDeletePod", AlertStatus.FIRING, Map.of("namespace", "pods", "pod", "worker-7d9f-x2x4q"), "fp-pod");
        String key = "default/pods/Pod/worker-7d9f-x2x4q";
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).contains(RemediationPhase.VERIFIED));
        assertThat(phasesFor(key)).containsExactly(RemediationPhase.PLANNED, RemediationPhase.STARTED,
                RemediationPhase.SUCCEEDED, RemediationPhase.VERIFIED);
        assertThat(client.pods().inNamespace("pods").withName("worker-7d9f-x2x4q").get()).isNull();
    }

    @Test
    void scaleAddsReplicasWithinMax() throws Exception {
        deployment("scale", "web", 3);
        send("ItScale", AlertStatus.FIRING, labels("scale", "web"), "fp-scale");
        String key = "default/scale/Deployment/web";
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).contains(RemediationPhase.SUCCEEDED));
        assertThat(client.apps().deployments().inNamespace("scale").withName("web").get().getSpec().getReplicas())
                .as("by 2, max 4").isEqualTo(4);
        assertThat(phasesFor(key)).startsWith(RemediationPhase.PLANNED, RemediationPhase.STARTED,
                RemediationPhase.SUCCEEDED);
        assertThat(eventsFor(key).get(2).message()).contains("from 3 to 4");
    }

    @Test
    void rollbackReturnsToThePreviousRevision() throws Exception {
        Deployment d = deployment("rollback", "checkout", 2);
        revisions(d);
        send("ItRollback", AlertStatus.FIRING, labels("rollback", "checkout"), "fp-rollback");
        String key = "default/rollback/Deployment/checkout";
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).contains(RemediationPhase.VERIFIED));
        Deployment after = client.apps().deployments().inNamespace("rollback").withName("checkout").get();
        assertThat(after.getSpec().getTemplate().getSpec().getContainers().getFirst().getImage())
                .isEqualTo("shop/checkout:1");
        assertThat(after.getSpec().getTemplate().getMetadata().getLabels()).doesNotContainKey("pod-template-hash");
        assertThat(eventsFor(key).get(2).message()).contains("from revision 2 to revision 1");
    }

    /** Creates the ReplicaSets of revisions 1 and 2 of {@code d} (the mock creates none), so it can roll back. */
    static void revisions(Deployment d) {
        String namespace = d.getMetadata().getNamespace();
        String name = d.getMetadata().getName();
        for (int revision = 1; revision <= 2; revision++) {
            client.apps().replicaSets().inNamespace(namespace).resource(new ReplicaSetBuilder()
                    .withNewMetadata().withName(name + "-rev" + revision).withNamespace(namespace)
                        .addToAnnotations("deployment.kubernetes.io/revision", Integer.toString(revision))
                        .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName(name)
                            .withUid(d.getMetadata().getUid()).withController(true).endOwnerReference()
                    .endMetadata()
                    .withNewSpec().withReplicas(revision == 2 ? 2 : 0)
                        .withNewSelector().addToMatchLabels("app", name).endSelector()
                        .withNewTemplate().withNewMetadata().addToLabels("app", name)
                            .addToLabels("pod-template-hash", "h" + revision).endMetadata()
                            .withNewSpec().addNewContainer().withName("app").withImage("shop/" + name + ":" + revision)
                            .endContainer().endSpec().endTemplate()
                    .endSpec().build()).create();
        }
    }

    @Test
    void failoverWaitsForApprovalSwitchesTheServiceAndSwitchesBackOnRecovery() throws Exception {
        Service service = new ServiceBuilder().withNewMetadata().withName("postgres").withNamespace("db").endMetadata()
                .withNewSpec().addToSelector("app", "postgres").addToSelector("role", "primary")
                    .addNewPort().withPort(5432).withTargetPort(new IntOrString(5432)).endPort().endSpec().build();
        client.services().inNamespace("db").resource(service).create();
        Map<String, String> labels = Map.of("namespace", "db", "service", "postgres");
        send("ItFailover", AlertStatus.FIRING, labels, "fp-failover");
        String key = "default/db/Service/postgres";
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).contains(RemediationPhase.PENDING_APPROVAL));
        assertThat(client.services().inNamespace("db").withName("postgres").get().getSpec().getSelector())
                .containsEntry("role", "primary");

        String id = eventsFor(key).getLast().remediationId();
        ApiResponse refused = ApiClient.at(port).withToken(RESPONDER_TOKEN)
                .post("/api/v1/remediations/" + id + "/approve", "{\"by\":\"ann\"}");
        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.json().path("role").asString()).isEqualTo("approver");
        ApiResponse approved = ApiClient.at(port).withToken(APPROVER_TOKEN)
                .post("/api/v1/remediations/" + id + "/approve", "{\"by\":\"alice\"}");
        assertThat(approved.status()).as(approved.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).contains(RemediationPhase.VERIFIED));
        assertThat(phasesFor(key)).containsExactly(RemediationPhase.PLANNED, RemediationPhase.PENDING_APPROVAL,
                RemediationPhase.STARTED, RemediationPhase.SUCCEEDED, RemediationPhase.VERIFIED);
        RemediationEvent started = eventsFor(key).get(2);
        assertThat(started.by()).as("the approver, whatever the body says").isEqualTo("ann");
        assertThat(started.message()).endsWith("(approved by ann)");
        assertThat(eventsFor(key).subList(0, 2)).extracting(RemediationEvent::by).containsOnlyNulls();
        assertThat(client.services().inNamespace("db").withName("postgres").get().getSpec().getSelector())
                .containsEntry("app", "postgres").containsEntry("role", "standby");
        assertThat(http("POST", "/api/v1/remediations/" + id + "/approve", null).status()).isEqualTo(409);

        send("ItFailover", AlertStatus.RESOLVED, labels, "fp-failover");
        await().atMost(Duration.ofSeconds(60)).until(() -> eventsFor(key).stream()
                .filter(e -> "revert".equals(e.reason()) && e.phase() == RemediationPhase.VERIFIED).count() == 1);
        assertThat(client.services().inNamespace("db").withName("postgres").get().getSpec().getSelector())
                .containsEntry("role", "primary");
    }

    // ---- issue 15, Done when 1: a ladder climbs, and another replica continues it after a kill ----

    @Test
    void aLadderClimbsStepByStepAndAnotherReplicaContinuesItAfterAKill() throws Exception {
        new LadderScenario(this).run();
    }

    // ---- issue 18, Done when 2: two replicas fed alerts of one target at once never both act within its cooldown ----

    @Test
    void twoReplicasFedAlertsOfOneDeploymentAtOnceActOnceInItsCooldownAndDecideEveryAlert() throws Exception {
        deployment("two-replicas", "api", 2);
        String key = "default/two-replicas/Deployment/api";
        Map<String, Object> props = properties(broker.getBrokersAsString());
        props.put("server.port", "0");
        props.put("alertpilot.remediation.identity", "replica-b");
        try (ConfigurableApplicationContext replicaB = new SpringApplicationBuilder(RemediationApplication.class)
                .run(args(props))) {
            KafkaListenerEndpointRegistry onB = replicaB.getBean(KafkaListenerEndpointRegistry.class);
            // each replica consumes one of the two alert partitions
            await().atMost(Duration.ofSeconds(60))
                    .until(() -> alertPartitions(listeners) == 1 && alertPartitions(onB) == 1);
            List<AlertEvent> alerts = new ArrayList<>();
            List<CompletableFuture<?>> sent = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                AlertEvent alert = alert("ItRestart", AlertStatus.FIRING, labels("two-replicas", "api"),
                        "fp-two-replicas-" + i);
                alerts.add(alert);
                sent.add(kafka.send(new ProducerRecord<>(Topics.ALERTS, i % 2, alert.fingerprint(), alert)));
            }
            CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);

            // every alert decided: one acted (its outcome is the cluster's), every other one is told why it did not
            Set<RemediationPhase> ends = Set.of(RemediationPhase.SKIPPED, RemediationPhase.VERIFIED,
                    RemediationPhase.FAILED);
            await().atMost(Duration.ofSeconds(60)).until(() -> eventsFor(key).stream()
                    .filter(e -> ends.contains(e.phase())).map(RemediationEvent::fingerprint).distinct()
                    .count() == alerts.size());
            List<RemediationEvent> events = eventsFor(key);
            System.out.println("ledger-cas: two replicas, six alerts of one Deployment: " + events.stream()
                    .map(e -> e.fingerprint() + " " + e.phase() + (e.reason() == null ? "" : " " + e.reason()))
                    .toList());
            List<RemediationEvent> started = events.stream().filter(e -> e.phase() == RemediationPhase.STARTED)
                    .toList();
            assertThat(started).as("one action in the cooldown, on one replica").hasSize(1);
            assertThat(events).filteredOn(e -> !e.fingerprint().equals(started.getFirst().fingerprint()))
                    .hasSize(alerts.size() - 1)
                    .allSatisfy(e -> assertThat(e.phase()).isEqualTo(RemediationPhase.SKIPPED))
                    .extracting(RemediationEvent::reason).isSubsetOf("cooldown", Guards.TARGET_LOCK);
            // the counters are exact on both replicas: one attempt, every occurrence handled once
            for (Ledger replica : List.of(ledger, replicaB.getBean(Ledger.class))) {
                replica.sync();
                LedgerEntry entry = replica.get(key);
                assertThat(entry.attempts()).hasSize(1);
                assertThat(entry.handled()).containsExactlyInAnyOrderElementsOf(
                        alerts.stream().map(AlertEvent::eventId).toList());
            }
        }
    }

    /** How many partitions of the alert topic the listeners of {@code registry} consume now. */
    private static long alertPartitions(KafkaListenerEndpointRegistry registry) {
        return registry.getListenerContainers().stream()
                .map(MessageListenerContainer::getAssignedPartitions).filter(Objects::nonNull)
                .flatMap(Collection::stream).filter(p -> p.topic().equals(Topics.ALERTS)).count();
    }

    // ---- an approval read and answered on a replica that does not hold it in memory ----

    @Test
    void aPendingApprovalIsShownAndApprovedOnAReplicaThatDidNotRequestIt() throws Exception {
        deployment("approve-anywhere", "api", 2);
        send("ItRestartApproved", AlertStatus.FIRING, labels("approve-anywhere", "api"), "fp-approve-anywhere");
        String key = "default/approve-anywhere/Deployment/api";
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).contains(RemediationPhase.PENDING_APPROVAL));
        RemediationEvent request = eventsFor(key).getLast();
        String id = request.remediationId();
        assertThat(request.deadline()).isAfter(request.occurredAt());

        Map<String, Object> props = properties(broker.getBrokersAsString());
        props.put("server.port", "0");
        props.put("alertpilot.remediation.identity", "replica-b");
        try (ConfigurableApplicationContext replicaB = new SpringApplicationBuilder(RemediationApplication.class)
                .run(args(props))) {
            ApiClient b = ApiClient.at(replicaB.getEnvironment().getRequiredProperty("local.server.port", Integer.class))
                    .withToken(TOKEN);
            ApiResponse shown = b.get("/api/v1/remediations/" + id);
            assertThat(shown.status()).as(shown.body()).isEqualTo(200);
            var view = Json.mapper().readTree(shown.body());
            assertThat(view.path("phase").asString()).isEqualTo("PENDING_APPROVAL");
            assertThat(view.path("playbook").asString()).isEqualTo("it-restart-approved");
            assertThat(view.path("action").asString()).isEqualTo("restart");
            assertThat(view.path("targetKey").asString()).isEqualTo(key);
            assertThat(view.path("fingerprint").asString()).isEqualTo("fp-approve-anywhere");
            assertThat(view.path("alertName").asString()).isEqualTo("ItRestartApproved");
            assertThat(Instant.parse(view.path("deadline").asString())).isEqualTo(request.deadline());
            assertThat(restartedAt(client, "approve-anywhere")).isNull();

            ApiResponse unknown = b.get("/api/v1/remediations/no-such-remediation");
            assertThat(unknown.status()).isEqualTo(404);
            var problem = Json.mapper().readTree(unknown.body());
            assertThat(problem.path("reason").asString()).isEqualTo("unknown-remediation");
            assertThat(problem.path("field").asString()).isEqualTo("id");

            // the approve link's API call, on the replica that did not request it
            ApiResponse approved = b.send("POST", "/api/v1/remediations/" + id + "/approve", null);
            assertThat(approved.status()).as(approved.body()).isEqualTo(200);
            assertThat(Json.mapper().readTree(approved.body()).path("remediationId").asString()).isEqualTo(id);
            await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).contains(RemediationPhase.VERIFIED));
            assertThat(restartedAt(client, "approve-anywhere")).isNotNull();
            assertThat(eventsFor(key)).extracting(RemediationEvent::remediationId).containsOnly(id);
            assertThat(phasesFor(key)).containsExactly(RemediationPhase.PLANNED, RemediationPhase.PENDING_APPROVAL,
                    RemediationPhase.STARTED, RemediationPhase.SUCCEEDED, RemediationPhase.VERIFIED);
            assertThat(b.send("POST", "/api/v1/remediations/" + id + "/approve", null).status()).isEqualTo(409);

            // the replica that requested it shows what the other one did, one by id and in its list
            await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
                var onA = Json.mapper().readTree(http("GET", "/api/v1/remediations/" + id, null).body());
                assertThat(onA.path("phase").asString()).isEqualTo("VERIFIED");
                assertThat(onA.path("events").size()).isEqualTo(5);
            });
            var listed = Json.mapper().readTree(http("GET", "/api/v1/remediations?target=" + key, null).body())
                    .path("items");
            assertThat(listed.size()).isEqualTo(1);
            assertThat(listed.get(0).path("remediationId").asString()).isEqualTo(id);
            assertThat(listed.get(0).path("phase").asString()).isEqualTo("VERIFIED");
            var onB = Json.mapper().readTree(b.get("/api/v1/remediations/" + id).body());
            assertThat(onB.path("events").size()).isEqualTo(5);
        }
    }

    @Test
    void anApproveOnTheCommandTopicRunsTheWaitingRemediationAsThatUser() throws Exception {
        Service service = new ServiceBuilder().withNewMetadata().withName("orders").withNamespace("slack-db")
                .endMetadata().withNewSpec().addToSelector("app", "orders").addToSelector("role", "primary")
                    .addNewPort().withPort(5432).withTargetPort(new IntOrString(5432)).endPort().endSpec().build();
        client.services().inNamespace("slack-db").resource(service).create();
        send("ItFailover", AlertStatus.FIRING, Map.of("namespace", "slack-db", "service", "orders"), "fp-slack");
        String key = "default/slack-db/Service/orders";
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).contains(RemediationPhase.PENDING_APPROVAL));
        String id = eventsFor(key).getLast().remediationId();

        kafka.send(Topics.REMEDIATION_COMMANDS, id, new RemediationCommand(RemediationCommand.Type.APPROVE, id,
                "carol", "slack", Instant.now())).get();

        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).contains(RemediationPhase.VERIFIED));
        assertThat(client.services().inNamespace("slack-db").withName("orders").get().getSpec().getSelector())
                .containsEntry("role", "standby");
        assertThat(eventsFor(key)).extracting(RemediationEvent::remediationId).containsOnly(id);
        assertThat(phasesFor(key)).containsExactly(RemediationPhase.PLANNED, RemediationPhase.PENDING_APPROVAL,
                RemediationPhase.STARTED, RemediationPhase.SUCCEEDED, RemediationPhase.VERIFIED);
        // the events the approval ran carry the command's user (verification is not part of it, as with the API)
        List<RemediationEvent> ran = eventsFor(key).subList(2, 4);
        assertThat(ran).extracting(RemediationEvent::by).as("the command's user").containsExactly("carol", "carol");
        assertThat(ran).extracting(RemediationEvent::message).allSatisfy(
                message -> assertThat(message).endsWith("(approved by carol)"));
        assertThat(eventsFor(key).subList(0, 2)).extracting(RemediationEvent::by).containsOnlyNulls();
    }

    @Test
    void aRejectionIsRecordedWithTheApproversNameAndChangesNothing() throws Exception {
        Service service = new ServiceBuilder().withNewMetadata().withName("postgres").withNamespace("db-reject")
                .endMetadata().withNewSpec().addToSelector("role", "primary").endSpec().build();
        client.services().inNamespace("db-reject").resource(service).create();
        send("ItFailover", AlertStatus.FIRING, Map.of("namespace", "db-reject", "service", "postgres"), "fp-reject");
        String key = "default/db-reject/Service/postgres";
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).contains(RemediationPhase.PENDING_APPROVAL));
        String id = eventsFor(key).getLast().remediationId();

        ApiResponse rejected = ApiClient.at(port).withToken(APPROVER_TOKEN)
                .post("/api/v1/remediations/" + id + "/reject", "{\"by\":\"mallory\"}");

        assertThat(rejected.status()).as(rejected.body()).isEqualTo(200);
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).contains(RemediationPhase.SKIPPED));
        assertThat(eventsFor(key).getLast()).extracting(RemediationEvent::phase, RemediationEvent::reason,
                RemediationEvent::by, RemediationEvent::message)
                .containsExactly(RemediationPhase.SKIPPED, "rejected", "ann", "rejected by ann");
        assertThat(client.services().inNamespace("db-reject").withName("postgres").get().getSpec().getSelector())
                .containsEntry("role", "primary");
    }

    @Test
    void cordonMarksTheNodeUnschedulable() throws Exception {
        Node node = new NodeBuilder().withNewMetadata().withName("aks-pool-7").endMetadata().withNewSpec().endSpec()
                .build();
        client.nodes().resource(node).create();
        send("ItCordon", AlertStatus.FIRING, Map.of("node", "aks-pool-7"), "fp-cordon");
        String key = "default/-/Node/aks-pool-7";
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).contains(RemediationPhase.VERIFIED));
        assertThat(client.nodes().withName("aks-pool-7").get().getSpec().getUnschedulable()).isTrue();
    }

    @Test
    void aDrainWaitingOnADisruptionBudgetHoldsNoListenerAndEvictsThePodOnceTheBudgetAllowsIt() throws Exception {
        Node node = new NodeBuilder().withNewMetadata().withName("node-live").endMetadata().withNewSpec().endSpec()
                .build();
        secondClient.nodes().resource(node).create();
        for (String name : List.of("db-0", "web-1")) {
            secondClient.pods().inNamespace("drain-live").resource(new PodBuilder().withNewMetadata().withName(name)
                    .withNamespace("drain-live").withUid(UUID.randomUUID().toString())
                    .addNewOwnerReference().withApiVersion("apps/v1").withKind("ReplicaSet").withName(name + "-rs")
                        .withUid(UUID.randomUUID().toString()).withController(true).endOwnerReference()
                    .endMetadata().withNewSpec()
                    .withNodeName("node-live").addNewContainer().withName("app").withImage("shop/app:1")
                    .endContainer().endSpec().build()).create();
        }
        SECOND_RULES.heldByBudget.add("drain-live/db-0");
        String drainKey = "second/-/Node/node-live";
        send("ItDrain", AlertStatus.FIRING, Map.of("node", "node-live", "cluster", "second"), "fp-drain-live");
        await().atMost(Duration.ofSeconds(30)).until(() -> phasesFor(drainKey).contains(RemediationPhase.SUCCEEDED));
        assertThat(SECOND_RULES.removed).contains("drain-live/web-1").doesNotContain("drain-live/db-0");

        // while the drain waits on the budget, the same consumer acts on another alert
        deployment("drain-other", "api", 2);
        send("ItRestart", AlertStatus.FIRING, labels("drain-other", "api"), "fp-drain-other");
        String otherKey = "default/drain-other/Deployment/api";
        await().atMost(Duration.ofSeconds(30)).until(() -> phasesFor(otherKey).contains(RemediationPhase.VERIFIED));
        // past the playbook's verify timeout (1s), the drain is still waiting: its evictionTimeout (2m) bounds it
        Instant started = eventsFor(drainKey).stream().filter(e -> e.phase() == RemediationPhase.STARTED)
                .findFirst().orElseThrow().occurredAt();
        await().atMost(Duration.ofSeconds(10)).until(() -> Instant.now().isAfter(started.plusSeconds(2)));
        assertThat(phasesFor(drainKey)).containsExactly(RemediationPhase.PLANNED, RemediationPhase.STARTED,
                RemediationPhase.SUCCEEDED);
        assertThat(SECOND_RULES.refused).contains("drain-live/db-0");

        // the budget allows the disruption now: a later pass evicts the pod, long before the deadline
        SECOND_RULES.heldByBudget.remove("drain-live/db-0");
        await().atMost(Duration.ofSeconds(30)).until(() -> phasesFor(drainKey).contains(RemediationPhase.VERIFIED));
        assertThat(phasesFor(drainKey)).containsExactly(RemediationPhase.PLANNED, RemediationPhase.STARTED,
                RemediationPhase.SUCCEEDED, RemediationPhase.VERIFIED);
        assertThat(SECOND_RULES.removed).contains("drain-live/db-0");
        assertThat(secondClient.pods().inNamespace("drain-live").list().getItems()).isEmpty();
        assertThat(secondClient.nodes().withName("node-live").get().getSpec().getUnschedulable()).isTrue();
    }

    @Test
    void webhookCallsTheRunbookEndpoint() throws Exception {
        HOOK.stubFor(post("/runbooks/clear-cache").willReturn(aResponse().withStatus(202)));
        send("ItWebhook", AlertStatus.FIRING, Map.of("namespace", "hook"), "fp-hook");
        await().atMost(Duration.ofSeconds(60)).until(() -> events().stream().anyMatch(e ->
                "it-webhook".equals(e.playbook()) && e.phase() == RemediationPhase.VERIFIED));
        HOOK.verify(1, postRequestedFor(urlEqualTo("/runbooks/clear-cache"))
                .withHeader("X-AlertPilot-Remediation", WireMock.matching(".+")));
    }

    @Test
    void escalateHandsTheAlertToAHuman() throws Exception {
        send("ItEscalate", AlertStatus.FIRING, Map.of("namespace", "esc"), "fp-esc");
        await().atMost(Duration.ofSeconds(60)).until(() -> events().stream().anyMatch(e ->
                "it-escalate".equals(e.playbook()) && e.phase() == RemediationPhase.SKIPPED));
        assertThat(events().stream().filter(e -> "it-escalate".equals(e.playbook())).map(RemediationEvent::reason))
                .contains("escalate");
    }

    @Test
    void theBlastRadiusGuardsStopARestart() throws Exception {
        Deployment d = deployment("pdb", "pay", 2);
        client.policy().v1().podDisruptionBudget().inNamespace("pdb").resource(new PodDisruptionBudgetBuilder()
                .withNewMetadata().withName("pay").withNamespace("pdb").endMetadata()
                .withNewSpec().withNewSelector().addToMatchLabels("app", "pay").endSelector()
                    .withMinAvailable(new IntOrString(2)).endSpec()
                .withNewStatus().withDisruptionsAllowed(0).withCurrentHealthy(2).withDesiredHealthy(2)
                    .withExpectedPods(2).endStatus()
                .build()).create();
        send("ItRestart", AlertStatus.FIRING, labels("pdb", "pay"), "fp-pdb");
        String key = "default/pdb/Deployment/pay";
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).contains(RemediationPhase.SKIPPED));
        assertThat(eventsFor(key)).singleElement().extracting(RemediationEvent::reason).isEqualTo("disruption-budget");
        assertThat(client.apps().deployments().inNamespace("pdb").withName("pay").get().getSpec().getTemplate()
                .getMetadata().getAnnotations()).isNullOrEmpty();

        Deployment rolling = deployment("rolling", "cart", 3);
        client.apps().deployments().inNamespace("rolling").withName("cart").editStatus(s -> {
            s.getStatus().setUpdatedReplicas(1);
            return s;
        });
        send("ItRestart", AlertStatus.FIRING, labels("rolling", "cart"), "fp-rolling");
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor("default/rolling/Deployment/cart")
                .contains(RemediationPhase.SKIPPED));
        assertThat(eventsFor("default/rolling/Deployment/cart").getFirst().reason()).isEqualTo("rollout-in-progress");
        assertThat(d).isNotNull();
        assertThat(rolling).isNotNull();
    }

    // ---- Done when 3: a flapping alert ----

    @Test
    void aFlappingAlertCausesNoMoreActionsThanConfigured() throws Exception {
        deployment("flap", "api", 2);
        Map<String, String> labels = labels("flap", "api");
        List<AlertEvent> firings = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            firings.add(send("ItFlap", AlertStatus.FIRING, labels, "fp-flap"));
            send("ItFlap", AlertStatus.RESOLVED, labels, "fp-flap");
        }
        String key = "default/flap/Deployment/api";
        // every firing occurrence ends in an event that decides it: SKIPPED, or the VERIFIED of an action
        await().atMost(Duration.ofSeconds(60)).until(() -> firings.stream().allMatch(f -> eventsFor(key).stream()
                .anyMatch(e -> e.alertEventId().equals(f.eventId())
                        && (e.phase() == RemediationPhase.SKIPPED || e.phase() == RemediationPhase.VERIFIED))));
        long started = phasesFor(key).stream().filter(p -> p == RemediationPhase.STARTED).count();
        List<RemediationEvent> skipped = eventsFor(key).stream().filter(e -> e.phase() == RemediationPhase.SKIPPED)
                .toList();
        // no cooldown, maxAttempts 10: the flapping guard (more than 6 changes in 10 minutes) is what stops it, from
        // the 5th firing on at the latest
        assertThat(started).isBetween(1L, 4L);
        assertThat(skipped).hasSize(20 - (int) started);
        assertThat(skipped).extracting(RemediationEvent::reason).isSubsetOf("flapping", "target-lock")
                .contains("flapping");
    }

    // ---- Done when 5: a failing API: retries, breaker, circuit-open; 403 not retried; breaker metrics ----

    @Test
    void retriesThenOpensTheBreakerThenSkipsWithCircuitOpen() throws Exception {
        BROKEN.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500).withBody("{}")));
        Map<String, String> labels = labels("err", "api");
        labels.put("cluster", "broken");
        send("ItRestart", AlertStatus.FIRING, labels, "fp-broken-1");
        String key = "broken/err/Deployment/api";
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).size() == 1);
        assertThat(eventsFor(key).getFirst().reason()).isEqualTo("inspect-failed");
        assertThat(apiCalls(BROKEN)).as("3 attempts of the first read").hasSize(3);

        send("ItRestart", AlertStatus.FIRING, labels, "fp-broken-2");
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).size() == 2);
        assertThat(eventsFor(key).get(1).reason()).isEqualTo("circuit-open");
        int requests = apiCalls(BROKEN).size();
        assertThat(requests).as("the breaker opened after 4 failed calls").isEqualTo(4);

        send("ItRestart", AlertStatus.FIRING, labels, "fp-broken-3");
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).size() == 3);
        assertThat(eventsFor(key).get(2).reason()).isEqualTo("circuit-open");
        assertThat(apiCalls(BROKEN)).as("nothing sent while open").hasSize(requests);

        ApiResponse prometheus = http("GET", "/actuator/prometheus", null);
        assertThat(prometheus.body()).containsPattern(
                "resilience4j_circuitbreaker_state\\{[^}]*name=\"k8s-broken\"[^}]*state=\"open\"[^}]*} 1.0");
        assertThat(prometheus.body()).contains("alertpilot_remediation_actions_total");

        var breakers = http("GET", "/actuator/health", null).json().path("components").path("kubernetesBreakers");
        assertThat(breakers.path("status").asString()).as("an open breaker is shown, not a reason to restart")
                .isEqualTo("UP");
        assertThat(breakers.path("details").path("broken").asString()).isEqualTo("OPEN");
        assertThat(breakers.path("details").path("second").asString()).isEqualTo("CLOSED");
    }

    /**
     * The calls the service made to the API of a cluster's resources ({@code /api/...}, {@code /apis/...}): the actions'
     * and inspections' calls, not the start-up's {@code /version} of each instance started on these clusters.
     */
    private static List<LoggedRequest> apiCalls(WireMockServer cluster) {
        return cluster.findAll(WireMock.anyRequestedFor(urlPathMatching("/apis?/.*")));
    }

    @Test
    void aTimeoutIsRetried() throws Exception {
        SLOW.stubFor(get(urlPathMatching("/apis/apps/v1/namespaces/slow/deployments/api"))
                .willReturn(aResponse().withStatus(200).withFixedDelay(1500).withBody("{}")));
        Map<String, String> labels = labels("slow", "api");
        labels.put("cluster", "slow");
        send("ItRestart", AlertStatus.FIRING, labels, "fp-slow");
        String key = "slow/slow/Deployment/api";
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).size() == 1);
        assertThat(eventsFor(key).getFirst().phase()).isEqualTo(RemediationPhase.SKIPPED);
        assertThat(eventsFor(key).getFirst().message()).contains("timeout");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(SLOW.findAll(
                WireMock.getRequestedFor(urlPathMatching("/apis/apps/v1/namespaces/slow/deployments/api")))).hasSize(3));
    }

    @Test
    void aRestartWhoseAnswerTimedOutAfterItWasAppliedRollsTheDeploymentOnce() throws Exception {
        deployment("late", "api", 2);
        String path = "/apis/apps/v1/namespaces/late/deployments/api";
        // the first PATCH reaches the API server, which applies it; its answer comes after the call timeout (1s)
        PROXY.stubFor(patch(urlPathMatching(path)).atPriority(1).inScenario("late").whenScenarioStateIs(STARTED)
                .willSetStateTo("answered").willReturn(aResponse().proxiedFrom(masterUrl())
                        .withFixedDelay(1500)));
        Map<String, String> labels = labels("late", "api");
        labels.put("cluster", "late");
        send("ItRestart", AlertStatus.FIRING, labels, "fp-late");
        String key = "late/late/Deployment/api";
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).contains(RemediationPhase.VERIFIED));
        List<String> restartedAt = PROXY.findAll(WireMock.patchRequestedFor(urlPathMatching(path))).stream()
                .map(request -> Json.mapper().readTree(request.getBodyAsString())
                        .at("/spec/template/metadata/annotations/kubectl.kubernetes.io~1restartedAt").asString())
                .toList();
        assertThat(restartedAt).as("the retry after the timeout").hasSize(2);
        assertThat(Set.copyOf(restartedAt)).as("one rollout: every attempt writes the same restart time").hasSize(1);
        assertThat(client.apps().deployments().inNamespace("late").withName("api").get().getSpec().getTemplate()
                .getMetadata().getAnnotations()).containsEntry("kubectl.kubernetes.io/restartedAt", restartedAt.get(0));
    }

    @Test
    void aForbiddenCallIsNotRetriedAndFails() throws Exception {
        String deploymentJson = Json.writeString(Map.of("apiVersion", "apps/v1", "kind", "Deployment",
                "metadata", Map.of("name", "api", "namespace", "denied"),
                "spec", Map.of("replicas", 2, "template", Map.of("metadata", Map.of("labels", Map.of("app", "api")))),
                "status", Map.of("replicas", 2, "updatedReplicas", 2, "readyReplicas", 2, "availableReplicas", 2)));
        FORBIDDEN.stubFor(get(urlPathMatching("/apis/apps/v1/namespaces/denied/deployments/api"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody(deploymentJson)));
        FORBIDDEN.stubFor(get(urlPathMatching("/apis/policy/v1/namespaces/denied/poddisruptionbudgets"))
                .willReturn(aResponse().withStatus(200).withHeader("Content-Type", "application/json")
                        .withBody("{\"apiVersion\":\"policy/v1\",\"kind\":\"PodDisruptionBudgetList\",\"items\":[]}")));
        FORBIDDEN.stubFor(patch(urlPathMatching("/apis/apps/v1/namespaces/denied/deployments/api"))
                .willReturn(aResponse().withStatus(403).withHeader("Content-Type", "application/json")
                        .withBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                                + "\"message\":\"deployments.apps is forbidden\",\"reason\":\"Forbidden\",\"code\":403}")));
        Map<String, String> labels = labels("denied", "api");
        labels.put("cluster", "forbidden");
        send("ItRestart", AlertStatus.FIRING, labels, "fp-forbidden");
        String key = "forbidden/denied/Deployment/api";
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).contains(RemediationPhase.FAILED));
        assertThat(eventsFor(key).getLast().reason()).isEqualTo("http-403");
        assertThat(FORBIDDEN.findAll(WireMock.patchRequestedFor(
                urlPathMatching("/apis/apps/v1/namespaces/denied/deployments/api")))).hasSize(1);
    }

    // ---- Done when 4: restart, redelivery, a second instance in the same group ----

    @Test
    void guardStateSurvivesARestartAndTwoInstancesNeverActOnOneTargetAtOnce() throws Exception {
        deployment("replicas", "api", 2);
        Map<String, String> labels = labels("replicas", "api");
        String key = "default/replicas/Deployment/api";
        AlertEvent first = send("ItRestart", AlertStatus.FIRING, labels, "fp-replicas-1");
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(key).contains(RemediationPhase.VERIFIED));

        // a redelivered record (the same occurrence again) never acts twice
        kafka.send(Topics.ALERTS, first.fingerprint(), first).get();

        // a second instance in the same group: a fresh JVM state that knows only the ledger topic
        Map<String, Object> props = properties(broker.getBrokersAsString());
        props.put("server.port", "0");
        props.put("alertpilot.remediation.identity", "second-instance");
        MessageListenerContainer mine = listeners.getListenerContainer("remediation-alerts");
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(RemediationApplication.class)
                .run(args(props))) {
            MessageListenerContainer theirs = second.getBean(KafkaListenerEndpointRegistry.class)
                    .getListenerContainer("remediation-alerts");
            await().atMost(Duration.ofSeconds(60)).until(() -> !theirs.getAssignedPartitions().isEmpty()
                    && mine.getAssignedPartitions() != null && !mine.getAssignedPartitions().isEmpty()
                    && theirs.getAssignedPartitions().size() + mine.getAssignedPartitions().size() == 2);

            // the cooldown of the first action holds on whichever instance reads the next occurrences
            List<AlertEvent> later = new ArrayList<>();
            for (int partition = 0; partition < 2; partition++) {
                AlertEvent alert = Alerts.firing("ItRestart", labels).fingerprint("fp-replicas-p" + partition)
                        .severity(Severity.CRITICAL).build();
                kafka.send(Topics.ALERTS, partition, alert.fingerprint(), alert).get();
                later.add(alert);
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> later.stream().allMatch(a -> eventsFor(key).stream()
                    .anyMatch(e -> e.alertEventId().equals(a.eventId()))));
            assertThat(eventsFor(key).stream().filter(e -> later.stream().anyMatch(a -> a.eventId()
                    .equals(e.alertEventId())))).extracting(RemediationEvent::reason).containsOnly("cooldown");

            // two instances, one new target, occurrences on both partitions at once: exactly one action
            deployment("replicas", "web", 2);
            Map<String, String> web = labels("replicas", "web");
            List<AlertEvent> both = new ArrayList<>();
            for (int partition = 0; partition < 2; partition++) {
                AlertEvent alert = Alerts.firing("ItRestart", web).fingerprint("fp-web-p" + partition + UUID.randomUUID())
                        .severity(Severity.CRITICAL).build();
                both.add(alert);
            }
            for (int partition = 0; partition < 2; partition++) {
                kafka.send(Topics.ALERTS, partition, both.get(partition).fingerprint(), both.get(partition));
            }
            String webKey = "default/replicas/Deployment/web";
            await().atMost(Duration.ofSeconds(60)).until(() -> both.stream().allMatch(a -> eventsFor(webKey).stream()
                    .anyMatch(e -> e.alertEventId().equals(a.eventId())
                            && (e.phase() == RemediationPhase.SKIPPED || e.phase() == RemediationPhase.STARTED))));
            assertThat(eventsFor(webKey).stream().filter(e -> e.phase() == RemediationPhase.STARTED)).hasSize(1);
            assertThat(eventsFor(webKey).stream().filter(e -> e.phase() == RemediationPhase.SKIPPED))
                    .singleElement().extracting(RemediationEvent::reason).isIn("target-lock", "cooldown");
        }
        assertThat(phasesFor(key).stream().filter(p -> p == RemediationPhase.STARTED)).as("one action in total")
                .hasSize(1);
    }

    // ---- Done when 6: reload keeps the last good set ----

    @Test
    void anInvalidReloadIsRefusedAndTheLastGoodSetKeepsWorking() throws Exception {
        Path bad = PLAYBOOKS.resolve("zz-broken.yml");
        Files.writeString(bad, """
                playbooks:
                  - name: broken-scale
                    match: { alertname: Whatever }
                    target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                    actions: [ { scale: { by: 2 } } ]
                """);
        try {
            await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
                ApiResponse list = http("GET", "/api/v1/playbooks", null);
                String error = Json.mapper().readTree(list.body()).path("lastReloadError").asString("");
                assertThat(error).contains("zz-broken.yml").contains("playbook 'broken-scale'")
                        .contains("field 'actions[0].scale.max'");
            });
            deployment("reload", "api", 2);
            send("ItRestart", AlertStatus.FIRING, labels("reload", "api"), "fp-reload");
            await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor("default/reload/Deployment/api")
                    .contains(RemediationPhase.VERIFIED));
        } finally {
            Files.deleteIfExists(bad);
        }
    }

    @Test
    void anInvalidPlaybookRefusesStartUp() throws IOException {
        Path dir = Files.createTempDirectory("bad-playbooks");
        Files.writeString(dir.resolve("team.yml"), """
                playbooks:
                  - name: typo
                    match: { alertname: A }
                    target: { kind: Deployment, namespace: shop, name: api }
                    actions: [ restart ]
                    guard: { cooldwn: 5m }
                """);
        Map<String, Object> props = properties(broker.getBrokersAsString());
        props.put("server.port", "0");
        props.put("alertpilot.remediation.playbooks.locations", dir.toString());
        Throwable failure = null;
        try (ConfigurableApplicationContext ignored = new SpringApplicationBuilder(RemediationApplication.class)
                .run(args(props))) {
            // not reached
        } catch (RuntimeException e) {
            failure = e;
        }
        assertThat(failure).isNotNull();
        Throwable root = failure;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        assertThat(root.getMessage()).contains("team.yml").contains("playbook 'typo'").contains("field 'guard.cooldwn'");
    }

    // ---- maintenance windows: no actions on what a window covers, on every replica, until it ends ----

    @Test
    void aWindowOnANamespaceSkipsItsAlertsWithReasonMaintenanceAndEndingItRestoresActions() throws Exception {
        deployment("maint-shop", "api", 2);
        deployment("maint-other", "api", 2);
        ApiResponse created = http("POST", "/api/v1/maintenance-windows", """
                {"matchers": [{"name": "namespace", "value": "maint-shop", "isRegex": false, "isEqual": true}],
                 "reason": "node upgrade"}""");
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        assertThat(created.json().get("state").asString()).isEqualTo("active");
        assertThat(created.json().get("createdBy").asString()).as("the caller").isEqualTo("api");
        assertThat(created.json().get("paging").asBoolean()).isTrue();

        send("ItRestart", AlertStatus.FIRING, labels("maint-shop", "api"), "fp-maint-shop");
        send("ItRestart", AlertStatus.FIRING, labels("maint-other", "api"), "fp-maint-other");
        String shop = "default/maint-shop/Deployment/api";
        await().atMost(Duration.ofSeconds(60))
                .until(() -> phasesFor("default/maint-other/Deployment/api").contains(RemediationPhase.VERIFIED));
        await().atMost(Duration.ofSeconds(30)).until(() -> !eventsFor(shop).isEmpty());
        assertThat(eventsFor(shop)).singleElement().satisfies(skipped -> {
            assertThat(skipped.phase()).isEqualTo(RemediationPhase.SKIPPED);
            assertThat(skipped.reason()).isEqualTo("maintenance");
            assertThat(skipped.message()).contains(id, "node upgrade");
        });
        assertThat(restartedAt(client, "maint-shop")).isNull();

        ApiResponse preview = http("POST", "/api/v1/maintenance-windows/preview",
                "{\"matchers\": [{\"name\": \"namespace\", \"value\": \"maint-.*\", \"isRegex\": true}]}");
        assertThat(preview.status()).as(preview.body()).isEqualTo(200);
        assertThat(preview.json().get("targets").toString()).contains(shop, "default/maint-other/Deployment/api")
                .doesNotContain("default/restart/");
        assertThat(preview.json().get("playbooks").toString()).contains("it-restart", "it-scale");
        ApiResponse onePlaybook = http("POST", "/api/v1/maintenance-windows/preview",
                "{\"matchers\": [{\"name\": \"alertname\", \"value\": \"ItScale\"}]}");
        assertThat(onePlaybook.json().get("playbooks").toString()).contains("it-scale").doesNotContain("it-restart");

        ApiResponse ended = http("DELETE", "/api/v1/maintenance-windows/" + id + "?reason=upgrade%20done", null);
        assertThat(ended.status()).as(ended.body()).isEqualTo(200);
        assertThat(ended.json().get("state").asString()).isEqualTo("expired");
        assertThat(ended.json().get("endedBy").asString()).isEqualTo("api");
        assertThat(ended.json().get("endedReason").asString()).isEqualTo("upgrade done");
        assertThat(ended.json().get("reason").asString()).as("the creation reason stays").isEqualTo("node upgrade");
        AlertEvent again = alert("ItRestart", AlertStatus.FIRING, labels("maint-shop", "api"), "fp-maint-shop");
        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).until(() -> {
            ApiResponse evaluation = http("POST", "/api/v1/playbooks/evaluate", Json.mapper().writeValueAsString(again));
            return "act".equals(evaluation.json().get("evaluations").get(0).get("outcome").asString());
        });
        send(again);
        await().atMost(Duration.ofSeconds(60)).until(() -> phasesFor(shop).contains(RemediationPhase.VERIFIED));
        assertThat(restartedAt(client, "maint-shop")).isNotNull();

        ApiResponse listed = http("GET", "/api/v1/maintenance-windows", null);
        assertThat(listed.json().get("items").toString()).contains(id, "\"state\":\"expired\"");
    }

    @Test
    void aWindowWithABadFieldIsRefusedNamingTheFieldAndAnUnknownOneIsNotFound() {
        Map<String, String> bad = Map.of(
                "{\"matchers\": [{\"name\": \"pod\", \"value\": \"(\", \"isRegex\": true}]}", "matchers[0].value",
                "{\"startsAt\": \"2030-01-02T00:00:00Z\", \"endsAt\": \"2030-01-01T00:00:00Z\"}", "endsAt",
                "{\"recurrence\": {\"weekdays\": [\"funday\"]}}", "recurrence.weekdays[0]",
                "{\"recurrence\": {\"times\": [{\"start_time\": \"7pm\", \"end_time\": \"23:00\"}]}}",
                "recurrence.times[0].start_time",
                "{\"startsAt\": \"tomorrow\"}", "startsAt",
                // the caller is the principal, never the body
                "{\"reason\": \"node upgrade\", \"by\": \"mallory\"}", "by",
                // typos that would otherwise widen the window to everything, for ever
                "{\"matcher\": [{\"name\": \"namespace\", \"value\": \"shop\"}]}", "matcher",
                "{\"endsAt\": \"\"}", "endsAt",
                "{\"recurrence\": {\"days_of_month\": [\"1:7\"]}}", "recurrence.days_of_month");
        bad.forEach((body, field) -> {
            ApiResponse refused = http("POST", "/api/v1/maintenance-windows", body);
            assertThat(refused.status()).as(body).isEqualTo(400);
            assertThat(refused.contentType()).startsWith("application/problem+json");
            assertThat(refused.json().path("field").asString("")).as(refused.body()).isEqualTo(field);
        });
        ApiResponse unknown = http("GET", "/api/v1/maintenance-windows/nope", null);
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.json().get("reason").asString()).isEqualTo("unknown-window");
        assertThat(http("DELETE", "/api/v1/maintenance-windows/nope", null).status()).isEqualTo(404);
        ApiResponse typo = http("DELETE", "/api/v1/maintenance-windows/nope", "{\"reasn\": \"done\"}");
        assertThat(typo.status()).isEqualTo(400);
        assertThat(typo.json().path("field").asString("")).isEqualTo("reasn");
    }

    @Test
    void aWindowCreatedOnOneReplicaAppliesOnAnotherAndARestartedReplicaKeepsIt() throws Exception {
        ApiResponse created = http("POST", "/api/v1/maintenance-windows",
                "{\"matchers\": [{\"name\": \"namespace\", \"value\": \"maint-first\"}], \"reason\": \"first\"}");
        String first = created.json().get("id").asString();
        Map<String, Object> props = properties(broker.getBrokersAsString());
        props.put("server.port", "0");
        props.put("alertpilot.remediation.identity", "maintenance-replica");
        // its own alert topic and group: it answers the API and leaves this suite's alerts to the first instance
        props.put("alertpilot.remediation.consumer.group-id", "maintenance-replica");
        props.put("alertpilot.remediation.topics.alerts", "it.maintenance-replica.alerts");
        try (ConfigurableApplicationContext second = new SpringApplicationBuilder(RemediationApplication.class)
                .run(args(props))) {
            int secondPort = Integer.parseInt(second.getEnvironment().getProperty("local.server.port"));
            ApiClient secondApi = ApiClient.at(secondPort).withToken(TOKEN);
            // started after the window was created: it read it from the topic, as a restarted replica does
            assertThat(secondApi.get("/api/v1/maintenance-windows/" + first).status()).isEqualTo(200);

            ApiResponse onSecond = secondApi.post("/api/v1/maintenance-windows",
                    Map.of("matchers", List.of(Map.of("name", "namespace", "value", "maint-second"))));
            assertThat(onSecond.status()).as(onSecond.body()).isEqualTo(201);
            AlertEvent alert = alert("ItRestart", AlertStatus.FIRING, labels("maint-second", "api"), "fp-maint-second");
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(50)).until(() -> {
                ApiResponse evaluation = http("POST", "/api/v1/playbooks/evaluate",
                        Json.mapper().writeValueAsString(alert));
                return "maintenance".equals(evaluation.json().get("evaluations").get(0).path("blockedBy").asString(""));
            });
        }
    }

    @Test
    void aScheduledWindowStartsAndExpiresOnTheEventsTopicByTheSchedule() {
        Instant startsAt = Instant.now().plusSeconds(2).truncatedTo(ChronoUnit.SECONDS);
        Instant endsAt = startsAt.plusSeconds(2);
        ApiResponse created = http("POST", "/api/v1/maintenance-windows", """
                {"matchers": [{"name": "namespace", "value": "maint-scheduled"}], "startsAt": "%s", "endsAt": "%s",
                 "reason": "scheduled upgrade"}""".formatted(startsAt, endsAt));
        assertThat(created.status()).as(created.body()).isEqualTo(201);
        String id = created.json().get("id").asString();
        try (KafkaReadBack<MaintenanceEvent> events = KafkaReadBack.open(broker.getBrokersAsString(),
                Topics.MAINTENANCE_EVENTS, MaintenanceEvent.class).within(Duration.ofSeconds(30))) {
            List<MaintenanceEvent> scheduled = events.await(r -> r.key().equals(id)
                    && r.value().type() != MaintenanceEvent.Type.CREATED, 2)
                    .stream().map(ConsumerRecord::value).toList();
            assertThat(scheduled).extracting(MaintenanceEvent::type, MaintenanceEvent::by, MaintenanceEvent::at,
                    MaintenanceEvent::reason).containsExactly(
                            tuple(MaintenanceEvent.Type.STARTED, "schedule", startsAt, "scheduled upgrade"),
                            tuple(MaintenanceEvent.Type.EXPIRED, "schedule", endsAt, "scheduled upgrade"));
        }
    }

    static String[] args(Map<String, Object> props) {
        return props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    ApiResponse http(String method, String path, String body) {
        return ApiClient.at(port).withToken(TOKEN).send(method, path, body);
    }
}
