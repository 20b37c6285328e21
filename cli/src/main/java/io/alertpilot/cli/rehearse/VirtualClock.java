package io.alertpilot.cli.rehearse;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Objects;

/**
 * The clock of a rehearsal: it stands still until the rehearsal moves it, and never moves backwards. Its zone is UTC.
 * Not thread safe: a rehearsal runs on one thread.
 */
public final class VirtualClock extends Clock {

    private Instant now;

    public VirtualClock(Instant start) {
        this.now = Objects.requireNonNull(start, "start");
    }

    /**
     * Moves the clock to {@code instant}.
     *
     * @throws IllegalArgumentException when {@code instant} is before the clock's time
     */
    void moveTo(Instant instant) {
        if (instant.isBefore(now)) {
            throw new IllegalArgumentException("time runs forward only: " + instant + " is before " + now);
        }
        now = instant;
    }

    @Override
    public Instant instant() {
        return now;
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
