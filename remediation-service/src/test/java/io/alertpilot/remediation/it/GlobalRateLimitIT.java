package io.alertpilot.remediation.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.RemediationApplication;
import io.alertpilot.testing.KafkaReadBack;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * Two live replicas of the remediation service in one consumer group, on one in-JVM broker and one fabric8 mock API
 * server in CRUD mode (the target locks are Leases there): the global rate limit holds for both together, not for
 * each; and a poll of many alerts decided in parallel (the default parallelism) keeps every guard and the count.
 */
class GlobalRateLimitIT {

    private static final int LIMIT = 8;
    private static final String NAMESPACE = "storm";

    private static EmbeddedKafkaKraftBroker broker;
    private static KubernetesMockServer k8s;
    private static NamespacedKubernetesClient client;
    private static final List<ConfigurableApplicationContext> replicas = new ArrayList<>();

    @BeforeAll
    static void start() throws Exception {
        broker = new EmbeddedKafkaKraftBroker(1, 2, Topics.ALERTS);
        broker.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        k8s = new KubernetesMockServer(new Context(), new MockWebServer(), new HashMap<>(),
                new KubernetesCrudDispatcher(), false);
        k8s.init();
        client = k8s.createClient();
        Path playbooks = Files.createTempDirectory("rate-limit-playbooks");
        Files.writeString(playbooks.resolve("storm.yml"), """
                playbooks:
                  - name: storm-restart
                    match: { alertname: StormRestart }
                    target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                    actions: [ restart ]
                    guard: { minReadyReplicas: 1 }
                    verify: { rolloutTimeout: 10s }
                  - name: storm-planned
                    match: { alertname: StormPlanned }
                    target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                    actions: [ restart ]
                    dryRun: true
                    guard: { minReadyReplicas: 1, cooldown: 1h }
                """);
        for (String identity : List.of("replica-a", "replica-b")) {
            replicas.add(new SpringApplicationBuilder(RemediationApplication.class)
                    .run(args(properties(playbooks, identity))));
        }
    }

    @AfterAll
    static void stop() {
        replicas.forEach(ConfigurableApplicationContext::close);
        if (client != null) {
            client.close();
        }
        if (k8s != null) {
            k8s.destroy();
        }
        if (broker != null) {
            broker.destroy();
        }
    }

    private static Map<String, Object> properties(Path playbooks, String identity) {
        Map<String, Object> p = new LinkedHashMap<>();
        p.put("spring.kafka.bootstrap-servers", broker.getBrokersAsString());
        p.put("server.port", "0");
        p.put("alertpilot.api.auth.tokens", "rate-limit-token");
        p.put("alertpilot.remediation.identity", identity);
        p.put("alertpilot.remediation.dry-run", "false");
        p.put("alertpilot.remediation.kubernetes.enabled", "true");
        p.put("alertpilot.remediation.kubernetes.clusters.default.master-url", client.getMasterUrl().toString());
        p.put("alertpilot.remediation.playbooks.locations", playbooks.toString());
        p.put("alertpilot.remediation.verify.interval", "100ms");
        p.put("alertpilot.remediation.guard.rate-limit", String.valueOf(LIMIT));
        p.put("alertpilot.remediation.guard.rate-period", "1h");
        p.put("alertpilot.remediation.topics.partitions", "2");
        // one consumer per replica, so that each replica of the group reads one of the two partitions
        p.put("alertpilot.remediation.consumer.concurrency", "1");
        return p;
    }

    private static String[] args(Map<String, Object> props) {
        return props.entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new);
    }

    @Test
    void twoReplicasTogetherStartNoMoreActionsThanTheLimit() throws Exception {
        List<MessageListenerContainer> containers = replicas.stream().map(r -> r
                .getBean(KafkaListenerEndpointRegistry.class).getListenerContainer("remediation-alerts")).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> containers.stream().allMatch(c ->
                c.getAssignedPartitions() != null && c.getAssignedPartitions().size() == 1));

        // twelve targets, six alerts on each replica's partition: each replica alone would start six actions, twelve
        // in all, if each counted for itself
        List<String> keys = new ArrayList<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int i = 0; i < 12; i++) {
                String name = "api-" + i;
                ClusterObjects.deployment(client, NAMESPACE, name, 2, 2);
                keys.add("default/" + NAMESPACE + "/Deployment/" + name);
                AlertEvent alert = Alerts.firing("StormRestart", Map.of("namespace", NAMESPACE, "deployment", name))
                        .fingerprint("fp-storm-" + i).severity(Severity.CRITICAL).build();
                producer.send(new ProducerRecord<>(Topics.ALERTS, i % 2, alert.fingerprint(), Json.write(alert)));
            }
            producer.flush();
        }

        try (KafkaReadBack<RemediationEvent> remediations = KafkaReadBack.open(broker.getBrokersAsString(),
                Topics.REMEDIATIONS, RemediationEvent.class)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> keys.stream().allMatch(key -> remediations.poll()
                    .stream().map(ConsumerRecord::value).anyMatch(e -> e.key().equals(key)
                            && (e.phase() == RemediationPhase.STARTED || e.phase() == RemediationPhase.SKIPPED))));
            List<RemediationEvent> events = remediations.poll().stream().map(ConsumerRecord::value)
                    .filter(e -> e.playbook().equals("storm-restart")).toList();

            List<RemediationEvent> started = events.stream()
                    .filter(e -> e.phase() == RemediationPhase.STARTED).toList();
            assertThat(started).as("actions started by both replicas together").hasSize(LIMIT);
            assertThat(events.stream().filter(e -> e.phase() == RemediationPhase.SKIPPED))
                    .hasSize(keys.size() - LIMIT)
                    .extracting(RemediationEvent::reason).containsOnly("rate-limit");
            Set<String> startedTargets = started.stream().map(RemediationEvent::key).collect(Collectors.toSet());
            assertThat(restarted()).containsExactlyInAnyOrderElementsOf(startedTargets.stream()
                    .map(key -> key.substring(key.lastIndexOf('/') + 1)).toList());
        }
    }

    @Test
    void aPollOfManyAlertsDecidedInParallelDecidesEachOnceActsOncePerTargetAndKeepsTheCountExact() throws Exception {
        // sixteen targets with three alerts each (distinct fingerprints), all on one partition, so that one replica
        // decides them together: the first alerts of the sixteen targets race for the eight permits of the (dry-run)
        // count, one ledger key
        int targets = 16;
        int perTarget = 3;
        Map<String, String> targetOfAlert = new HashMap<>();
        try (KafkaProducer<String, byte[]> producer = producer()) {
            for (int t = 0; t < targets; t++) {
                String name = "planned-" + t;
                ClusterObjects.deployment(client, NAMESPACE, name, 2, 2);
                for (int a = 0; a < perTarget; a++) {
                    AlertEvent alert = Alerts.firing("StormPlanned", Map.of("namespace", NAMESPACE, "deployment",
                            name)).fingerprint("fp-planned-" + t + "-" + a).severity(Severity.CRITICAL).build();
                    targetOfAlert.put(alert.eventId(), "default/" + NAMESPACE + "/Deployment/" + name);
                    producer.send(new ProducerRecord<>(Topics.ALERTS, 0, alert.fingerprint(), Json.write(alert)));
                }
            }
            producer.flush();
        }

        try (KafkaReadBack<RemediationEvent> remediations = KafkaReadBack.open(broker.getBrokersAsString(),
                Topics.REMEDIATIONS, RemediationEvent.class)) {
            await().atMost(Duration.ofSeconds(60)).until(() -> remediations.poll().stream().map(ConsumerRecord::value)
                    .filter(e -> targetOfAlert.containsKey(e.alertEventId())).map(RemediationEvent::alertEventId)
                    .distinct().count() == targetOfAlert.size());
            // a second decision of an alert would show as a second event of it
            List<RemediationEvent> events = remediations.poll().stream().map(ConsumerRecord::value)
                    .filter(e -> targetOfAlert.containsKey(e.alertEventId())).toList();

            assertThat(events).as("one decision per alert").hasSize(targetOfAlert.size());
            List<RemediationEvent> planned = events.stream()
                    .filter(e -> e.phase() == RemediationPhase.PLANNED).toList();
            assertThat(planned).as("planned actions: the count's limit, one per target").hasSize(LIMIT)
                    .extracting(RemediationEvent::key).doesNotHaveDuplicates();
            Set<String> plannedTargets = planned.stream().map(RemediationEvent::key).collect(Collectors.toSet());
            Map<String, Long> skipped = events.stream().filter(e -> e.phase() == RemediationPhase.SKIPPED)
                    .collect(Collectors.groupingBy(RemediationEvent::reason, Collectors.counting()));
            // a planned target's other alerts meet its cooldown; every alert of the other targets meets the limit
            assertThat(skipped).containsOnly(
                    Map.entry("cooldown", (long) LIMIT * (perTarget - 1)),
                    Map.entry("rate-limit", (long) (targets - LIMIT) * perTarget));
            assertThat(events.stream().filter(e -> "cooldown".equals(e.reason())).map(RemediationEvent::key))
                    .allMatch(plannedTargets::contains);
            assertThat(restarted()).as("a dry run changes nothing").noneMatch(name -> name.startsWith("planned-"));
        }
    }

    private static KafkaProducer<String, byte[]> producer() {
        return new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new ByteArraySerializer());
    }

    /** The names of the Deployments a rollout restart touched in the mock API server. */
    private static List<String> restarted() {
        return client.apps().deployments().inNamespace(NAMESPACE).list().getItems().stream()
                .filter(GlobalRateLimitIT::wasRestarted).map(d -> d.getMetadata().getName()).toList();
    }

    private static boolean wasRestarted(Deployment d) {
        Map<String, String> annotations = d.getSpec().getTemplate().getMetadata().getAnnotations();
        return annotations != null && annotations.containsKey("kubectl.kubernetes.io/restartedAt");
    }
}
