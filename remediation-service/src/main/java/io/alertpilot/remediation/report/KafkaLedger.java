package io.alertpilot.remediation.report;

import io.alertpilot.model.kafka.Json;
import io.alertpilot.remediation.guard.GuardCheckUnavailableException;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.support.kafka.AcknowledgedSender;
import io.alertpilot.support.kafka.CompactedTopicReader;
import io.alertpilot.support.kafka.KafkaClientSettings;
import io.alertpilot.support.kafka.KafkaNotAcknowledgedException;
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
 * so it knows every target's state, also after a restart. A write waits for Kafka's acknowledgement and is visible
 * here at once; a record read later replaces an entry only when its offset is newer, so a write is never undone by
 * an older record. {@link #sync()} waits until everything written before the call, by any replica, has been read.
 * Starts before the listeners (phase) and only reports running once the topic has been read to its end.
 */
public final class KafkaLedger implements Ledger, SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(KafkaLedger.class);
    private static final Duration IDLE_POLL = Duration.ofMillis(100);
    private static final Duration CATCH_UP_POLL = Duration.ofMillis(5);

    private record Versioned(long offset, LedgerEntry entry) {
    }

    private final Map<String, Object> consumerConfig;
    private final AcknowledgedSender sender;
    private final String topic;
    private final Duration timeout;
    private final Map<String, Versioned> entries = new ConcurrentHashMap<>();
    private final Queue<CompletableFuture<Void>> syncRequests = new ConcurrentLinkedQueue<>();
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread reader;
    private volatile boolean running;

    public KafkaLedger(KafkaClientSettings settings, AcknowledgedSender sender, String topic, Duration timeout) {
        this.consumerConfig = consumerConfig(settings);
        this.sender = sender;
        this.topic = topic;
        this.timeout = timeout;
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
        Versioned versioned = entries.get(targetKey);
        return versioned == null ? LedgerEntry.empty(targetKey) : versioned.entry();
    }

    @Override
    public LedgerEntry put(LedgerEntry entry) {
        // TODO(ledger-cas): conditional on entry.version(), as Ledger#put says
        LedgerEntry stored = entry.nextVersion();
        try {
            long offset = sender.send(AcknowledgedSender.Outgoing.of(topic, stored.targetKey(), stored), timeout)
                    .offset();
            apply(stored.targetKey(), offset, stored);
            return stored;
        } catch (KafkaNotAcknowledgedException e) {
            throw new GuardCheckUnavailableException("ledger-unavailable", "the ledger write for " + entry.targetKey()
                    + " was not acknowledged within " + timeout, e);
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
        return entries.values().stream().map(Versioned::entry).toList();
    }

    private void apply(String key, long offset, LedgerEntry entry) {
        entries.compute(key, (k, current) -> {
            if (current != null && current.offset() > offset) {
                return current;
            }
            return entry == null ? null : new Versioned(offset, entry);
        });
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
