package io.alertpilot.console.web;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import org.springframework.stereotype.Component;

/**
 * How the console writes times for people: an instant as {@code 2026-11-30 11:55:12 UTC}, a duration as
 * {@code 4m 12s}. The one formatter of every page (templates call it as {@code @times}, mostly through the
 * {@code time :: at(instant)} fragment, which keeps the ISO-8601 instant in a {@code <time datetime>} attribute)
 * and of the Markdown report. Stateless.
 */
@Component("times")
public final class Times {

    private static final DateTimeFormatter INSTANT = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'")
            .withZone(ZoneOffset.UTC);

    /** {@code at} as {@code 2026-11-30 11:55:12 UTC} (seconds, UTC); empty when null. */
    public static String at(Instant at) {
        return at == null ? "" : INSTANT.format(at);
    }

    /**
     * {@code duration} as people read it, from its largest unit to its smallest one that is not zero: {@code 42s},
     * {@code 4m 12s}, {@code 15m}, {@code 1h 0m 5s}, {@code 1d 0h 1m} (whole seconds; zero and negative durations
     * read as {@code 0s}); empty when null.
     */
    public static String duration(Duration duration) {
        if (duration == null) {
            return "";
        }
        Duration d = duration.isNegative() ? Duration.ZERO : duration;
        long[] values = {d.toDays(), d.toHoursPart(), d.toMinutesPart(), d.toSecondsPart()};
        String[] units = {"d", "h", "m", "s"};
        int first = 0;
        while (first < 3 && values[first] == 0) {
            first++;
        }
        int last = 3;
        while (last > first && values[last] == 0) {
            last--;
        }
        StringBuilder text = new StringBuilder();
        for (int i = first; i <= last; i++) {
            text.append(text.isEmpty() ? "" : " ").append(values[i]).append(units[i]);
        }
        return text.toString();
    }

    /** The time from {@code from} to {@code to} as {@link #duration(Duration)} writes it; {@code unknown} if either is null. */
    public static String between(Instant from, Instant to) {
        return from == null || to == null ? "unknown" : duration(Duration.between(from, to));
    }

    /**
     * An ISO-8601 duration as a service sends it ({@code PT4M12S}) as {@link #duration(Duration)} writes it; text that
     * is not one is answered as it is, and null as empty.
     */
    public static String duration(String iso) {
        if (iso == null) {
            return "";
        }
        try {
            return duration(Duration.parse(iso));
        } catch (DateTimeParseException e) {
            return iso;
        }
    }
}
