package io.alertpilot.cli.tail;

import io.alertpilot.cli.UnreadableInputException;
import io.alertpilot.model.kafka.Json;
import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import tools.jackson.core.JacksonException;

/**
 * Follows one topic read-only: a consumer outside any consumer group that assigns itself every partition, commits
 * nothing and writes nothing, and prints each record's value as one line of compact JSON. Records without a value
 * (compaction tombstones) are left out; a value that is not JSON is reported on the error stream by partition and
 * offset, not printed. Not thread safe, except {@link #wakeup()}, which stops {@link #follow} from another thread.
 */
final class TopicFollower implements AutoCloseable {

    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String servers;

    /**
     * @param servers the bootstrap servers, for messages
     * @param config the consumer's settings, bootstrap servers included
     * @throws UnreadableInputException when the settings name no usable broker address
     */
    TopicFollower(String servers, Map<String, Object> config) {
        this.servers = servers;
        try {
            this.consumer = new KafkaConsumer<>(config, new StringDeserializer(), new ByteArrayDeserializer());
        } catch (KafkaException e) {
            throw new UnreadableInputException("cannot use Kafka at " + servers + ": " + e.getMessage(), e);
        }
    }

    /**
     * Assigns every partition of {@code topic} and positions each at the first record at or after {@code from}, or at
     * its end when {@code from} is null or later than every record.
     *
     * @throws UnreadableInputException when the broker cannot be reached within {@code connectTimeout} or the topic
     *     does not exist
     */
    void start(String topic, Instant from, Duration connectTimeout) {
        List<TopicPartition> partitions;
        try {
            partitions = consumer.partitionsFor(topic, connectTimeout).stream()
                    .map(info -> new TopicPartition(topic, info.partition())).toList();
        } catch (KafkaException e) {
            throw new UnreadableInputException("cannot reach Kafka at " + servers + " within " + connectTimeout
                    + ": " + e.getMessage(), e);
        }
        if (partitions.isEmpty()) {
            throw new UnreadableInputException("topic " + topic + " does not exist at " + servers);
        }
        consumer.assign(partitions);
        consumer.seekToEnd(partitions);
        try {
            if (from != null) {
                Map<TopicPartition, Long> times = partitions.stream()
                        .collect(Collectors.toMap(Function.identity(), partition -> from.toEpochMilli()));
                consumer.offsetsForTimes(times, connectTimeout).forEach((partition, found) -> seek(partition, found));
            }
            partitions.forEach(partition -> consumer.position(partition, connectTimeout));
        } catch (KafkaException e) {
            throw new UnreadableInputException("cannot read the offsets of " + topic + " at " + servers + " within "
                    + connectTimeout + ": " + e.getMessage(), e);
        }
    }

    /**
     * Prints records as they come until {@code max} were printed, no record came for {@code idle} (null: no limit), or
     * {@link #wakeup()} was called; returns how many were printed.
     */
    long follow(PrintWriter out, PrintWriter err, long max, Duration idle) {
        long printed = 0;
        long quietSince = System.nanoTime();
        try {
            while (printed < max) {
                var records = consumer.poll(POLL);
                if (records.isEmpty()) {
                    if (idle != null && System.nanoTime() - quietSince >= idle.toNanos()) {
                        break;
                    }
                    continue;
                }
                quietSince = System.nanoTime();
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (printed < max && print(record, out, err)) {
                        printed++;
                    }
                }
                out.flush();
            }
        } catch (WakeupException stopped) {
            out.flush();
        }
        return printed;
    }

    /** Makes a running {@link #follow} return; safe from any thread. */
    void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close();
    }

    private void seek(TopicPartition partition, OffsetAndTimestamp found) {
        if (found != null) {
            consumer.seek(partition, found.offset());
        }
    }

    private static boolean print(ConsumerRecord<String, byte[]> record, PrintWriter out, PrintWriter err) {
        if (record.value() == null) {
            return false;
        }
        try {
            out.println(Json.mapper().writeValueAsString(Json.mapper().readTree(record.value())));
            return true;
        } catch (JacksonException e) {
            err.println("tail: " + record.topic() + "-" + record.partition() + "@" + record.offset()
                    + " is not JSON (" + record.value().length + " bytes); left out");
            return false;
        }
    }
}
