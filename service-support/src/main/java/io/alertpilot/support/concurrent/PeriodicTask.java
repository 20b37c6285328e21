package io.alertpilot.support.concurrent;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Runs a task at a fixed delay on one daemon thread of its own while the application runs (a Spring
 * {@link SmartLifecycle}): the first run one interval after start, a failed run logged and the next one run on time.
 * How often to look is all it decides; timing decisions belong to the task and its clock. Thread safe.
 */
public class PeriodicTask implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(PeriodicTask.class);

    private final String name;
    private final Duration interval;
    private final Runnable task;
    private ScheduledExecutorService executor;

    /**
     * @param name the thread's name, also in the log line of a failed run
     * @throws IllegalArgumentException when {@code interval} is not positive
     */
    public PeriodicTask(String name, Duration interval, Runnable task) {
        this.name = Objects.requireNonNull(name, "name");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.task = Objects.requireNonNull(task, "task");
        if (interval.isZero() || interval.isNegative()) {
            throw new IllegalArgumentException("the interval of " + name + " must be positive, not " + interval);
        }
    }

    private void runOnce() {
        try {
            task.run();
        } catch (RuntimeException e) {
            log.error("Periodic task {} failed; it runs again in {}", name, interval, e);
        }
    }

    @Override
    public synchronized void start() {
        if (executor != null) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(Thread.ofPlatform().daemon().name(name).factory());
        executor.scheduleWithFixedDelay(this::runOnce, interval.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
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
