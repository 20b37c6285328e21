package io.alertpilot.support.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.kafka.Topics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.kafka.core.DefaultKafkaConsumerFactory;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;
import org.springframework.kafka.listener.ContainerProperties;
import org.springframework.kafka.listener.MessageListener;
import org.springframework.kafka.support.serializer.ErrorHandlingDeserializer;

class DeadLettersIT {

    static final String UNREADABLE = "it.dead-letters.unreadable";
    static final String FAILING = "it.dead-letters.failing";
    static final String METER = "alertpilot.it.dead.letters";

    /** The value type the listener expects. */
    record Sample(int schemaVersion, String id) {
    }

    static InJvmBroker broker;

    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    final AtomicInteger deliveries = new AtomicInteger();
    DeadLetters deadLetters;
    ConcurrentMessageListenerContainer<String, Sample> container;

    @BeforeAll
    static void startBroker() {
        broker = new InJvmBroker(UNREADABLE, Topics.deadLetter(UNREADABLE), FAILING, Topics.deadLetter(FAILING));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @AfterEach
    void stop() {
        container.stop();
        deadLetters.destroy();
    }

    /** A container reading {@code topic} whose listener counts each delivery and then fails. */
    void listenFailing(String topic) {
        deadLetters = new DeadLetters(broker.settings(), registry);
        DefaultKafkaConsumerFactory<String, Sample> consumers = new DefaultKafkaConsumerFactory<>(
                broker.settings().groupMember("it-" + UUID.randomUUID()), new StringDeserializer(),
                new ErrorHandlingDeserializer<>(JsonSerde.of(Sample.class).deserializer()));
        ContainerProperties properties = new ContainerProperties(topic);
        properties.setMessageListener((MessageListener<String, Sample>) record -> {
            deliveries.incrementAndGet();
            throw new IllegalStateException("the downstream is unavailable");
        });
        container = new ConcurrentMessageListenerContainer<>(consumers, properties);
        container.setCommonErrorHandler(deadLetters.errorHandler(METER, List.of(UNREADABLE, FAILING), 2,
                Duration.ofMillis(10)));
        container.start();
    }

    void produce(String topic, String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(broker.settings().producer(),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(topic, key, value));
        }
    }

    @Test
    void anUnreadableValueGoesToTheNamedDeadLetterTopicAsItsOriginalBytesWithoutRetries() {
        listenFailing(UNREADABLE);
        byte[] garbage = "not json at all".getBytes(StandardCharsets.UTF_8);

        produce(UNREADABLE, "k-1", garbage);
        ConsumerRecord<String, byte[]> dead = broker.readOne(Topics.deadLetter(UNREADABLE));

        assertThat(dead.key()).isEqualTo("k-1");
        assertThat(dead.value()).isEqualTo(garbage);
        assertThat(deliveries).hasValue(0);
        assertThat(registry.get(METER).tag("topic", UNREADABLE).counter().count()).isEqualTo(1.0);
    }

    @Test
    void aFailingRecordIsRetriedABoundedNumberOfTimesThenDeadLetteredAsJson() {
        listenFailing(FAILING);

        produce(FAILING, "k-2", "{\"schemaVersion\":1,\"id\":\"s-2\"}".getBytes(StandardCharsets.UTF_8));
        ConsumerRecord<String, byte[]> dead = broker.readOne(Topics.deadLetter(FAILING));

        assertThat(dead.key()).isEqualTo("k-2");
        assertThat(new String(dead.value(), StandardCharsets.UTF_8)).isEqualTo("{\"schemaVersion\":1,\"id\":\"s-2\"}");
        assertThat(deliveries).hasValue(3);
        assertThat(registry.get(METER).tag("topic", FAILING).counter().count()).isEqualTo(1.0);
        assertThat(registry.get(METER).tag("topic", UNREADABLE).counter().count()).isZero();
    }
}
