package io.alertpilot.benchmarks;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.incident.NotificationEvent;
import io.alertpilot.model.incident.NotificationOutcome;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.remediation.RemediationEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
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
 * End-to-end latency of one run from the timestamps on the events: the webhook's receipt ({@code receivedAt} of the
 * alert), the broker's append time of the alert record, the first remediation event of the alert's fingerprint (its
 * {@code occurredAt}: the moment the action starts, or is planned in dry run, or is stopped by a guard), and the
 * first delivered page of the incident ({@code occurredAt} of its notification). Histograms in microseconds.
 */
final class PipelineLatency implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final String alertsTopic;
    private final String remediationsTopic;
    private final Map<String, Instant> received = new HashMap<>();
    private final Map<String, Instant> decided = new HashMap<>();
    private final Map<String, Instant> paged = new HashMap<>();
    final Histogram onKafka = new Histogram(3);
    final Histogram toAction = new Histogram(3);
    final Histogram toPage = new Histogram(3);

    PipelineLatency(String bootstrapServers, String alertsTopic, String remediationsTopic, String notificationsTopic) {
        this.alertsTopic = alertsTopic;
        this.remediationsTopic = remediationsTopic;
        consumer = fromStart(bootstrapServers, java.util.stream.Stream.of(alertsTopic, remediationsTopic,
                notificationsTopic).filter(java.util.Objects::nonNull).toList());
    }

    /** A consumer of {@code topics} from their start, in a group of its own. */
    static KafkaConsumer<String, byte[]> fromStart(String bootstrapServers, List<String> topics) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                ConsumerConfig.GROUP_ID_CONFIG, "bench-" + UUID.randomUUID(),
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5000),
                new StringDeserializer(), new ByteArrayDeserializer());
        consumer.subscribe(topics);
        return consumer;
    }

    /**
     * Reads until every one of {@code expected} alerts of {@code run} has reached each stage that is measured, or
     * {@code max} passed.
     */
    void collect(String run, long expected, boolean actions, boolean pages, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        // decisions and pages of earlier runs on the same topics are not counted
        while (System.nanoTime() < deadline && (received.size() < expected
                || actions && ofRun(decided) < expected || pages && ofRun(paged) < expected)) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                if (record.topic().equals(alertsTopic)) {
                    AlertEvent alert = Json.read(record.value(), AlertEvent.class);
                    if (run.equals(alert.label("run")) && received.putIfAbsent(alert.fingerprint(), alert.receivedAt()) == null) {
                        onKafka.recordValue(Math.max(1, record.timestamp() * 1000 - micros(alert.receivedAt())));
                    }
                } else if (record.topic().equals(remediationsTopic)) {
                    RemediationEvent event = Json.read(record.value(), RemediationEvent.class);
                    decided.putIfAbsent(event.fingerprint(), event.occurredAt());
                } else {
                    NotificationEvent notification = Json.read(record.value(), NotificationEvent.class);
                    if (notification.outcome() == NotificationOutcome.DELIVERED) {
                        paged.putIfAbsent(notification.incidentId(), notification.occurredAt());
                    }
                }
            }
        }
        record(decided, toAction);
        record(paged, toPage);
    }

    /**
     * Remediation decisions per second of the run: the decisions of its alerts over the time from the first to the
     * last (their {@code occurredAt}), so a backlog's drain rate, not the rate the alerts came in.
     */
    double decisionsPerSecond() {
        return rate(decided);
    }

    /** Pages per second of the run, as {@link #decisionsPerSecond()}. */
    double pagesPerSecond() {
        return rate(paged);
    }

    private double rate(Map<String, Instant> stage) {
        List<Instant> times = stage.entrySet().stream().filter(e -> received.containsKey(e.getKey()))
                .map(Map.Entry::getValue).sorted().toList();
        if (times.size() < 2) {
            return Double.NaN;
        }
        double seconds = (micros(times.getLast()) - micros(times.getFirst())) / 1e6;
        return seconds <= 0 ? Double.NaN : (times.size() - 1) / seconds;
    }

    private long ofRun(Map<String, Instant> stage) {
        return stage.keySet().stream().filter(received::containsKey).count();
    }

    /** How many alerts of the run reached a remediation decision and a page. */
    String counts() {
        long actions = decided.keySet().stream().filter(received::containsKey).count();
        long pages = paged.keySet().stream().filter(received::containsKey).count();
        return received.size() + " on Kafka, " + actions + " remediation decisions, " + pages + " pages";
    }

    private void record(Map<String, Instant> stage, Histogram histogram) {
        stage.forEach((fingerprint, at) -> {
            Instant start = received.get(fingerprint);
            if (start != null) {
                histogram.recordValue(Math.max(1, micros(at) - micros(start)));
            }
        });
    }

    private static long micros(Instant instant) {
        return instant.getEpochSecond() * 1_000_000 + instant.getNano() / 1000;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
