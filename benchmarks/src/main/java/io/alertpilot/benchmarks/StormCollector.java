package io.alertpilot.benchmarks;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.incident.NotificationEvent;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.model.remediation.RemediationEvent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;

/**
 * Reads a storm's topics (alerts, remediation events, notifications, the remediation ledger) from the start, keeping
 * the alerts of one run (its {@code run} label), every remediation and notification event and every record of the
 * dry-run rate limit's count, until each alert of the run has a decision and each of its incidents a page, or a time
 * limit passed; then the ledger to its end, so the permit of every plan read is in. Then {@link StormCheck} judges
 * what was read.
 */
final class StormCollector implements AutoCloseable {

    /** The ledger key of the dry-run rate limit's count (remediation's {@code SharedRateLimit.DRY_RUN_KEY}). */
    static final String DRY_RUN_COUNT_KEY = "~rate-limit.dry-run";

    private final KafkaConsumer<String, byte[]> consumer;
    private final String alertsTopic;
    private final Map<String, StormCheck.Alert> alerts = new HashMap<>();
    private final List<StormCheck.Decision> decisions = new ArrayList<>();
    private final List<StormCheck.Page> pages = new ArrayList<>();
    private final List<StormCheck.CountWrite> countWrites = new ArrayList<>();
    private final Set<String> decided = new HashSet<>();
    private final Set<String> paged = new HashSet<>();

    StormCollector(String bootstrapServers, String alertsTopic) {
        this.alertsTopic = alertsTopic;
        consumer = PipelineLatency.fromStart(bootstrapServers,
                List.of(alertsTopic, Topics.REMEDIATIONS, Topics.NOTIFICATIONS, Topics.REMEDIATION_LEDGER));
    }

    /**
     * Reads until {@code expected} alerts of {@code run} are on Kafka, each decided and (with the default policies:
     * one incident per fingerprint) paged, or {@code max} passed. Then stops reading the other topics and reads the
     * ledger to the end it has now: a plan's event is sent after its permit was written and acknowledged, so every
     * plan read has its permit read too.
     */
    void collect(String run, int expected, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline && (alerts.size() < expected || !decided.containsAll(alerts.keySet())
                || !paged.containsAll(alerts.keySet()))) {
            poll(run);
        }
        List<TopicPartition> ledger = consumer.assignment().stream()
                .filter(partition -> partition.topic().equals(Topics.REMEDIATION_LEDGER)).toList();
        consumer.pause(consumer.assignment().stream().filter(partition -> !ledger.contains(partition)).toList());
        Map<TopicPartition, Long> end = consumer.endOffsets(ledger);
        while (System.nanoTime() < deadline
                && end.entrySet().stream().anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
            poll(run);
        }
    }

    private void poll(String run) {
        for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
            read(record, run);
        }
    }

    private void read(ConsumerRecord<String, byte[]> record, String run) {
        if (record.topic().equals(Topics.REMEDIATION_LEDGER)) {
            if (DRY_RUN_COUNT_KEY.equals(record.key())) {
                countWrites.add(countWrite(record.value()));
            }
        } else if (record.topic().equals(alertsTopic)) {
            AlertEvent alert = Json.read(record.value(), AlertEvent.class);
            if (run.equals(alert.label("run"))) {
                alerts.putIfAbsent(alert.fingerprint(), new StormCheck.Alert(alert.fingerprint(), alert.eventId(),
                        Instant.ofEpochMilli(record.timestamp())));
            }
        } else if (record.topic().equals(Topics.REMEDIATIONS)) {
            RemediationEvent event = Json.read(record.value(), RemediationEvent.class);
            decisions.add(new StormCheck.Decision(event.fingerprint(), event.alertEventId(), event.remediationId(),
                    event.phase().name(), event.reason(), event.target().key(), event.occurredAt()));
            if (StormCheck.DECISIONS.contains(event.phase().name())) {
                decided.add(event.fingerprint());
            }
        } else {
            NotificationEvent event = Json.read(record.value(), NotificationEvent.class);
            StormCheck.Page page = new StormCheck.Page(event.incidentId(), event.action(), event.step(),
                    event.repeat(), event.channel(), event.recipient(), event.outcome().name(), event.occurredAt());
            pages.add(page);
            if (page.delivered()) {
                paged.add(event.incidentId());
            }
        }
    }

    /** A ledger record of the count (a {@code LedgerEntry}: its {@code version} and {@code attempts} are read). */
    static StormCheck.CountWrite countWrite(byte[] value) {
        if (value == null) {
            return StormCheck.CountWrite.TOMBSTONE;
        }
        StormCheck.CountWrite write = Json.read(value, StormCheck.CountWrite.class);
        return write.attempts() == null ? new StormCheck.CountWrite(write.version(), List.of()) : write;
    }

    /**
     * The verdict on what was read. The default policies group nothing, so each alert is an incident of its own,
     * named by its fingerprint, and each pages once.
     */
    StormCheck.Report report(StormCheck.Guards guards) {
        return StormCheck.check(alerts.values(), decisions, pages, alerts.keySet(), guards, countWrites);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
