package io.alertpilot.notifier.incident;

import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Calls {@link IncidentService#tick()} at a fixed interval on one daemon thread, so a step fires at most one interval
 * after it is due. All timing decisions use the service's clock; this only decides how often to look.
 */
public class EscalationTicker implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(EscalationTicker.class);

    private final IncidentService service;
    private final Duration interval;
    private ScheduledExecutorService executor;

    public EscalationTicker(IncidentService service, Duration interval) {
        this.service = service;
        this.interval = interval;
    }

    @Override
    public synchronized void start() {
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name("notifier-ticker")
                .factory());
        executor.scheduleWithFixedDelay(this::tick, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void tick() {
        try {
            service.tick();
        } catch (RuntimeException e) {
            log.error("Escalation tick failed", e);
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }
}
