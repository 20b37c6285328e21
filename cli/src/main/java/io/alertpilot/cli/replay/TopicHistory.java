package io.alertpilot.cli.replay;

import io.alertpilot.cli.UnreadableInputException;
import io.alertpilot.model.kafka.EventFormatException;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.support.kafka.KafkaClientSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.springframework.boot.kafka.autoconfigure.KafkaConnectionDetails;
import org.springframework.boot.kafka.autoconfigure.KafkaProperties;

/**
 * Reads the records of a topic in a {@link TimeRange}, read-only: one consumer outside any consumer group (the
 * project's {@link KafkaClientSettings#reader()}: no group id, no commits, {@code read_committed}) that assigns itself
 * every partition, seeks each to the first offset at or after {@code from} ({@code offsetsForTimes}) and reads up to
 * the first offset at or after {@code to} (or the end), without creating a topic. Records are kept by their own time,
 * so where producers set times out of offset order (CreateTime), a record stamped in the range that lies after the
 * first record stamped at or after {@code to} is not read. Not thread safe; close it after.
 */
public final class TopicHistory implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String bootstrapServers;
    private final Duration timeout;

    /**
     * A reader of the broker(s) at {@code bootstrapServers}; every call to Kafka waits at most {@code timeout}.
     */
    public TopicHistory(String bootstrapServers, Duration timeout) {
        this.bootstrapServers = bootstrapServers;
        this.timeout = timeout;
        try {
            this.consumer = new KafkaConsumer<>(settings(bootstrapServers, timeout));
        } catch (KafkaException e) {
            throw new UnreadableInputException("cannot use '%s' as Kafka bootstrap servers: %s"
                    .formatted(bootstrapServers, e.getMessage()), e);
        }
    }

    /**
     * The events of {@code topic} stamped in {@code range}, read as JSON {@code type}s, in record-time order.
     * Records that are not a valid {@code type} are counted, not returned. An absent topic is empty unless
     * {@code required}.
     *
     * @throws UnreadableInputException when the broker cannot be reached, or a required topic does not exist
     */
    public <T> TopicSlice<T> read(String topic, TimeRange range, Class<T> type, boolean required) {
        List<TopicPartition> partitions = partitions(topic, required);
        Map<TopicPartition, Long> start = offsetsAt(partitions, range.from());
        Map<TopicPartition, Long> end = offsetsAt(partitions, range.to());
        List<TopicPartition> toRead = partitions.stream().filter(p -> start.get(p) < end.get(p)).toList();
        List<Recorded<T>> events = new ArrayList<>();
        int unreadable = 0;
        try {
            consumer.assign(toRead);
            toRead.forEach(partition -> consumer.seek(partition, start.get(partition)));
            long quietSince = System.nanoTime();
            while (toRead.stream().anyMatch(p -> consumer.position(p, timeout) < end.get(p))) {
                var records = consumer.poll(POLL);
                if (!records.isEmpty()) {
                    quietSince = System.nanoTime();
                } else if (System.nanoTime() - quietSince > timeout.toNanos()) {
                    throw new UnreadableInputException("no records from %s on %s within %s".formatted(topic,
                            bootstrapServers, timeout));
                }
                for (ConsumerRecord<String, byte[]> record : records) {
                    TopicPartition partition = new TopicPartition(record.topic(), record.partition());
                    Instant at = Instant.ofEpochMilli(record.timestamp());
                    if (record.offset() >= end.get(partition) || !range.contains(at)) {
                        continue;
                    }
                    T value = decode(record.value(), type);
                    if (value == null) {
                        unreadable++;
                    } else {
                        events.add(new Recorded<>(at, record.partition(), record.offset(), value));
                    }
                }
            }
        } catch (KafkaException e) {
            throw unreachable(e);
        } finally {
            consumer.assign(List.of());
        }
        events.sort(Comparator.<Recorded<T>, Instant>comparing(Recorded::at)
                .thenComparingInt(Recorded::partition).thenComparingLong(Recorded::offset));
        return new TopicSlice<>(topic, events, unreadable);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }

    private List<TopicPartition> partitions(String topic, boolean required) {
        Map<String, List<PartitionInfo>> topics;
        try {
            topics = consumer.listTopics(timeout);
        } catch (KafkaException e) {
            throw unreachable(e);
        }
        List<PartitionInfo> infos = topics.get(topic);
        if (infos == null && required) {
            throw new UnreadableInputException("topic %s does not exist on %s".formatted(topic, bootstrapServers));
        }
        return infos == null ? List.of()
                : infos.stream().map(info -> new TopicPartition(topic, info.partition())).toList();
    }

    /** Per partition, the first offset stamped at or after {@code at}, or the end offset when there is none. */
    private Map<TopicPartition, Long> offsetsAt(List<TopicPartition> partitions, Instant at) {
        try {
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(partition -> query.put(partition, at.toEpochMilli()));
            Map<TopicPartition, OffsetAndTimestamp> found = consumer.offsetsForTimes(query, timeout);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            Map<TopicPartition, Long> offsets = new HashMap<>();
            for (TopicPartition partition : partitions) {
                OffsetAndTimestamp offset = found.get(partition);
                offsets.put(partition, offset == null ? ends.get(partition) : offset.offset());
            }
            return offsets;
        } catch (KafkaException e) {
            throw unreachable(e);
        }
    }

    private static <T> T decode(byte[] value, Class<T> type) {
        if (value == null) {
            return null;
        }
        try {
            return Json.read(value, type);
        } catch (EventFormatException e) {
            return null;
        }
    }

    private UnreadableInputException unreachable(KafkaException e) {
        return new UnreadableInputException("cannot read from the Kafka broker at %s within %s: %s"
                .formatted(bootstrapServers, timeout, e.getMessage()), e);
    }

    private static Map<String, Object> settings(String bootstrapServers, Duration timeout) {
        KafkaProperties properties = new KafkaProperties();
        KafkaConnectionDetails connection = () -> List.of(bootstrapServers.split(","));
        Map<String, Object> config = new HashMap<>(new KafkaClientSettings(properties, connection).reader());
        config.put(ConsumerConfig.CLIENT_ID_CONFIG, "alertpilot-replay");
        config.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class);
        config.put(ConsumerConfig.ALLOW_AUTO_CREATE_TOPICS_CONFIG, false);
        config.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) timeout.toMillis());
        config.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 2000);
        return config;
    }
}
