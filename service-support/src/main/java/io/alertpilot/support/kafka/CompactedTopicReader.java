package io.alertpilot.support.kafka;

import io.alertpilot.model.kafka.Json;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The latest value of every key of a compacted topic, kept in memory by a consumer outside any group that reads the
 * whole topic from the beginning and keeps following it (a fetch answers within 10 ms, a poll waits at most 100 ms:
 * a change written by any replica is seen here well within a second). A tombstone removes its key; an unreadable
 * record is logged and skipped. {@link #start} returns once the topic was read to its end; a reader that stopped
 * (it failed, see {@link #isRunning}) can be started again and keeps the values it had. A value written by this
 * replica can be applied at once with {@link #applyWritten}; a record replaces a value only when its offset is newer.
 * Thread safe.
 *
 * @param <V> the JSON value type
 */
public final class CompactedTopicReader<V> {

    private static final Logger log = LoggerFactory.getLogger(CompactedTopicReader.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private record Versioned<V>(long offset, V value) {
    }

    private final Map<String, Object> consumerConfig;
    private final String topic;
    private final Class<V> type;
    private final Map<String, Versioned<V>> values = new ConcurrentHashMap<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread reader;
    private volatile boolean running;
    private volatile boolean caughtUp;

    public CompactedTopicReader(KafkaClientSettings settings, String topic, Class<V> type) {
        this.consumerConfig = settings.reader();
        // a fetch waits on the broker for up to fetch.max.wait.ms (500 ms by default) when there is nothing new
        this.consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        this.topic = topic;
        this.type = type;
    }

    /** The value of {@code key}, or null. */
    public V get(String key) {
        Versioned<V> versioned = values.get(key);
        return versioned == null ? null : versioned.value();
    }

    /** Every current value. */
    public Collection<V> values() {
        return values.values().stream().map(Versioned::value).toList();
    }

    /** Applies a value this replica wrote and Kafka acknowledged at {@code offset}; null removes the key. */
    public void applyWritten(String key, long offset, V value) {
        values.compute(key, (k, current) -> {
            if (current != null && current.offset() > offset) {
                return current;
            }
            return value == null ? null : new Versioned<>(offset, value);
        });
    }

    /**
     * Reads the topic to its end, then follows it in the background.
     *
     * @throws IllegalStateException when the topic cannot be read within {@code timeout}
     */
    public void start(Duration timeout) {
        KafkaConsumer<String, byte[]> started = new KafkaConsumer<>(consumerConfig, new StringDeserializer(),
                new ByteArrayDeserializer());
        consumer = started;
        CountDownLatch loaded = new CountDownLatch(1);
        caughtUp = false;
        running = true;
        reader = Thread.ofPlatform().name(topic + "-reader").daemon().start(() -> read(started, loaded));
        try {
            if (!loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS) || !running) {
                stop();
                throw new IllegalStateException("the topic " + topic + " could not be read within " + timeout);
            }
            log.info("{} loaded: {} keys", topic, values.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading " + topic, e);
        }
    }

    /**
     * The current values of {@code topic}, read once from the beginning to the end offsets found at the call, without
     * following it; empty when the topic does not exist.
     *
     * @throws IllegalStateException when the end is not reached within {@code timeout}
     */
    public static <V> Collection<V> readOnce(KafkaClientSettings settings, String topic, Class<V> type,
            Duration timeout) {
        CompactedTopicReader<V> once = new CompactedTopicReader<>(settings, topic, type);
        long deadline = System.nanoTime() + timeout.toNanos();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(once.consumerConfig,
                new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.listTopics(timeout).getOrDefault(topic, List.of()).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, timeout);
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("the topic " + topic + " could not be read within " + timeout);
                }
                consumer.poll(POLL).forEach(once::apply);
            }
        }
        return once.values();
    }

    /** Reads with its own {@code consumer}: a restart after this reader died gives the next one a new consumer. */
    private void read(KafkaConsumer<String, byte[]> consumer, CountDownLatch loaded) {
        try {
            List<TopicPartition> partitions = partitionsOf(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
                if (loaded.getCount() > 0 && end.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    caughtUp = true;
                    loaded.countDown();
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("the reader of {} stopped", topic, e);
            running = false;
            loaded.countDown();
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.key() == null) {
            return;
        }
        try {
            applyWritten(record.key(), record.offset(), record.value() == null ? null : Json.read(record.value(), type));
        } catch (RuntimeException e) {
            log.warn("record {}@{} of {} is unreadable and skipped: {}", record.partition(), record.offset(), topic,
                    e.getMessage());
        }
    }

    /**
     * The partitions of {@code topic}, asking {@code consumer} until the topic exists.
     *
     * @throws IllegalStateException when it does not exist within 30 seconds
     */
    public static List<TopicPartition> partitionsOf(Consumer<?, ?> consumer, String topic) {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (true) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(5));
            if (infos != null && !infos.isEmpty()) {
                return infos.stream().map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            }
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the topic " + topic + " does not exist");
            }
        }
    }

    /** Stops following the topic; the values stay readable. */
    public void stop() {
        running = false;
        wakeAndJoin(consumer, reader);
    }

    /**
     * Wakes {@code consumer} (may be null) out of its poll and waits up to 5 s for its reader {@code thread} (may be
     * null) to end; for a reader that checks a running flag cleared before.
     */
    public static void wakeAndJoin(Consumer<?, ?> consumer, Thread thread) {
        if (consumer != null) {
            consumer.wakeup();
        }
        if (thread != null) {
            try {
                thread.join(5000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * True from when {@link #start} read the topic to its end until {@link #stop}, while the reader is well; false
     * while it loads and once it failed.
     */
    public boolean isRunning() {
        return running && caughtUp;
    }
}
