package io.alertpilot.testing;

import io.alertpilot.model.fixtures.Alerts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A clock that a test moves by hand, injected wherever the code takes a {@link java.time.Clock}. It stands still
 * until {@link #advance(Duration)} or {@link #set(Instant)} moves it, so two readings without a move are equal. Its
 * zone is UTC; {@link #withZone(ZoneId)} returns the same clock, so a zoned copy still follows the moves. Thread safe.
 */
public final class TestClock extends Clock {

    private final AtomicReference<Instant> now;

    /** A clock standing at {@code start}. */
    public TestClock(Instant start) {
        this.now = new AtomicReference<>(Objects.requireNonNull(start, "start"));
    }

    /** A clock standing at {@link Alerts#T0}, the time of the alert fixtures. */
    public TestClock() {
        this(Alerts.T0);
    }

    /** A clock standing at {@code instant}, an ISO-8601 instant such as {@code 2026-11-23T08:00:00Z}. */
    public static TestClock at(String instant) {
        return new TestClock(Instant.parse(instant));
    }

    /** A clock standing at {@code instant}. */
    public static TestClock at(Instant instant) {
        return new TestClock(instant);
    }

    /** Moves the clock forward by {@code duration} (backwards if negative) and returns the new time. */
    public Instant advance(Duration duration) {
        Objects.requireNonNull(duration, "duration");
        return now.updateAndGet(instant -> instant.plus(duration));
    }

    /** Puts the clock at {@code instant}. */
    public void set(Instant instant) {
        now.set(Objects.requireNonNull(instant, "instant"));
    }

    @Override
    public Instant instant() {
        return now.get();
    }

    @Override
    public ZoneId getZone() {
        return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return this;
    }
}
