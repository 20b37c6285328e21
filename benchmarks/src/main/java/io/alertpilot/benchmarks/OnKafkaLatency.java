package io.alertpilot.benchmarks;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.kafka.Json;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.HdrHistogram.Histogram;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Reads the alerts of one run back from Kafka and measures, per alert, the time from the webhook's receipt (the
 * event's {@code receivedAt}) to the broker's append time (the record timestamp; the benchmark broker uses
 * LogAppendTime), in microseconds with millisecond resolution.
 */
final class OnKafkaLatency implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final Histogram histogram = new Histogram(3);

    OnKafkaLatency(String bootstrapServers, String topic) {
        consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(List.of(topic));
    }

    /** Reads until {@code expected} alerts of {@code run} were seen or {@code max} passed; returns the histogram. */
    Histogram collect(String run, long expected, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        long seen = 0;
        while (seen < expected && System.nanoTime() < deadline) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                AlertEvent alert = Json.read(record.value(), AlertEvent.class);
                if (run.equals(alert.label("run"))) {
                    long receivedMicros = alert.receivedAt().getEpochSecond() * 1_000_000
                            + alert.receivedAt().getNano() / 1000;
                    histogram.recordValue(Math.max(1, record.timestamp() * 1000 - receivedMicros));
                    seen++;
                }
            }
        }
        return histogram;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
