package io.alertpilot.support.kafka;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.utils.KafkaTestUtils;

/** The in-JVM KRaft broker of service-support's integration tests, its client settings, and reading a topic back. */
public final class InJvmBroker implements AutoCloseable {

    private final EmbeddedKafkaKraftBroker broker;
    private final KafkaClientSettings settings;

    public InJvmBroker(String... topics) {
        broker = new EmbeddedKafkaKraftBroker(1, 1, topics);
        broker.brokerProperties(Map.of("group.initial.rebalance.delay.ms", "0"));
        broker.afterPropertiesSet();
        settings = settingsFor(broker.getBrokersAsString());
    }

    /** Client settings for servers {@code bootstrap}, as Spring Boot would build them from properties. */
    public static KafkaClientSettings settingsFor(String bootstrap) {
        KafkaProperties kafka = new KafkaProperties();
        kafka.setBootstrapServers(List.of(bootstrap));
        KafkaConnectionDetails connection = kafka::getBootstrapServers;
        return new KafkaClientSettings(kafka, connection);
    }

    /** The broker's bootstrap servers. */
    public String bootstrap() {
        return broker.getBrokersAsString();
    }

    public KafkaClientSettings settings() {
        return settings;
    }

    /** The one record on {@code topic}, value as bytes, waiting up to ten seconds for it. */
    public ConsumerRecord<String, byte[]> readOne(String topic) {
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                settings.groupMember("read-back-" + UUID.randomUUID()), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            return KafkaTestUtils.getSingleRecord(consumer, topic, Duration.ofSeconds(10));
        }
    }

    @Override
    public void close() {
        broker.destroy();
    }
}
