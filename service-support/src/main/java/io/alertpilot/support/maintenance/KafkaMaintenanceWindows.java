package io.alertpilot.support.maintenance;

import io.alertpilot.model.maintenance.MaintenanceEvent;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.MaintenanceWindows;
import io.alertpilot.support.kafka.AcknowledgedSender;
import io.alertpilot.support.kafka.CompactedTopicReader;
import io.alertpilot.support.kafka.KafkaClientSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;

/**
 * The maintenance windows on their compacted topic, shared by every replica and every service of one JVM. Each
 * replica reads the topic from the beginning and follows it, so a window created or ended anywhere applies here
 * within a second, and a restart keeps it. A create or an end waits for Kafka's acknowledgement, applies here at
 * once, and is recorded on the events topic (who, when, why). The topic is read on first use, which waits until it
 * was read to its end (so no decision is ever taken on a partial set), and followed until {@link #close()}; a service
 * that never asks (the ingest service) never connects. Thread safe.
 *
 * @throws io.alertpilot.support.kafka.KafkaNotAcknowledgedException from a create or an end Kafka did not
 *     acknowledge in time
 * @throws IllegalStateException from any method when the topic cannot be read (it is tried again at the next call)
 */
public final class KafkaMaintenanceWindows implements MaintenanceWindows, AutoCloseable {

    private final CompactedTopicReader<MaintenanceWindow> reader;
    private final AcknowledgedSender sender;
    private final MaintenanceProperties properties;
    private final Object starting = new Object();
    private volatile boolean started;

    public KafkaMaintenanceWindows(KafkaClientSettings settings, AcknowledgedSender sender,
            MaintenanceProperties properties) {
        this.reader = new CompactedTopicReader<>(settings, properties.topic(), MaintenanceWindow.class);
        this.sender = sender;
        this.properties = properties;
    }

    @Override
    public Collection<MaintenanceWindow> all() {
        return started().values();
    }

    @Override
    public Optional<MaintenanceWindow> find(String id) {
        return Optional.ofNullable(started().get(id));
    }

    /** Stores {@code window} (a new one) and records that {@code window.createdBy()} created it. */
    public MaintenanceWindow create(MaintenanceWindow window) {
        store(window);
        record(MaintenanceEvent.Type.CREATED, window, window.createdBy(), window.createdAt());
        return window;
    }

    /**
     * Ends window {@code id} at {@code at} by {@code by} and records it; a window that was over already is returned
     * unchanged. Empty when there is no such window.
     */
    public Optional<MaintenanceWindow> end(String id, String by, Instant at) {
        return find(id).map(current -> {
            MaintenanceWindow ended = current.end(by, at);
            if (ended != current) {
                store(ended);
                record(MaintenanceEvent.Type.ENDED, ended, by, at);
            }
            return ended;
        });
    }

    private void store(MaintenanceWindow window) {
        started();
        long offset = sender.send(AcknowledgedSender.Outgoing.of(properties.topic(), window.id(), window),
                properties.sendTimeout()).offset();
        reader.applyWritten(window.id(), offset, window);
    }

    private void record(MaintenanceEvent.Type type, MaintenanceWindow window, String by, Instant at) {
        MaintenanceEvent event = new MaintenanceEvent(UUID.randomUUID().toString(), type, window.id(), by, at,
                window.reason(), window);
        sender.send(AcknowledgedSender.Outgoing.of(properties.eventsTopic(), window.id(), event),
                properties.sendTimeout());
    }

    /** The reader, started and caught up. */
    private CompactedTopicReader<MaintenanceWindow> started() {
        if (!started) {
            synchronized (starting) {
                if (!started) {
                    reader.start(Duration.ofSeconds(Math.max(30, properties.sendTimeout().toSeconds() * 3)));
                    started = true;
                }
            }
        }
        return reader;
    }

    /** Stops following the topic. */
    @Override
    public void close() {
        reader.stop();
    }
}
