package io.alertpilot.ingest.it;

import org.awaitility.Awaitility;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads a topic from the beginning with a consumer of its own and keeps every record it has seen, so a test can wait
 * for the records it expects. Not thread safe; close it after the test.
 */
final class KafkaRecords implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final List<ConsumerRecord<String, byte[]>> seen = new ArrayList<>();

    KafkaRecords(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "it-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Polls until a record matches {@code predicate} (at most 30 s) and returns it. */
    ConsumerRecord<String, byte[]> await(Predicate<ConsumerRecord<String, byte[]>> predicate) {
        return await(predicate, 1).getFirst();
    }

    /** Polls until {@code count} records match {@code predicate} (at most 30 s) and returns them in topic order. */
    List<ConsumerRecord<String, byte[]>> await(Predicate<ConsumerRecord<String, byte[]>> predicate, int count) {
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
            consumer.poll(Duration.ofMillis(200)).forEach(seen::add);
            return seen.stream().filter(predicate).count() >= count;
        });
        return seen.stream().filter(predicate).toList();
    }

    /** Every record seen so far. */
    List<ConsumerRecord<String, byte[]>> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
