package io.alertpilot.support.maintenance;

import io.alertpilot.model.maintenance.MaintenanceEvent;
import io.alertpilot.support.kafka.AcknowledgedSender;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the events of window changes to {@code alertpilot.maintenance-events.v1} after the change itself was stored,
 * in the background and in order, each tried {@link #ATTEMPTS} times with a growing pause; one that still fails is
 * logged and counted ({@code alertpilot.maintenance.events.failed}), never handed back to the operator whose change
 * stands. Thread safe.
 */
final class MaintenanceEventLog implements AutoCloseable {

    /** How often an event is tried before it is given up. */
    static final int ATTEMPTS = 4;

    private static final Logger log = LoggerFactory.getLogger(MaintenanceEventLog.class);

    private final AcknowledgedSender sender;
    private final MaintenanceProperties properties;
    private final Duration firstPause;
    private final Counter failed;
    private final ExecutorService writer = Executors.newSingleThreadExecutor(
            Thread.ofPlatform().daemon().name("maintenance-events").factory());

    MaintenanceEventLog(AcknowledgedSender sender, MaintenanceProperties properties, Duration firstPause,
            MeterRegistry registry) {
        this.sender = sender;
        this.properties = properties;
        this.firstPause = firstPause;
        this.failed = Counter.builder("alertpilot.maintenance.events.failed")
                .description("events of window changes given up after their retries (the change itself stands)")
                .register(registry);
    }

    /** Queues {@code event} for writing; returns at once. */
    void record(MaintenanceEvent event) {
        writer.execute(() -> write(event));
    }

    private void write(MaintenanceEvent event) {
        Duration pause = firstPause;
        for (int attempt = 1; ; attempt++) {
            try {
                sender.send(AcknowledgedSender.Outgoing.of(properties.eventsTopic(), event.windowId(), event),
                        properties.sendTimeout());
                return;
            } catch (RuntimeException e) {
                if (attempt >= ATTEMPTS) {
                    failed.increment();
                    log.error("the {} event {} of maintenance window {} was not written to {} after {} attempts: {}",
                            event.type(), event.eventId(), event.windowId(), properties.eventsTopic(), attempt,
                            e.getMessage());
                    return;
                }
                log.warn("the {} event of maintenance window {} was not written (attempt {}), trying again in {}: {}",
                        event.type(), event.windowId(), attempt, pause, e.getMessage());
                if (!pause(pause)) {
                    return;
                }
                pause = pause.multipliedBy(2);
            }
        }
    }

    private static boolean pause(Duration pause) {
        try {
            Thread.sleep(pause);
            return true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Stops taking events; waits up to 2 s for those queued. */
    @Override
    public void close() {
        writer.shutdown();
        try {
            writer.awaitTermination(2, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
