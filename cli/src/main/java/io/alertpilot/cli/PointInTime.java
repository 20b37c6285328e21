package io.alertpilot.cli;

import io.alertpilot.config.Durations;
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import picocli.CommandLine;

/**
 * A {@code TIME} option's converter: an ISO-8601 instant ({@code 2026-11-30T06:00:00Z}) or a duration ago in the
 * project's duration grammar ({@code 15m}, {@code 1h30m}, {@code PT2H}), counted back from the clock's now. A text
 * that is neither is bad usage, with a message that quotes it. Thread safe.
 */
public final class PointInTime implements CommandLine.ITypeConverter<Instant> {

    private final Clock clock;

    /** Counts durations back from the system clock. */
    public PointInTime() {
        this(Clock.systemUTC());
    }

    public PointInTime(Clock clock) {
        this.clock = clock;
    }

    @Override
    public Instant convert(String text) {
        try {
            return Instant.parse(text.trim());
        } catch (DateTimeParseException notAnInstant) {
            try {
                return clock.instant().minus(Durations.parse(text));
            } catch (Durations.InvalidDurationException notADuration) {
                throw new CommandLine.TypeConversionException("'" + text + "' is neither an instant such as "
                        + "2026-11-30T06:00:00Z nor a duration ago such as 15m or 2h");
            }
        }
    }
}
