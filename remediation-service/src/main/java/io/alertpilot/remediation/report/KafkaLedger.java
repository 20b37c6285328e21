package io.alertpilot.remediation.report;

import io.alertpilot.model.kafka.Json;
import io.alertpilot.remediation.guard.GuardCheckUnavailableException;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerConflictException;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.support.kafka.AcknowledgedSender;
import io.alertpilot.support.kafka.CompactedTopicReader;
import io.alertpilot.support.kafka.KafkaClientSettings;
import io.alertpilot.support.kafka.KafkaNotAcknowledgedException;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * The guard ledger on the compacted ledger topic (key = target key, value = {@link LedgerEntry} JSON).
 *
 * <p>Every replica reads the whole topic from the beginning with its own consumer (assigned partitions, no group),
 * so it knows every target's state, also after a restart. {@link #sync()} waits until everything written before the
 * call, by any replica, has been read. Starts before the listeners (phase) and only reports running once the topic has
 * been read to its end.
 *
 * <p>Writes are conditional (compare-and-set on {@link LedgerEntry#version()}). The rule is applied by the reader, to
 * the log, in the log's order: a record replaces the entry of its key only when its version is greater than the
 * stored one (no entry: accepted; a record at version 0, written before versions, is accepted as before, by its
 * place in the log). A writer that read version {@code v} sends {@code v + 1}, waits until its own reader has read
 * the record's offset, and answers the stored entry when the reader accepted that very record, else throws
 * {@link LedgerConflictException}: some record at {@code v + 1} or more came first, so the entry it decided on is
 * stale (another replica wrote, or it was deposed as the target's owner). Every replica, also one started later,
 * reads the same records in the same order and applies the same rule, so all agree on which write was accepted:
 * that is why it is a compare-and-set although Kafka itself stores every record. A write is visible to
 * {@link #get} once answered.
 *
 * <p>Compaction caveat: a refused record stays in the log and may be the last one of its key, so once compaction
 * removed the accepted record before it, a reader started afterwards would take the refused one. The refused writer
 * always writes again (through {@link Ledger#update}, or by deciding again on the fresh entry), so the last record of
 * a key is an accepted one except when the writer died at that very moment.
 */
public final class KafkaLedger implements Ledger, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaLedger.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(100);
    private static final Duration CATCH_UP_POLL = Duration.ofMillis(5);
    /** The counter of refused conditional writes. */
    public static final String REFUSED_METRIC = "alertpilot.remediation.ledger.conflicts";

    /**
     * The keys this replica is writing: the reader tells each writer whether the rule accepted its record (by offset).
     * Registered before the send, so the reader never reads the record before the writer listens.
     */
    private static final class Watch {
        private final Map<Long, CompletableFuture<Boolean>> decided = new ConcurrentHashMap<>();
        private int writers;

        CompletableFuture<Boolean> at(long offset) {
            return decided.computeIfAbsent(offset, o -> new CompletableFuture<>());
        }
    }

    private final Map<String, Object> consumerConfig;
    private final AcknowledgedSender sender;
    private final String topic;
    private final Duration timeout;
    private final Map<String, LedgerEntry> entries = new ConcurrentHashMap<>();
    private final Queue<CompletableFuture<Void>> syncRequests = new ConcurrentLinkedQueue<>();
    private final Map<String, Watch> writing = new ConcurrentHashMap<>();
    private final Counter refused;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread reader;
    private volatile boolean running;

    /**
     * @param registry where the refused writes are counted ({@value #REFUSED_METRIC}); null: not counted
     */
    public KafkaLedger(KafkaClientSettings settings, AcknowledgedSender sender, String topic, Duration timeout,
            MeterRegistry registry) {
        this.consumerConfig = consumerConfig(settings);
        this.sender = sender;
        this.topic = topic;
        this.timeout = timeout;
        this.refused = registry == null ? null : Counter.builder(REFUSED_METRIC)
                .description("conditional ledger writes refused because another write of the target came first")
                .register(registry);
    }

    /** The reader's properties: outside any group, from the beginning, answering a fetch at once. */
    static Map<String, Object> consumerConfig(KafkaClientSettings settings) {
        Map<String, Object> config = settings.reader();
        // a fetch waits on the broker for up to fetch.max.wait.ms (500 ms by default) when there is nothing new, and
        // the next one is only sent after it: every sync would wait for it
        config.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        return config;
    }

    @Override
    public LedgerEntry get(String targetKey) {
        LedgerEntry entry = entries.get(targetKey);
        return entry == null ? LedgerEntry.empty(targetKey) : entry;
    }

    @Override
    public LedgerEntry put(LedgerEntry entry) {
        LedgerEntry sent = entry.nextVersion();
        String key = sent.targetKey();
        Watch watch = writing.compute(key, (k, w) -> {
            Watch out = w == null ? new Watch() : w;
            out.writers++;
            return out;
        });
        try {
            long offset = sender.send(AcknowledgedSender.Outgoing.of(topic, key, sent), timeout).offset();
            if (accepted(watch, key, offset)) {
                return sent;
            }
            if (refused != null) {
                refused.increment();
            }
            throw new LedgerConflictException(key, entry.version(), get(key).version());
        } catch (KafkaNotAcknowledgedException e) {
            throw new GuardCheckUnavailableException("ledger-unavailable", "the ledger write for " + key
                    + " was not acknowledged within " + timeout, e);
        } finally {
            writing.computeIfPresent(key, (k, w) -> --w.writers == 0 ? null : w);
        }
    }

    /** Waits until this replica's reader read the record at {@code offset} and answers whether the rule accepted it. */
    private boolean accepted(Watch watch, String key, long offset) {
        try {
            return watch.at(offset).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuardCheckUnavailableException("ledger-unavailable", "interrupted while reading back the ledger "
                    + "write for " + key, e);
        } catch (ExecutionException | TimeoutException e) {
            throw new GuardCheckUnavailableException("ledger-unavailable", "the ledger write for " + key + " was not "
                    + "read back within " + timeout + ": whether it was accepted is unknown", e);
        }
    }

    @Override
    public void sync() {
        if (!running) {
            throw new GuardCheckUnavailableException("ledger-unavailable", "the ledger is not running", null);
        }
        CompletableFuture<Void> request = new CompletableFuture<>();
        syncRequests.add(request);
        KafkaConsumer<String, byte[]> current = consumer;
        if (current != null) {
            current.wakeup();
        }
        try {
            request.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new GuardCheckUnavailableException("ledger-unavailable", "interrupted while reading the ledger", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new GuardCheckUnavailableException("ledger-unavailable", "the ledger could not be read to its end "
                    + "within " + timeout, e);
        }
    }

    @Override
    public Collection<LedgerEntry> all() {
        return List.copyOf(entries.values());
    }

    /** The rule, applied in the log's order: accepted when newer than the stored entry (see the class comment). */
    private void apply(String key, long offset, LedgerEntry entry) {
        boolean[] accepted = {false};
        entries.compute(key, (k, current) -> {
            if (entry == null) {
                accepted[0] = true;
                return null;
            }
            if (current != null && entry.version() != 0 && entry.version() <= current.version()) {
                return current;
            }
            accepted[0] = true;
            return entry;
        });
        Watch watch = writing.get(key);
        if (watch != null) {
            watch.at(offset).complete(accepted[0]);
        }
    }

    @Override
    public void start() {
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        CompletableFuture<Void> loaded = new CompletableFuture<>();
        syncRequests.add(loaded);
        running = true;
        reader = Thread.ofPlatform().name("remediation-ledger-reader").daemon().start(this::read);
        try {
            loaded.get(Math.max(30_000, timeout.toMillis() * 3), TimeUnit.MILLISECONDS);
            log.info("remediation ledger loaded from {}: {} targets", topic, entries.size());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while loading the remediation ledger", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the remediation ledger " + topic + " could not be read", e);
        }
    }

    private void read() {
        List<CompletableFuture<Void>> waiting = new java.util.ArrayList<>();
        try {
            List<TopicPartition> partitions = CompactedTopicReader.partitionsOf(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> target = null;
            while (running) {
                try {
                    // sync requests are looked at before every poll: a request wakes the reader out of its poll (a
                    // WakeupException), and is answered as soon as the end is read, not after the next idle poll
                    if (target == null && !(syncRequests.isEmpty() && waiting.isEmpty())) {
                        CompletableFuture<Void> next;
                        while ((next = syncRequests.poll()) != null) {
                            waiting.add(next);
                        }
                        // asked after every waiting request was made: it covers every write acknowledged before them
                        target = consumer.endOffsets(partitions);
                    }
                    if (target != null && reached(target)) {
                        waiting.forEach(f -> f.complete(null));
                        waiting.clear();
                        target = null;
                        continue;
                    }
                    Duration wait = target == null ? IDLE_POLL : CATCH_UP_POLL;
                    for (ConsumerRecord<String, byte[]> record : consumer.poll(wait)) {
                        if (record.key() == null) {
                            continue;
                        }
                        try {
                            apply(record.key(), record.offset(),
                                    record.value() == null ? null : Json.read(record.value(), LedgerEntry.class));
                        } catch (RuntimeException e) {
                            log.warn("ledger record {}@{} of {} is unreadable and ignored: {}", record.partition(),
                                    record.offset(), record.key(), e.getMessage());
                        }
                    }
                } catch (WakeupException e) {
                    if (!running) {
                        break;
                    }
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("the remediation ledger reader stopped", e);
            running = false;
            syncRequests.forEach(f -> f.completeExceptionally(e));
            writing.values().forEach(w -> w.decided.values().forEach(f -> f.completeExceptionally(e)));
            waiting.forEach(f -> f.completeExceptionally(e));
        } finally {
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private boolean reached(Map<TopicPartition, Long> target) {
        for (Map.Entry<TopicPartition, Long> end : target.entrySet()) {
            if (consumer.position(end.getKey()) < end.getValue()) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void stop() {
        running = false;
        CompactedTopicReader.wakeAndJoin(consumer, reader);
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    /** Before the Kafka listener containers, so no alert is handled before the ledger is read. */
    @Override
    public int getPhase() {
        return 0;
    }
}
