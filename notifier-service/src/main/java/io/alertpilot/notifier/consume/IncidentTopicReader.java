package io.alertpilot.notifier.consume;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.support.kafka.JsonSerde;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.utils.Utils;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads partitions of the compacted incident topic (key = incident id) from their beginning to the end they had when
 * the read started, with a consumer outside the group: the latest version of each incident there. Used on assignment
 * (every incident of the assigned partitions) and to look one id up. Thread safe: each read has its own consumer.
 */
final class IncidentTopicReader {

    private static final Logger log = LoggerFactory.getLogger(IncidentTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(200);

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final String topic;
    private final Duration timeout;
    private final JsonSerde<Incident> serde = JsonSerde.of(Incident.class);

    IncidentTopicReader(Supplier<Consumer<String, byte[]>> consumers, String topic, Duration timeout) {
        this.consumers = consumers;
        this.topic = topic;
        this.timeout = timeout;
    }

    /** The partition the default partitioner puts key {@code id} in, of a topic of {@code partitions} partitions. */
    static int partitionOf(String id, int partitions) {
        return Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions;
    }

    /** The incident topic's name. */
    String topic() {
        return topic;
    }

    /**
     * The latest version of each incident whose id {@code keys} accepts, in the partitions {@code partitions} chooses
     * given the topic's partition count; tombstones remove; unreadable records are logged and skipped.
     *
     * @throws IllegalStateException when the read takes longer than the timeout
     */
    Map<String, Incident> latest(IntFunction<Collection<Integer>> partitions, Predicate<String> keys) {
        Map<String, Incident> latest = new HashMap<>();
        try (Consumer<String, byte[]> reader = consumers.get()) {
            List<TopicPartition> toRead = partitions.apply(reader.partitionsFor(topic).size()).stream()
                    .map(p -> new TopicPartition(topic, p)).toList();
            reader.assign(toRead);
            reader.seekToBeginning(toRead);
            Map<TopicPartition, Long> end = reader.endOffsets(toRead);
            long deadline = System.nanoTime() + timeout.toNanos();
            while (!done(reader, end)) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("reading incidents from " + topic + " took longer than " + timeout);
                }
                for (ConsumerRecord<String, byte[]> record : reader.poll(POLL)) {
                    if (record.key() != null && keys.test(record.key())) {
                        keep(record, latest);
                    }
                }
            }
        }
        return latest;
    }

    private void keep(ConsumerRecord<String, byte[]> record, Map<String, Incident> latest) {
        if (record.value() == null) {
            latest.remove(record.key());
            return;
        }
        try {
            Incident incident = serde.deserializer().deserialize(record.topic(), record.value());
            Incident known = latest.get(incident.id());
            if (known == null || known.version() <= incident.version()) {
                latest.put(incident.id(), incident);
            }
        } catch (RuntimeException e) {
            log.error("Skipped an unreadable incident at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    private static boolean done(Consumer<String, byte[]> reader, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> partition : end.entrySet()) {
            if (reader.position(partition.getKey()) < partition.getValue()) {
                return false;
            }
        }
        return true;
    }
}
