package io.alertpilot.cli.replay;

import java.util.Objects;
import java.time.Instant;

/**
 * One event read back from a topic, with the time of its record.
 *
 * @param at the record's timestamp: the time the replay's virtual clock is set to for this event
 */
public record Recorded<T>(Instant at, int partition, long offset, T value) {

    public Recorded {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(value, "value");
    }
}
