package io.alertpilot.readmodel;

import io.alertpilot.support.kafka.CompactedTopicReader;
import io.alertpilot.support.kafka.KafkaClientSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows the read model's topics into a {@link ReadModel}: one consumer outside any group
 * ({@link KafkaClientSettings#reader()}, so it never makes the broker create a topic), every partition assigned, on a
 * daemon thread of its own. The event topics are read from {@code now - retention} (by record timestamp); the two
 * compacted topics (incidents, windows), which hold the current state however old, from their beginning. A topic
 * that is not there yet is looked for again every few seconds and read from its beginning once it appears. An
 * unreadable record is counted and skipped ({@link RecordApplier}); a step that fails (a poll, looking for topics) is
 * tried again after a second with the same consumer, from the positions it had. {@link #caughtUp()} turns true once
 * the end offsets seen at the first assignment were reached (a topic not there yet has nothing to catch up with).
 * Each event topic assigned has its {@code retention.ms} checked: one WARN names a topic that keeps less than the
 * retention. An {@link Error} ends the thread: {@link #running()} turns false. Thread safe; {@link #close()} stops
 * the thread.
 */
public final class ReadModelFollower implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(ReadModelFollower.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration LOOK_FOR_TOPICS = Duration.ofSeconds(2);
    private static final Set<ReadModelTopics.Kind> COMPACTED = Set.of(ReadModelTopics.Kind.INCIDENTS,
            ReadModelTopics.Kind.MAINTENANCE_WINDOWS);

    private final Map<String, Object> config;
    private final Map<String, ReadModelTopics.Kind> kinds = new HashMap<>();
    private final RecordApplier applier;
    private final Clock clock;
    private final Duration retention;
    private volatile boolean running;
    private volatile boolean caughtUp;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread thread;
    private volatile String failure;

    /**
     * @param topics what to follow; every module's declaration, merged (the same kind twice must name one topic)
     * @throws IllegalArgumentException when two declarations name different topics for one kind
     */
    public ReadModelFollower(KafkaClientSettings settings, List<ReadModelTopics> topics, ReadModel model,
            Duration retention, Clock clock, MeterRegistry registry) {
        this.config = settings.reader();
        // a fetch waits on the broker for up to fetch.max.wait.ms (500 ms by default) when there is nothing new: a
        // change shows on the console's pages within about a tenth of a second
        this.config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 100);
        Map<ReadModelTopics.Kind, String> union = new HashMap<>();
        for (ReadModelTopics declared : topics) {
            declared.topics().forEach((kind, topic) -> {
                String before = union.putIfAbsent(kind, topic);
                if (before != null && !before.equals(topic)) {
                    throw new IllegalArgumentException("topics: " + kind + " is declared as both " + before + " and "
                            + topic + "; one JVM follows one topic per kind");
                }
            });
        }
        union.forEach((kind, topic) -> kinds.put(topic, kind));
        this.applier = new RecordApplier(model, registry);
        this.clock = clock;
        this.retention = retention;
        Gauge.builder("alertpilot.read-model.events", model, ReadModel::size)
                .description("events held by the read model").register(registry);
    }

    /** Starts following on a daemon thread; idempotent. */
    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = Thread.ofPlatform().daemon().name("read-model-follower").start(this::follow);
    }

    /** True once the end offsets seen when the topics were first assigned have been read. */
    public boolean caughtUp() {
        return caughtUp;
    }

    /** True while the follower's thread runs: started, not closed, and not died of an error. */
    public boolean running() {
        return running && failure == null;
    }

    /** The error the follower's thread died of, as text; null while it did not. */
    String failure() {
        return failure;
    }

    /** The topics followed, by name. */
    public Map<String, ReadModelTopics.Kind> topics() {
        return Map.copyOf(kinds);
    }

    private void follow() {
        try {
            while (running) {
                try (KafkaConsumer<String, byte[]> current = new KafkaConsumer<>(config, new StringDeserializer(),
                        new ByteArrayDeserializer())) {
                    consumer = current;
                    read(current);
                } catch (WakeupException e) {
                    // stopping
                } catch (RuntimeException e) {
                    log.error("the read model's follower could not make its consumer; it tries again in a second", e);
                    pause();
                }
            }
        } catch (Error e) {
            // the thread ends here, logged once; health shows it DOWN
            failure = e.toString();
            log.error("the read model's follower died; the read model is no longer followed", e);
        }
    }

    /** Reads with {@code current} until stopped; a step that fails is tried again, the positions kept. */
    private void read(KafkaConsumer<String, byte[]> current) {
        List<TopicPartition> assigned = new ArrayList<>();
        // with no topic asked for there is nothing to catch up with
        Map<TopicPartition, Long> startEnd = kinds.isEmpty() ? Map.of() : null;
        long lookAgainAt = 0;
        while (running) {
            try {
                if (System.nanoTime() >= lookAgainAt && !followsAll(assigned)) {
                    List<TopicPartition> added = assignNew(current, assigned);
                    if (startEnd == null) {
                        // a topic not there yet has nothing to catch up with
                        startEnd = current.endOffsets(added);
                    }
                    lookAgainAt = System.nanoTime() + LOOK_FOR_TOPICS.toNanos();
                }
                if (!assigned.isEmpty()) {
                    for (ConsumerRecord<String, byte[]> record : current.poll(POLL)) {
                        applier.apply(kinds.get(record.topic()), record.key(), record.value(),
                                record.topic() + "/" + record.partition() + "@" + record.offset());
                    }
                }
                if (!caughtUp && startEnd != null && startEnd.entrySet().stream()
                        .allMatch(e -> current.position(e.getKey()) >= e.getValue())) {
                    caughtUp = true;
                    log.info("the read model has read its topics to the end offsets seen at start");
                }
                if (assigned.isEmpty()) {
                    // none of its topics exists yet: a consumer without partitions cannot poll, so wait for them
                    pause();
                }
            } catch (WakeupException e) {
                throw e;
            } catch (RuntimeException e) {
                log.error("the read model's follower failed; it goes on in a second from where it was", e);
                pause();
            }
        }
    }

    private boolean followsAll(List<TopicPartition> assigned) {
        return kinds.keySet().stream().allMatch(topic -> assigned.stream().anyMatch(p -> p.topic().equals(topic)));
    }

    /** Assigns the partitions of the topics that exist now and were not assigned yet, positioned; answers them. */
    private List<TopicPartition> assignNew(KafkaConsumer<String, byte[]> current, List<TopicPartition> assigned) {
        Map<String, List<PartitionInfo>> existing = current.listTopics(Duration.ofSeconds(5));
        List<TopicPartition> added = new ArrayList<>();
        for (String topic : kinds.keySet()) {
            boolean known = assigned.stream().anyMatch(p -> p.topic().equals(topic));
            List<PartitionInfo> partitions = existing.get(topic);
            if (!known && partitions != null && !partitions.isEmpty()) {
                partitions.forEach(p -> added.add(new TopicPartition(topic, p.partition())));
            }
        }
        if (added.isEmpty()) {
            return added;
        }
        List<TopicPartition> all = new ArrayList<>(assigned);
        all.addAll(added);
        current.assign(all);
        Map<TopicPartition, Long> since = new HashMap<>();
        long from = clock.instant().minus(retention).toEpochMilli();
        for (TopicPartition partition : added) {
            if (COMPACTED.contains(kinds.get(partition.topic()))) {
                current.seekToBeginning(List.of(partition));
            } else {
                since.put(partition, from);
            }
        }
        if (!since.isEmpty()) {
            Map<TopicPartition, OffsetAndTimestamp> offsets = current.offsetsForTimes(since);
            List<TopicPartition> nothingSince = new ArrayList<>();
            offsets.forEach((partition, offset) -> {
                if (offset == null) {
                    nothingSince.add(partition);
                } else {
                    current.seek(partition, offset.offset());
                }
            });
            if (!nothingSince.isEmpty()) {
                // an empty collection would mean every assigned partition
                current.seekToEnd(nothingSince);
            }
        }
        assigned.addAll(added);
        log.info("the read model follows {}", added);
        warnOfShortRetention(added);
        return added;
    }

    /** Logs one WARN per event topic of {@code added} that keeps its records for less than the retention. */
    private void warnOfShortRetention(List<TopicPartition> added) {
        Set<String> events = new TreeSet<>();
        added.stream().map(TopicPartition::topic).filter(topic -> !COMPACTED.contains(kinds.get(topic)))
                .forEach(events::add);
        if (events.isEmpty()) {
            return;
        }
        try {
            RetentionCheck.shorter(config, events, retention).forEach((topic, kept) -> log.warn(
                    "topic {} keeps its records for {} (retention.ms), less than the read model's retention {} "
                            + "(alertpilot.read-model.retention): a restarted replica will hold less history",
                    topic, kept, retention));
        } catch (RuntimeException e) {
            log.warn("the retention of {} could not be checked: {}", events, e.getMessage());
        }
    }

    private void pause() {
        try {
            Thread.sleep(1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        }
    }

    /** How many records of {@code kind} were skipped as unreadable. */
    double unreadable(ReadModelTopics.Kind kind) {
        return applier.unreadable(kind);
    }

    /** Stops following and waits up to 5 s for the thread to end. */
    @Override
    public synchronized void close() {
        running = false;
        CompactedTopicReader.wakeAndJoin(consumer, thread);
    }
}
