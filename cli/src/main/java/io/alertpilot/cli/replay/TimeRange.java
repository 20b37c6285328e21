package io.alertpilot.cli.replay;

import io.alertpilot.config.Durations;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Objects;

/**
 * The time range a replay reads: records stamped at or after {@code from} and before {@code to}.
 *
 * @param from inclusive
 * @param to exclusive; after {@code from}
 */
public record TimeRange(Instant from, Instant to) {

    public TimeRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!to.isAfter(from)) {
            throw new IllegalArgumentException("the range must end after it starts: " + from + " .. " + to);
        }
    }

    /** True when {@code at} lies in the range. */
    public boolean contains(Instant at) {
        return !at.isBefore(from) && at.isBefore(to);
    }

    /**
     * Reads a TIME argument: an ISO-8601 instant ({@code 2026-11-23T08:00:00Z}, {@code 2026-11-23T09:00:00+01:00}),
     * {@code now}, or {@code now-DURATION} in the playbooks' duration grammar ({@code now-2h}, {@code now-1h30m}).
     * {@code now} counts in whole milliseconds, as record times do.
     *
     * @throws IllegalArgumentException when {@code text} is none of these, with a message that shows the forms
     */
    public static Instant parseTime(String text, Clock clock) {
        String trimmed = text == null ? "" : text.trim();
        Instant now = clock.instant().truncatedTo(ChronoUnit.MILLIS);
        if (trimmed.equals("now")) {
            return now;
        }
        if (trimmed.startsWith("now-")) {
            try {
                Duration back = Durations.parse(trimmed.substring("now-".length()));
                return now.minus(back);
            } catch (Durations.InvalidDurationException e) {
                throw new IllegalArgumentException(invalid(text), e);
            }
        }
        try {
            return OffsetDateTime.parse(trimmed).toInstant();
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(invalid(text), e);
        }
    }

    private static String invalid(String text) {
        return "'" + text + "' is not a time such as 2026-11-23T08:00:00Z, now or now-2h";
    }
}
