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

    private final Bound bound;
    private final Clock clock;
    private final Deque<Instant> starts = new ArrayDeque<>();

    public ActionRateLimiter(int limit, Duration period, Clock clock) {
        this.bound = new Bound(limit, period);
        this.clock = clock;
    }

    /** A limiter with the same limit, period and clock and a count of its own (dry run counts apart from live). */
    @Override
    public ActionRateLimiter twin() {
        return new ActionRateLimiter(bound.limit(), bound.period(), clock);
    }

    /** Takes one permit when there is one. */
    @Override
    public synchronized boolean tryAcquire() {
        prune();
        if (starts.size() >= bound.limit()) {
            return false;
        }
        starts.addLast(clock.instant());
        return true;
    }

    /** Permits left now, without taking one. */
    @Override
    public synchronized int available() {
        prune();
        return bound.limit() - starts.size();
    }

    @Override
    public Bound bound() {
        return bound;
    }

    private void prune() {
        Instant oldest = clock.instant().minus(bound.period());
        while (!starts.isEmpty() && !starts.peekFirst().isAfter(oldest)) {
            starts.removeFirst();
        }
    }
}
