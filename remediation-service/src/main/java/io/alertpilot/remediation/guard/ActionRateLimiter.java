package io.alertpilot.remediation.guard;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The global rate limit on actions of this replica: at most {@code limit} actions in any {@code period} (a sliding
 * window). Thread safe.
 */
public final class ActionRateLimiter {

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
    public ActionRateLimiter twin() {
        return new ActionRateLimiter(limit, period, clock);
    }

    /** Takes one permit when there is one. */
    public synchronized boolean tryAcquire() {
        prune();
        if (starts.size() >= limit) {
            return false;
        }
        starts.addLast(clock.instant());
        return true;
    }

    /** Permits left now, without taking one. */
    public synchronized int available() {
        prune();
        return limit - starts.size();
    }

    public int limit() {
        return limit;
    }

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
