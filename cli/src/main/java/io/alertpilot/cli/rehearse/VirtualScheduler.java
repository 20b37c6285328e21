package io.alertpilot.cli.rehearse;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * A scheduler on a {@link VirtualClock}: no thread waits; a task runs when the rehearsal calls {@link #runDue()} and
 * the clock has reached the task's time. Tasks due at the same time run in the order they were scheduled, so a
 * rehearsal is deterministic. A task that throws fails the rehearsal (a silent failure would make a wrong prediction).
 * Not thread safe: a rehearsal runs on one thread.
 */
final class VirtualScheduler extends AbstractExecutorService implements ScheduledExecutorService {

    private final VirtualClock clock;
    private final PriorityQueue<Task<?>> queue = new PriorityQueue<>();
    private long sequence;
    private boolean shutdown;

    VirtualScheduler(VirtualClock clock) {
        this.clock = clock;
    }

    /** When the next task is due, if there is one. */
    Optional<Instant> nextDue() {
        return Optional.ofNullable(queue.peek()).map(task -> task.due);
    }

    /** Runs every task due at the clock's time, also those that the tasks schedule for that time. */
    void runDue() {
        while (!queue.isEmpty() && !queue.peek().due.isAfter(clock.instant())) {
            Task<?> task = queue.poll();
            if (!task.cancelled) {
                task.run();
            }
        }
    }

    @Override
    public void execute(Runnable command) {
        schedule(command, 0, TimeUnit.MILLISECONDS);
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
        return add(Executors.callable(command), delay(delay, unit), null);
    }

    @Override
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
        return add(callable, delay(delay, unit), null);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
        return add(Executors.callable(command), delay(initialDelay, unit), delay(period, unit));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
        return add(Executors.callable(command), delay(initialDelay, unit), delay(delay, unit));
    }

    private <V> Task<V> add(Callable<V> callable, Duration delay, Duration period) {
        if (shutdown) {
            throw new java.util.concurrent.RejectedExecutionException("the rehearsal is over");
        }
        Task<V> task = new Task<>(callable, clock.instant().plus(delay.isNegative() ? Duration.ZERO : delay), period,
                sequence++);
        queue.add(task);
        return task;
    }

    private static Duration delay(long amount, TimeUnit unit) {
        return Duration.of(amount, unit.toChronoUnit());
    }

    @Override
    public void shutdown() {
        shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
        shutdown = true;
        queue.clear();
        return List.of();
    }

    @Override
    public boolean isShutdown() {
        return shutdown;
    }

    @Override
    public boolean isTerminated() {
        return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
        return true;
    }

    /** One scheduled task; periodic when {@code period} is set. */
    private final class Task<V> implements ScheduledFuture<V> {

        private final Callable<V> callable;
        private final Duration period;
        private Instant due;
        private long order;
        private boolean cancelled;
        private boolean done;
        private V result;

        Task(Callable<V> callable, Instant due, Duration period, long order) {
            this.callable = callable;
            this.due = due;
            this.period = period;
            this.order = order;
        }

        void run() {
            try {
                result = callable.call();
            } catch (Exception e) {
                throw new IllegalStateException("a task of the rehearsal failed at " + due + ": " + e.getMessage(), e);
            }
            if (period == null) {
                done = true;
            } else {
                due = clock.instant().plus(period);
                order = sequence++;
                queue.add(this);
            }
        }

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(Duration.between(clock.instant(), due));
        }

        @Override
        public int compareTo(Delayed other) {
            Task<?> that = (Task<?>) other;
            int byTime = due.compareTo(that.due);
            return byTime != 0 ? byTime : Long.compare(order, that.order);
        }

        @Override
        public boolean cancel(boolean mayInterruptIfRunning) {
            if (done) {
                return false;
            }
            cancelled = true;
            queue.remove(this);
            return true;
        }

        @Override
        public boolean isCancelled() {
            return cancelled;
        }

        @Override
        public boolean isDone() {
            return done || cancelled;
        }

        @Override
        public V get() throws ExecutionException {
            if (!done) {
                throw new ExecutionException(new IllegalStateException("the task has not run yet on the virtual clock"));
            }
            return result;
        }

        @Override
        public V get(long timeout, TimeUnit unit) throws ExecutionException {
            return get();
        }
    }
}
