package io.alertpilot.remediation.report;

import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.remediation.run.RecentRemediations;
import io.alertpilot.support.kafka.CompactedTopicReader;
import io.alertpilot.support.kafka.KafkaClientSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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
 * Fills {@link RecentRemediations} from the remediations topic, so that every replica shows every replica's
 * remediations with all their events. A consumer outside any group starts at most {@code recordsPerPartition} records
 * before each partition's end (the topic is not compacted: reading it from the beginning would take ever longer) and
 * keeps following it; a poll waits at most 100 ms. An unreadable record is logged and skipped. {@link #start()} waits
 * up to {@code timeout} for that backlog, then goes on in the background either way. Events this replica emits are
 * also added directly (the list keeps an event once), so the list need not be filled before the listeners start.
 */
public final class RemediationEventFollower implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(RemediationEventFollower.class);
    private static final Duration POLL = Duration.ofMillis(100);

    private final Map<String, Object> consumerConfig;
    private final String topic;
    private final RecentRemediations recent;
    private final long recordsPerPartition;
    private final Duration timeout;
    private volatile KafkaConsumer<String, byte[]> consumer;
    private volatile Thread reader;
    private volatile boolean running;

    public RemediationEventFollower(KafkaClientSettings settings, String topic, RecentRemediations recent,
            long recordsPerPartition, Duration timeout) {
        this.consumerConfig = settings.reader();
        this.consumerConfig.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 10);
        this.topic = topic;
        this.recent = recent;
        this.recordsPerPartition = recordsPerPartition;
        this.timeout = timeout;
    }

    @Override
    public void start() {
        consumer = new KafkaConsumer<>(consumerConfig, new StringDeserializer(), new ByteArrayDeserializer());
        CountDownLatch loaded = new CountDownLatch(1);
        running = true;
        reader = Thread.ofPlatform().name("remediation-events-reader").daemon().start(() -> read(loaded));
        try {
            if (!loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("the recent remediations of {} were not read within {}; reading on", topic, timeout);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read(CountDownLatch loaded) {
        try {
            List<TopicPartition> partitions = CompactedTopicReader.partitionsOf(consumer, topic);
            consumer.assign(partitions);
            Map<TopicPartition, Long> begin = consumer.beginningOffsets(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition p : partitions) {
                consumer.seek(p, Math.max(begin.get(p), end.get(p) - recordsPerPartition));
            }
            while (running) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                    apply(record);
                }
                if (loaded.getCount() > 0 && end.entrySet().stream()
                        .allMatch(e -> consumer.position(e.getKey()) >= e.getValue())) {
                    log.info("recent remediations read from {}", topic);
                    loaded.countDown();
                }
            }
        } catch (WakeupException e) {
            // stopping
        } catch (RuntimeException e) {
            log.error("the reader of {} stopped: the recent remediations show this replica's only", topic, e);
            running = false;
        } finally {
            loaded.countDown();
            consumer.close(Duration.ofSeconds(2));
        }
    }

    private void apply(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return;
        }
        try {
            recent.add(Json.read(record.value(), RemediationEvent.class));
        } catch (RuntimeException e) {
            log.warn("remediation event {}@{} of {} is unreadable and skipped: {}", record.partition(),
                    record.offset(), topic, e.getMessage());
        }
    }

    /** True while the reader follows the topic. */
    @Override
    public boolean isRunning() {
        Thread current = reader;
        return running && current != null && current.isAlive();
    }

    @Override
    public void stop() {
        running = false;
        CompactedTopicReader.wakeAndJoin(consumer, reader);
    }
}
