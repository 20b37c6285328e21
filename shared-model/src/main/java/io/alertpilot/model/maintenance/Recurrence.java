package io.alertpilot.model.maintenance;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A weekly recurrence, shaped like one of Alertmanager's {@code time_intervals}: the days of the week
 * ({@code "monday:friday"}, {@code "saturday"}; a range may wrap, {@code "friday:monday"}; none: every day) and the
 * times of day ({@code start_time} inclusive, {@code end_time} exclusive, {@code "HH:MM"}, {@code "24:00"} allowed
 * as an end; none: all day), read on the wall clock of {@code location} (an IANA zone; none: UTC). On a day whose
 * clocks jump, a time that does not exist is never covered and a time that happens twice is covered both times.
 * Immutable and thread safe.
 *
 * @throws InvalidWindowException naming the field ({@code weekdays[1]}, {@code times[0].start_time},
 *     {@code location}) of an unknown weekday, a bad time, a start not before its end or an unknown zone
 */
public record Recurrence(List<String> weekdays, List<TimeRange> times, String location) {

    private static final Pattern TIME = Pattern.compile("(([01][0-9]|2[0-3]):[0-5][0-9])|24:00");

    public Recurrence {
        weekdays = weekdays == null ? List.of() : List.copyOf(weekdays);
        times = times == null ? List.of() : List.copyOf(times);
        for (int i = 0; i < weekdays.size(); i++) {
            days(weekdays.get(i), "weekdays[" + i + "]");
        }
        for (int i = 0; i < times.size(); i++) {
            TimeRange range = times.get(i);
            if (range == null) {
                throw new InvalidWindowException("times[" + i + "]", "a time range needs start_time and end_time");
            }
            int start = minutes(range.startTime(), "times[" + i + "].start_time");
            int end = minutes(range.endTime(), "times[" + i + "].end_time");
            if (start >= end) {
                throw new InvalidWindowException("times[" + i + "].end_time", "end_time " + range.endTime()
                        + " must be after start_time " + range.startTime() + " (split a range across midnight in two)");
            }
        }
        zone(location);
    }

    /** True when {@code instant}, on the wall clock of the location, falls on a listed day and in a listed time. */
    public boolean includes(Instant instant) {
        ZonedDateTime local = instant.atZone(zone(location));
        if (!weekdays.isEmpty() && weekdays.stream().noneMatch(w -> days(w, "weekdays").contains(local.getDayOfWeek()))) {
            return false;
        }
        if (times.isEmpty()) {
            return true;
        }
        int minute = local.getHour() * 60 + local.getMinute();
        return times.stream().anyMatch(t -> minutes(t.startTime(), "start_time") <= minute
                && minute < minutes(t.endTime(), "end_time"));
    }

    /**
     * One time range of a day.
     *
     * @param startTime {@code "HH:MM"}, inclusive
     * @param endTime {@code "HH:MM"} or {@code "24:00"}, exclusive
     */
    public record TimeRange(@JsonProperty("start_time") String startTime, @JsonProperty("end_time") String endTime) {
    }

    private static Set<DayOfWeek> days(String spec, String field) {
        if (spec == null) {
            throw new InvalidWindowException(field, "a weekday must not be null");
        }
        String[] bounds = spec.split(":", -1);
        if (bounds.length > 2) {
            throw new InvalidWindowException(field, "'" + spec + "' is not a weekday or a range day:day");
        }
        DayOfWeek first = day(bounds[0], spec, field);
        DayOfWeek last = bounds.length == 2 ? day(bounds[1], spec, field) : first;
        Set<DayOfWeek> days = EnumSet.of(first);
        for (DayOfWeek d = first; d != last; d = d.plus(1)) {
            days.add(d.plus(1));
        }
        return days;
    }

    private static DayOfWeek day(String name, String spec, String field) {
        try {
            return DayOfWeek.valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidWindowException(field, "'" + spec + "' is not a weekday (monday ... sunday) or a range "
                    + "of them (monday:friday)");
        }
    }

    private static int minutes(String time, String field) {
        if (time == null || !TIME.matcher(time).matches()) {
            throw new InvalidWindowException(field, "'" + time + "' is not a time of day HH:MM (00:00 to 24:00)");
        }
        return Integer.parseInt(time.substring(0, 2)) * 60 + Integer.parseInt(time.substring(3));
    }

    private static ZoneId zone(String location) {
        if (location == null || location.isBlank()) {
            return ZoneId.of("UTC");
        }
        try {
            return ZoneId.of(location);
        } catch (DateTimeException e) {
            throw new InvalidWindowException("location", "'" + location + "' is not a known time zone (such as "
                    + "Europe/Berlin)");
        }
    }
}
