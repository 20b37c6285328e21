package io.alertpilot.remediation.guard;

import java.time.Duration;
import java.util.Objects;

/**
 * The global rate limit of actions: at most {@link Bound#limit()} actions start in any {@link Bound#period()} (a
 * sliding window). {@link #available()} is a cheap look for the guards that decide (no lock, no wait); only {@link
 * #tryAcquire()}, called for an action that will really start, takes a permit. Implementations are thread safe.
 */
public interface RateLimit {

    /** At most {@code limit} action starts in any {@code period}. */
    record Bound(int limit, Duration period) {

        public Bound {
            if (limit < 1) {
                throw new IllegalArgumentException("limit must be at least 1");
            }
            Objects.requireNonNull(period, "period");
        }

        @Override
        public String toString() {
            return limit + " actions per " + period;
        }
    }

    Bound bound();

    /** Permits left now as last known here, without taking one and without waiting. */
    int available();

    /**
     * Takes one permit when there is one.
     *
     * @return false when the limit is reached
     * @throws GuardCheckUnavailableException when the count cannot be read or written in time; the action must not run
     */
    boolean tryAcquire();

    /** A limit with the same limit, period and store and a count of its own (dry run counts apart from live). */
    RateLimit twin();
}
