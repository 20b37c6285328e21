package io.alertpilot.notifier.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.notifier.NotifierApplication;
import io.alertpilot.notifier.incident.IncidentService;
import io.alertpilot.notifier.testing.Events;
import io.alertpilot.support.kafka.JsonValueSerializer;
import io.alertpilot.testing.ApiClient;
import io.alertpilot.testing.ApiResponse;
import io.alertpilot.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.listener.MessageListenerContainer;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;

/**
 * Two notifier replicas in one consumer group on one in-JVM broker, each owning some of the three partitions: an
 * operator may call either. An unknown incident id is 404 {@code unknown-incident} on both, whichever owns the id's
 * partition; an acknowledgement sent to the replica that does not own the incident reaches the owner, and both answer
 * {@code GET} with the acknowledged incident.
 */
@EmbeddedKafka(partitions = 3, topics = {TwoReplicasIT.ALERTS, TwoReplicasIT.REMEDIATIONS})
class TwoReplicasIT {

    static final String ALERTS = "pair.alerts.v1";
    static final String REMEDIATIONS = "pair.remediations.v1";
    static final String TOKEN = "pair-token";
    static final int PARTITIONS = 3;

    final TestClock clock = new TestClock(Instant.parse("2026-11-30T09:00:00Z"));

    private ConfigurableApplicationContext start(EmbeddedKafkaBroker broker) {
        return new SpringApplicationBuilder(NotifierApplication.class)
                .initializers(context -> context.getBeanFactory().registerSingleton("clock", clock))
                .run(Map.ofEntries(
                        Map.entry("spring.kafka.bootstrap-servers", broker.getBrokersAsString()),
                        Map.entry("server.port", "0"),
                        Map.entry("alertpilot.api.auth.tokens", TOKEN),
                        Map.entry("alertpilot.notifier.group-id", "alertpilot-notifier-pair"),
                        Map.entry("alertpilot.notifier.topics.alerts", ALERTS),
                        Map.entry("alertpilot.notifier.topics.remediations", REMEDIATIONS),
                        Map.entry("alertpilot.notifier.topics.incidents", "pair.incidents.v1"),
                        Map.entry("alertpilot.notifier.topics.notifications", "pair.notifications.v1"),
                        Map.entry("alertpilot.notifier.topics.commands", "pair.commands.v1"),
                        Map.entry("alertpilot.notifier.topics.partitions", String.valueOf(PARTITIONS)),
                        Map.entry("alertpilot.notifier.tick-interval", "100ms"),
                        Map.entry("logging.structured.format.console", ""),
                        Map.entry("logging.level.org.apache.kafka", "WARN"),
                        Map.entry("logging.level.kafka", "WARN"))
                        // as arguments: they win over application.yml (default properties would not)
                        .entrySet().stream().map(e -> "--" + e.getKey() + "=" + e.getValue()).toArray(String[]::new));
    }

    @Test
    void eitherReplicaAnswersForEveryIncident(EmbeddedKafkaBroker broker) throws Exception {
        try (ConfigurableApplicationContext a = start(broker); ConfigurableApplicationContext b = start(broker)) {
            List<ConfigurableApplicationContext> replicas = List.of(a, b);
            await().atMost(Duration.ofSeconds(60)).until(() -> replicas.stream()
                    .allMatch(r -> !alertPartitions(r).isEmpty())
                    && alertPartitions(a).size() + alertPartitions(b).size() == PARTITIONS);

            // an unknown id in a partition of each replica, asked of both: the owner knows it has no such incident,
            // the other finds none on the incident topic; neither forwards it
            for (ConfigurableApplicationContext owner : replicas) {
                String unknown = unknownIdIn(alertPartitions(owner));
                for (ConfigurableApplicationContext asked : replicas) {
                    ApiResponse answer = api(asked).post("/api/v1/incidents/" + unknown + "/acknowledge", "{}");
                    assertThat(answer.status()).as("%s asked of %s", unknown, name(asked, a)).isEqualTo(404);
                    assertThat(Json.mapper().readTree(answer.body()).path("reason").asString())
                            .isEqualTo("unknown-incident");
                    assertThat(api(asked).get("/api/v1/incidents/" + unknown).status()).isEqualTo(404);
                }
            }

            // an incident acknowledged through the replica that does not own it
            String fp = "pair-incident-1";
            publish(broker, Events.firing(fp, Severity.CRITICAL, clock.instant()));
            await().atMost(Duration.ofSeconds(20)).until(() -> replicas.stream()
                    .anyMatch(r -> r.getBean(IncidentService.class).get(fp).isPresent()));
            ConfigurableApplicationContext owner = a.getBean(IncidentService.class).get(fp).isPresent() ? a : b;
            ConfigurableApplicationContext other = owner == a ? b : a;

            ApiResponse forwarded = api(other).post("/api/v1/incidents/" + fp + "/acknowledge", "{}");
            assertThat(forwarded.status()).isEqualTo(202);
            await().atMost(Duration.ofSeconds(20)).until(() -> "ACKNOWLEDGED".equals(state(owner, fp)));
            // every replica answers from its read model of the incident topic: the same, once it has read it
            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(state(other, fp))
                    .as("read on the replica that does not own it").isEqualTo("ACKNOWLEDGED"));
            for (ConfigurableApplicationContext replica : replicas) {
                await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
                    JsonNode list = Json.mapper().readTree(api(replica).get("/api/v1/incidents?state=acknowledged")
                            .body());
                    assertThat(list.path("items").findValuesAsString("id")).as("listed by %s", name(replica, a))
                            .contains(fp);
                    assertThat(list.path("total").asLong()).isGreaterThanOrEqualTo(1);
                });
            }
        }
    }

    /** The partitions of the alert topic {@code replica} is assigned (its incident ids are keyed to the same). */
    private static Set<Integer> alertPartitions(ConfigurableApplicationContext replica) {
        return replica.getBeansOfType(MessageListenerContainer.class).values().stream()
                .map(MessageListenerContainer::getAssignedPartitions).filter(Objects::nonNull)
                .flatMap(Collection::stream).filter(p -> p.topic().equals(ALERTS)).map(TopicPartition::partition)
                .collect(Collectors.toSet());
    }

    /** An id no incident has, keyed to one of {@code partitions} by the default partitioner. */
    private static String unknownIdIn(Set<Integer> partitions) {
        for (int i = 0; ; i++) {
            String id = "no-such-incident-" + i;
            if (partitions.contains(Utils.toPositive(Utils.murmur2(id.getBytes())) % PARTITIONS)) {
                return id;
            }
        }
    }

    private String state(ConfigurableApplicationContext replica, String id) throws Exception {
        ApiResponse read = api(replica).get("/api/v1/incidents/" + id);
        return read.status() == 200 ? Json.mapper().readTree(read.body()).path("state").asString()
                : "HTTP " + read.status();
    }

    private static ApiClient api(ConfigurableApplicationContext replica) {
        return ApiClient.at(((WebServerApplicationContext) replica).getWebServer().getPort()).withToken(TOKEN);
    }

    private static String name(ConfigurableApplicationContext replica, ConfigurableApplicationContext a) {
        return replica == a ? "replica a" : "replica b";
    }

    private static void publish(EmbeddedKafkaBroker broker, AlertEvent alert) throws Exception {
        try (KafkaProducer<String, Object> producer = new KafkaProducer<>(Map.of(
                ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new JsonValueSerializer())) {
            producer.send(new ProducerRecord<>(ALERTS, alert.fingerprint(), alert)).get(10, TimeUnit.SECONDS);
        }
    }
}
