package io.alertpilot.support.maintenance;

import io.alertpilot.model.maintenance.MaintenanceEvent;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.MaintenanceWindows;
import io.alertpilot.support.kafka.AcknowledgedSender;
import io.alertpilot.support.kafka.CompactedTopicReader;
import io.alertpilot.support.kafka.KafkaClientSettings;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintenance windows on their compacted topic, shared by every replica and every service of one JVM. Each
 * replica reads the topic from the beginning and follows it, so a window created or ended anywhere applies here
 * within a second, and a restart keeps it. A create or an end waits for Kafka's acknowledgement of the window and
 * applies here at once; its event (who, when, why) is then written to the events topic in the background, with
 * retries (see {@link MaintenanceEventLog}), and a failing event never undoes or fails the change.
 *
 * <p>The topic is read on first use, which waits until it was read to its end (so no decision is ever taken on a
 * partial set), or at start-up in the background with {@link #keepRunning()}. A reader that stopped (it failed) is
 * started again: by the next call, and within a second by the keeper; attempts that fail back off from 1 s to 30 s.
 * {@link #current()} never waits. The state shows as the gauge {@code alertpilot.maintenance.reader.running} (1 or 0)
 * and in health ({@link MaintenanceWindowsHealthIndicator}). A service that never asks (the ingest service) never
 * connects. Thread safe.
 *
 * @throws io.alertpilot.support.kafka.KafkaNotAcknowledgedException from a create or an end Kafka did not
 *     acknowledge in time
 * @throws IllegalStateException from {@link #all}, {@link #find}, a create or an end when the topic cannot be read
 *     (it is tried again at a later call)
 */
public final class KafkaMaintenanceWindows implements MaintenanceWindows, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(KafkaMaintenanceWindows.class);
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);
    private static final Duration KEEPER_INTERVAL = Duration.ofSeconds(1);

    private final CompactedTopicReader<MaintenanceWindow> reader;
    private final AcknowledgedSender sender;
    private final MaintenanceProperties properties;
    private final MaintenanceEventLog events;
    private final Object starting = new Object();
    private volatile boolean used;
    private volatile boolean closed;
    private volatile long retryAt;
    private volatile Duration backoff = FIRST_BACKOFF;
    private volatile String failure;
    private volatile Thread keeper;

    public KafkaMaintenanceWindows(KafkaClientSettings settings, AcknowledgedSender sender,
            MaintenanceProperties properties) {
        this(settings, sender, properties, new SimpleMeterRegistry());
    }

    public KafkaMaintenanceWindows(KafkaClientSettings settings, AcknowledgedSender sender,
            MaintenanceProperties properties, MeterRegistry registry) {
        this.reader = new CompactedTopicReader<>(settings, properties.topic(), MaintenanceWindow.class);
        this.sender = sender;
        this.properties = properties;
        this.events = new MaintenanceEventLog(sender, properties, FIRST_BACKOFF, registry);
        Gauge.builder("alertpilot.maintenance.reader.running", this, w -> w.ready() ? 1 : 0)
                .description("1 while the window topic is followed, 0 before and when it cannot be read")
                .register(registry);
    }

    @Override
    public Collection<MaintenanceWindow> all() {
        return started().values();
    }

    @Override
    public Optional<MaintenanceWindow> find(String id) {
        return Optional.ofNullable(started().get(id));
    }

    /** The windows when the topic is read and followed now; empty otherwise (not yet, or it cannot be read). */
    public Optional<Collection<MaintenanceWindow>> current() {
        return ready() ? Optional.of(reader.values()) : Optional.empty();
    }

    /** True while the topic is read and followed. */
    public boolean ready() {
        return reader.isRunning();
    }

    /** True once a caller asked for the windows or {@link #keepRunning()} was called. */
    public boolean used() {
        return used;
    }

    /** Why the last attempt to read the topic failed; null when it did not. */
    public String failure() {
        return failure;
    }

    /**
     * Reads the topic in the background, without waiting, and keeps it read: a reader that stopped is started again
     * within a second (with the back-off). Idempotent.
     */
    public void keepRunning() {
        synchronized (starting) {
            used = true;
            if (keeper != null || closed) {
                return;
            }
            keeper = Thread.ofPlatform().daemon().name(properties.topic() + "-keeper").start(this::keep);
        }
    }

    /** Stores {@code window} (a new one), then records that {@code window.createdBy()} created it. */
    public MaintenanceWindow create(MaintenanceWindow window) {
        store(window);
        events.record(event(MaintenanceEvent.Type.CREATED, window, window.createdBy(), window.createdAt(),
                window.reason()));
        return window;
    }

    /** Ends window {@code id} at {@code at} by {@code by}, without a reason. */
    public Optional<MaintenanceWindow> end(String id, String by, Instant at) {
        return end(id, by, at, null);
    }

    /**
     * Ends window {@code id} at {@code at} by {@code by} because of {@code why} (null: not said), then records it.
     * A window that was ended by someone already is returned unchanged and its ENDED event written again, with the
     * same event id (so a retried end whose event was lost still records it; readers drop the repeat by its id); one
     * that ran out on its own is returned unchanged. Empty when there is no such window.
     */
    public Optional<MaintenanceWindow> end(String id, String by, Instant at, String why) {
        return find(id).map(current -> {
            MaintenanceWindow ended = current.end(by, at, why);
            if (ended != current) {
                store(ended);
            }
            if (ended.endedAt() != null) {
                events.record(event(MaintenanceEvent.Type.ENDED, ended, ended.endedBy(), ended.endedAt(),
                        ended.endedReason()));
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

    /** The event of {@code type} for {@code window}; its id is the same every time for one window and type. */
    private static MaintenanceEvent event(MaintenanceEvent.Type type, MaintenanceWindow window, String by, Instant at,
            String reason) {
        String eventId = UUID.nameUUIDFromBytes((window.id() + "/" + type).getBytes(StandardCharsets.UTF_8))
                .toString();
        return new MaintenanceEvent(eventId, type, window.id(), by, at, reason, window);
    }

    /**
     * The reader, running and caught up: started (again) when it is not, unless the last attempt failed less than the
     * back-off ago.
     *
     * @throws IllegalStateException when it cannot be started now
     */
    private CompactedTopicReader<MaintenanceWindow> started() {
        used = true;
        if (!reader.isRunning()) {
            synchronized (starting) {
                if (!reader.isRunning()) {
                    start();
                }
            }
        }
        return reader;
    }

    private void start() {
        if (closed) {
            throw new IllegalStateException("the maintenance windows are closed");
        }
        if (System.nanoTime() < retryAt) {
            throw new IllegalStateException("the topic " + properties.topic() + " cannot be read (" + failure
                    + "); tried again shortly");
        }
        try {
            reader.start(Duration.ofSeconds(Math.max(30, properties.sendTimeout().toSeconds() * 3)));
            if (failure != null) {
                log.info("the topic {} is read again", properties.topic());
            }
            failure = null;
            backoff = FIRST_BACKOFF;
        } catch (RuntimeException e) {
            if (failure == null) {
                log.warn("the topic {} cannot be read: {}; trying again with back-off up to {}", properties.topic(),
                        e.getMessage(), MAX_BACKOFF);
            }
            failure = e.getMessage();
            retryAt = System.nanoTime() + backoff.toNanos();
            backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            throw e;
        }
    }

    private void keep() {
        while (!closed) {
            try {
                started();
            } catch (RuntimeException e) {
                // logged once per outage by start(); the next round tries again after the back-off
            }
            try {
                Thread.sleep(KEEPER_INTERVAL);
            } catch (InterruptedException e) {
                return;
            }
        }
    }

    /** The reader itself, for tests that stop it as a failure would. */
    CompactedTopicReader<MaintenanceWindow> reader() {
        return reader;
    }

    /** Stops following the topic and the keeper; queued events get up to 2 s. */
    @Override
    public void close() {
        closed = true;
        Thread stopping = keeper;
        if (stopping != null) {
            stopping.interrupt();
        }
        reader.stop();
        events.close();
    }
}
