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

/**
 * Reads a storm's topics (alerts, remediation events, notifications) from the start, keeping the alerts of one run
 * (its {@code run} label) and every remediation and notification event, until each alert of the run has a decision
 * and each of its incidents a page, or a time limit passed. Then {@link StormCheck} judges what was read.
 */
final class StormCollector implements AutoCloseable {

    private final KafkaConsumer<String, byte[]> consumer;
    private final String alertsTopic;
    private final Map<String, StormCheck.Alert> alerts = new HashMap<>();
    private final List<StormCheck.Decision> decisions = new ArrayList<>();
    private final List<StormCheck.Page> pages = new ArrayList<>();
    private final Set<String> decided = new HashSet<>();
    private final Set<String> paged = new HashSet<>();

    StormCollector(String bootstrapServers, String alertsTopic) {
        this.alertsTopic = alertsTopic;
        consumer = PipelineLatency.fromStart(bootstrapServers,
                List.of(alertsTopic, Topics.REMEDIATIONS, Topics.NOTIFICATIONS));
    }

    /**
     * Reads until {@code expected} alerts of {@code run} are on Kafka, each decided and (with the default policies:
     * one incident per fingerprint) paged, or {@code max} passed.
     */
    void collect(String run, int expected, Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (System.nanoTime() < deadline && (alerts.size() < expected || !decided.containsAll(alerts.keySet())
                || !paged.containsAll(alerts.keySet()))) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                read(record, run);
            }
        }
    }

    private void read(ConsumerRecord<String, byte[]> record, String run) {
        if (record.topic().equals(alertsTopic)) {
            AlertEvent alert = Json.read(record.value(), AlertEvent.class);
            if (run.equals(alert.label("run"))) {
                alerts.putIfAbsent(alert.fingerprint(), new StormCheck.Alert(alert.fingerprint(), alert.eventId(),
                        Instant.ofEpochMilli(record.timestamp())));
            }
        } else if (record.topic().equals(Topics.REMEDIATIONS)) {
            RemediationEvent event = Json.read(record.value(), RemediationEvent.class);
            decisions.add(new StormCheck.Decision(event.fingerprint(), event.alertEventId(), event.phase().name(),
                    event.reason(), event.target().key(), event.occurredAt()));
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

    /**
     * The verdict on what was read. The default policies group nothing, so each alert is an incident of its own,
     * named by its fingerprint, and each pages once.
     */
    StormCheck.Report report(StormCheck.Guards guards) {
        return StormCheck.check(alerts.values(), decisions, pages, alerts.keySet(), guards);
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(2));
    }
}
