package io.alertpilot.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.kafka.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.awaitility.core.ConditionTimeoutException;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

class KafkaReadBackIT {

    private static EmbeddedKafkaKraftBroker broker;
    private static KafkaProducer<String, byte[]> producer;

    @BeforeAll
    static void startBroker() {
        broker = new EmbeddedKafkaKraftBroker(1, 2);
        broker.brokerProperties(Map.of("auto.create.topics.enable", "true", "group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, broker.getBrokersAsString()),
                new StringSerializer(), new ByteArraySerializer());
    }

    @AfterAll
    static void stopBroker() {
        producer.close();
        broker.destroy();
    }

    @Test
    void waitsForTheRecordsThatMatchTypedThroughJson() throws Exception {
        String topic = topic();
        AlertEvent crash = Alerts.firing("KubePodCrashLooping").build();
        AlertEvent latency = Alerts.firing("HighLatency").build();
        try (var alerts = KafkaReadBack.open(broker.getBrokersAsString(), topic, AlertEvent.class)) {
            send(topic, crash.fingerprint(), Json.write(crash));
            send(topic, latency.fingerprint(), Json.write(latency));

            assertThat(alerts.awaitValue(alert -> alert.name().equals("HighLatency"))).isEqualTo(latency);
            ConsumerRecord<String, AlertEvent> record = alerts.await(r -> r.key().equals(crash.fingerprint()));
            assertThat(record.value()).isEqualTo(crash);
            assertThat(alerts.await(2)).extracting(ConsumerRecord::value).containsExactlyInAnyOrder(crash, latency);
        }
    }

    @Test
    void eachReaderStartsFromTheBeginningInAGroupOfItsOwn() throws Exception {
        String topic = topic();
        send(topic, "k", "first".getBytes(StandardCharsets.UTF_8));
        try (var one = KafkaReadBack.open(broker.getBrokersAsString(), topic, String.class)) {
            assertThat(one.await(1)).extracting(ConsumerRecord::value).containsExactly("first");
        }
        try (var two = KafkaReadBack.open(broker.getBrokersAsString(), topic, byte[].class)) {
            assertThat(new String(two.await(1).getFirst().value(), StandardCharsets.UTF_8)).isEqualTo("first");
        }
    }

    @Test
    void failsWithinTheBoundNamingTheTopicWhenTooFewMatch() throws Exception {
        String topic = topic();
        send(topic, "k", "only".getBytes(StandardCharsets.UTF_8));
        try (var reader = KafkaReadBack.open(broker.getBrokersAsString(), topic, String.class)
                .within(Duration.ofSeconds(3))) {
            assertThatThrownBy(() -> reader.await(value -> value.value().equals("only"), 2))
                    .isInstanceOf(ConditionTimeoutException.class)
                    .hasMessageContaining("1 of 2 expected records on " + topic);
        }
    }

    @Test
    void readsEverythingOnTheTopicNow() throws Exception {
        String topic = topic();
        assertThat(KafkaReadBack.readAllValues(broker.getBrokersAsString(), topic, String.class)).isEmpty();
        for (int i = 0; i < 5; i++) {
            send(topic, "k" + i, ("v" + i).getBytes(StandardCharsets.UTF_8));
        }

        List<ConsumerRecord<String, String>> records = KafkaReadBack.readAll(broker.getBrokersAsString(), topic,
                String.class);

        assertThat(records).extracting(ConsumerRecord::key).containsExactlyInAnyOrder("k0", "k1", "k2", "k3", "k4");
        assertThat(KafkaReadBack.readAllValues(broker.getBrokersAsString(), topic, String.class))
                .containsExactlyInAnyOrder("v0", "v1", "v2", "v3", "v4");
    }

    private static String topic() {
        return "read-back-" + UUID.randomUUID();
    }

    private static void send(String topic, String key, byte[] value) throws Exception {
        producer.send(new ProducerRecord<>(topic, key, value)).get();
    }
}
