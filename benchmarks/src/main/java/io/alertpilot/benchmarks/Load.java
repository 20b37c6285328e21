package io.alertpilot.benchmarks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.HdrHistogram.Recorder;

/** Closed-loop (as fast as answers come) and open-loop (fixed rate) load on a {@link LoadTarget}. */
final class Load {

    private Load() {
    }

    /** What a phase measured: alerts acknowledged per second and the latency of each group, in microseconds. */
    record Result(String target, double alertsPerSecond, long groups, long failures, org.HdrHistogram.Histogram latency) {
    }

    /**
     * {@code connections} virtual threads each send a group, wait for the answer, and send the next, for
     * {@code duration}.
     */
    static <P> Result closed(LoadTarget<P> target, Payloads payloads, int connections, Duration duration)
            throws InterruptedException {
        long end = System.nanoTime() + duration.toNanos();
        return loop(target, payloads, connections, () -> System.nanoTime() < end);
    }

    /** {@code connections} virtual threads send {@code groups} groups in all, each waiting for its answer. */
    static <P> Result burst(LoadTarget<P> target, Payloads payloads, int connections, long groups)
            throws InterruptedException {
        AtomicLong left = new AtomicLong(groups);
        return loop(target, payloads, connections, () -> left.getAndDecrement() > 0);
    }

    private static <P> Result loop(LoadTarget<P> target, Payloads payloads, int connections, BooleanSupplier more)
            throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < connections; i++) {
                threads.submit(() -> {
                    while (more.getAsBoolean()) {
                        P prepared = target.prepare(payloads.nextGroup());
                        long sent = System.nanoTime();
                        boolean ok = deliver(target, prepared);
                        recorder.recordValue(Math.max(1, (System.nanoTime() - sent) / 1000));
                        if (ok) {
                            acknowledged.addAndGet(Payloads.GROUP);
                        } else {
                            failures.incrementAndGet();
                        }
                    }
                });
            }
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(target.name(), acknowledged.get() / seconds, acknowledged.get() / Payloads.GROUP,
                failures.get(), recorder.getIntervalHistogram());
    }

    /**
     * Sends {@code groupsPerSecond} groups at fixed intervals for {@code duration}, each on its own virtual thread,
     * and measures each latency from the moment it was due, not from when it was sent: a stalled target shows up in
     * the latency of every request that waited (no coordinated omission).
     */
    static <P> Result open(LoadTarget<P> target, Payloads payloads, double groupsPerSecond, Duration duration)
            throws InterruptedException {
        Recorder recorder = new Recorder(3);
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long interval = (long) (1e9 / groupsPerSecond);
        long count = (long) (duration.toNanos() / (double) interval);
        List<P> prepared = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            prepared.add(target.prepare(payloads.nextGroup()));
        }
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < count; i++) {
                long due = start + i * interval;
                long wait = due - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
                P group = prepared.get(i);
                threads.submit(() -> {
                    boolean ok = deliver(target, group);
                    recorder.recordValue(Math.max(1, (System.nanoTime() - due) / 1000));
                    if (ok) {
                        acknowledged.addAndGet(Payloads.GROUP);
                    } else {
                        failures.incrementAndGet();
                    }
                });
            }
            threads.shutdown();
            threads.awaitTermination(2, TimeUnit.MINUTES);
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Result(target.name(), acknowledged.get() / seconds, acknowledged.get() / Payloads.GROUP,
                failures.get(), recorder.getIntervalHistogram());
    }

    private static <P> boolean deliver(LoadTarget<P> target, P prepared) {
        try {
            return target.send(prepared);
        } catch (Exception e) {
            return false;
        }
    }
}
