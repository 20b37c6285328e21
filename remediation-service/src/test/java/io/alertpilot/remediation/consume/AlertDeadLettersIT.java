package io.alertpilot.remediation.consume;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.remediation.RemediationProperties;
import io.alertpilot.support.SupportAutoConfiguration;
import io.alertpilot.support.kafka.InJvmBroker;
import io.alertpilot.support.kafka.KeyedBatch;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.kafka.config.ConcurrentKafkaListenerContainerFactory;
import org.springframework.kafka.listener.BatchMessageListener;
import org.springframework.kafka.listener.ConcurrentMessageListenerContainer;

/**
 * The alert consumer as the service wires it (its container factory, error handler and {@link KeyedBatch}), on an
 * in-JVM broker, with a listener that fails chosen alerts the way the Remediator can: with the batch listener an
 * unreadable record and a record whose handling keeps failing both reach {@code <topic>-dlt}, a not-retryable failure
 * (the cause of the batch's {@code BatchListenerFailedException}) without retries, and the rest of the poll is
 * handled.
 */
class AlertDeadLettersIT {

    private static final String TOPIC = "it.remediation.alerts.dead-letters";
    private static final int RETRIES = 3;

    @EnableConfigurationProperties(RemediationProperties.class)
    static class Properties {
    }

    private static InJvmBroker broker;

    @BeforeAll
    static void startBroker() {
        broker = new InJvmBroker(TOPIC, Topics.deadLetter(TOPIC));
    }

    @AfterAll
    static void stopBroker() {
        broker.close();
    }

    @Test
    void anUnreadableAlertAndOneWhoseHandlingFailsReachTheDeadLetterTopicAndTheRestOfThePollIsHandled() {
        // written before the consumer starts, so that its first poll holds them all
        produce("ok-1", Json.write(alert("ok-1")));
        produce("unreadable", "not json at all".getBytes(StandardCharsets.UTF_8));
        produce("invalid", Json.write(alert("invalid")));
        produce("failing", Json.write(alert("failing")));
        produce("ok-2", Json.write(alert("ok-2")));

        Map<String, AtomicInteger> deliveries = new ConcurrentHashMap<>();
        Set<String> handled = ConcurrentHashMap.newKeySet();
        new ApplicationContextRunner()
                .withConfiguration(AutoConfigurations.of(KafkaAutoConfiguration.class, SupportAutoConfiguration.class))
                .withUserConfiguration(Properties.class, RemediationKafkaConfiguration.class)
                .withBean(MeterRegistry.class, SimpleMeterRegistry::new)
                .withBean("kafkaHealthIndicator", Object.class, Object::new)
                .withPropertyValues("spring.kafka.bootstrap-servers=" + broker.bootstrap(),
                        "alertpilot.remediation.topics.alerts=" + TOPIC,
                        "alertpilot.remediation.topics.partitions=1",
                        "alertpilot.remediation.consumer.group-id=it-" + UUID.randomUUID(),
                        "alertpilot.remediation.consumer.retries=" + RETRIES,
                        "alertpilot.remediation.consumer.retry-backoff=10ms")
                .run(context -> {
                    @SuppressWarnings("unchecked")
                    ConcurrentKafkaListenerContainerFactory<String, AlertEvent> factory = context.getBean(
                            "remediationKafkaListenerContainerFactory", ConcurrentKafkaListenerContainerFactory.class);
                    KeyedBatch batch = context.getBean(KeyedBatch.class);
                    ConcurrentMessageListenerContainer<String, AlertEvent> container = factory.createContainer(TOPIC);
                    container.getContainerProperties().setMessageListener(
                            (BatchMessageListener<String, AlertEvent>) records -> batch.handle(records, record -> {
                                String key = record.key();
                                deliveries.computeIfAbsent(key, k -> new AtomicInteger()).incrementAndGet();
                                switch (key) {
                                    // what the error handler takes as not retryable (a template the alert breaks)
                                    case "invalid" -> throw new IllegalArgumentException("bad label in " + key);
                                    // what it retries (the ledger not answering)
                                    case "failing" -> throw new IllegalStateException("the ledger is unavailable");
                                    default -> handled.add(key);
                                }
                            }));
                    container.start();
                    try {
                        List<ConsumerRecord<String, byte[]>> dead = readDeadLetters(3);

                        assertThat(dead).extracting(ConsumerRecord::key)
                                .containsExactlyInAnyOrder("unreadable", "invalid", "failing");
                        assertThat(dead).filteredOn(r -> r.key().equals("unreadable")).singleElement()
                                .satisfies(r -> assertThat(new String(r.value(), StandardCharsets.UTF_8))
                                        .isEqualTo("not json at all"));
                        assertThat(deliveries).doesNotContainKey("unreadable");
                        await().atMost(Duration.ofSeconds(30)).until(() -> handled.contains("ok-2"));
                        assertThat(handled).containsExactlyInAnyOrder("ok-1", "ok-2");
                        // the failing record was named once and retried RETRIES times (besides runs in polls where
                        // an earlier record was named); the not-retryable one was given up when first named
                        assertThat(deliveries.get("failing").get()).isGreaterThanOrEqualTo(1 + RETRIES);
                        assertThat(deliveries.get("invalid").get()).isLessThanOrEqualTo(2);
                        assertThat(context.getBean(MeterRegistry.class).get("alertpilot.remediation.dead.letters")
                                .tag("topic", TOPIC).counter().count()).isEqualTo(3.0);
                    } finally {
                        container.stop();
                    }
                });
    }

    private static AlertEvent alert(String fingerprint) {
        return Alerts.firing("DeadLetterCheck", Map.of("namespace", "shop")).fingerprint(fingerprint).build();
    }

    private static void produce(String key, byte[] value) {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(broker.settings().producer(),
                new StringSerializer(), new ByteArraySerializer())) {
            producer.send(new ProducerRecord<>(TOPIC, key, value));
        }
    }

    private static List<ConsumerRecord<String, byte[]>> readDeadLetters(int count) {
        List<ConsumerRecord<String, byte[]>> dead = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(
                broker.settings().groupMember("read-back-" + UUID.randomUUID()), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(Topics.deadLetter(TOPIC)));
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(dead::add);
                return dead.size() >= count;
            });
        }
        return dead;
    }
}
