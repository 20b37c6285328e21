package io.alertpilot.testing;

import io.alertpilot.model.kafka.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * Reads a topic back in a test: a consumer of its own, in a consumer group of its own, from the earliest offset,
 * keeping every record it has seen so a test can wait, within a bound, for the records it expects. Values are read as
 * JSON into {@code type} with AlertPilot's mapper ({@link Json}); {@code byte[].class} keeps the raw bytes and
 * {@code String.class} the UTF-8 text. Open one per topic and test, close it after; not thread safe.
 *
 * <pre>{@code
 * try (var alerts = KafkaReadBack.open(brokers, Topics.ALERTS, AlertEvent.class)) {
 *     AlertEvent alert = alerts.awaitValue(a -> a.eventId().equals(eventId));
 * }
 * }</pre>
 *
 * @param <T> the type of the record values
 */
public final class KafkaReadBack<T> implements AutoCloseable {

    /** How long the {@code await} methods wait unless {@link #within(Duration)} says otherwise. */
    public static final Duration DEFAULT_WAIT = Duration.ofSeconds(30);

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final Class<T> type;
    private final List<ConsumerRecord<String, T>> seen = new ArrayList<>();
    private Duration wait = DEFAULT_WAIT;

    private KafkaReadBack(KafkaConsumer<String, byte[]> consumer, String topic, Class<T> type) {
        this.consumer = consumer;
        this.topic = topic;
        this.type = type;
    }

    /**
     * Subscribes to {@code topic} on {@code bootstrapServers} in a new consumer group, from the earliest offset. The
     * topic need not exist yet.
     */
    public static <T> KafkaReadBack<T> open(String bootstrapServers, String topic, Class<T> type) {
        Objects.requireNonNull(type, "type");
        KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers, "read-back-" + UUID.randomUUID());
        consumer.subscribe(List.of(topic));
        return new KafkaReadBack<>(consumer, topic, type);
    }

    /**
     * The records on {@code topic} now: every partition read from the beginning up to the end offsets found at the
     * call, without a consumer group, in the order read (partition by partition). An absent topic reads as empty.
     */
    public static <T> List<ConsumerRecord<String, T>> readAll(String bootstrapServers, String topic, Class<T> type) {
        List<ConsumerRecord<String, T>> records = new ArrayList<>();
        try (KafkaConsumer<String, byte[]> consumer = consumer(bootstrapServers, null)) {
            List<TopicPartition> partitions = consumer.listTopics().getOrDefault(topic, List.of()).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (partitions.stream().anyMatch(partition -> consumer.position(partition) < end.get(partition))) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    records.add(typed(record, type));
                }
            }
        }
        return records;
    }

    /** The values of {@link #readAll(String, String, Class)}. */
    public static <T> List<T> readAllValues(String bootstrapServers, String topic, Class<T> type) {
        return readAll(bootstrapServers, topic, type).stream().map(ConsumerRecord::value).toList();
    }

    /** This reader, waiting at most {@code wait} in the {@code await} methods. */
    public KafkaReadBack<T> within(Duration wait) {
        this.wait = Objects.requireNonNull(wait, "wait");
        return this;
    }

    /**
     * Polls until {@code count} records seen so far match {@code match} and returns them in the order read.
     *
     * @throws ConditionTimeoutException when fewer match within the wait, naming the topic and how many matched
     */
    public List<ConsumerRecord<String, T>> await(Predicate<? super ConsumerRecord<String, T>> match, int count) {
        try {
            Awaitility.await().atMost(wait).pollInSameThread().pollDelay(Duration.ZERO)
                    .pollInterval(Duration.ofMillis(1))
                    .until(() -> {
                        poll();
                        return matching(match).size() >= count;
                    });
        } catch (ConditionTimeoutException e) {
            throw new ConditionTimeoutException("%d of %d expected records on %s within %s (%d records seen)"
                    .formatted(matching(match).size(), count, topic, wait, seen.size()));
        }
        return matching(match);
    }

    /** Polls until a record matches {@code match} and returns the first that does. */
    public ConsumerRecord<String, T> await(Predicate<? super ConsumerRecord<String, T>> match) {
        return await(match, 1).getFirst();
    }

    /** Polls until a record's value matches {@code match} and returns that value. */
    public T awaitValue(Predicate<? super T> match) {
        return await(record -> match.test(record.value())).value();
    }

    /** Polls until {@code count} records have been seen and returns the first {@code count}. */
    public List<ConsumerRecord<String, T>> await(int count) {
        return await(record -> true, count).subList(0, count);
    }

    /** Polls once and returns every record seen so far, in the order read. */
    public List<ConsumerRecord<String, T>> poll() {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
            seen.add(typed(record, type));
        }
        return List.copyOf(seen);
    }

    /** Every record seen so far, without polling. */
    public List<ConsumerRecord<String, T>> seen() {
        return List.copyOf(seen);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }

    private List<ConsumerRecord<String, T>> matching(Predicate<? super ConsumerRecord<String, T>> match) {
        return seen.stream().filter(match).toList();
    }

    private static KafkaConsumer<String, byte[]> consumer(String bootstrapServers, String group) {
        Map<String, Object> config = new HashMap<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, Objects.requireNonNull(bootstrapServers, "bootstrapServers"),
                ConsumerConfig.CLIENT_ID_CONFIG, "read-back-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false));
        if (group != null) {
            config.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        }
        return new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
    }

    private static <T> ConsumerRecord<String, T> typed(ConsumerRecord<String, byte[]> record, Class<T> type) {
        return new ConsumerRecord<>(record.topic(), record.partition(), record.offset(), record.timestamp(),
                record.timestampType(), record.serializedKeySize(), record.serializedValueSize(), record.key(),
                decode(record.value(), type), record.headers(), record.leaderEpoch());
    }

    @SuppressWarnings("unchecked")
    private static <T> T decode(byte[] value, Class<T> type) {
        if (value == null || type == byte[].class) {
            return (T) value;
        }
        if (type == String.class) {
            return (T) new String(value, StandardCharsets.UTF_8);
        }
        return Json.read(value, type);
    }
}
