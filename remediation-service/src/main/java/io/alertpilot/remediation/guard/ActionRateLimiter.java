package io.alertpilot.remediation.guard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The rate limit of actions counted in this process only: at most {@code limit} actions in any {@code period} (a
 * sliding window). For one process (the command line's rehearsal, tests); the service counts across its replicas
 * with {@link SharedRateLimit}. Thread safe.
 */
public final class ActionRateLimiter implements RateLimit {

    private final int limit;
    private final Duration period;
    private final Clock clock;
    private final Deque<Instant> starts = new ArrayDeque<>();

    public ActionRateLimiter(int limit, Duration period, Clock clock) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1");
        }
        this.limit = limit;
        this.period = period;
        this.clock = clock;
    }

    /** A limiter with the same limit, period and clock and a count of its own (dry run counts apart from live). */
    @Override
    public ActionRateLimiter twin() {
        return new ActionRateLimiter(limit, period, clock);
    }

    /** Takes one permit when there is one. */
    @Override
    public synchronized boolean tryAcquire() {
        prune();
        if (starts.size() >= limit) {
            return false;
        }
        starts.addLast(clock.instant());
        return true;
    }

    /** Permits left now, without taking one. */
    @Override
    public synchronized int available() {
        prune();
        return limit - starts.size();
    }

    @Override
    public int limit() {
        return limit;
    }

    @Override
    public Duration period() {
        return period;
    }

    private void prune() {
        Instant oldest = clock.instant().minus(period);
        while (!starts.isEmpty() && !starts.peekFirst().isAfter(oldest)) {
            starts.removeFirst();
        }
    }
}
