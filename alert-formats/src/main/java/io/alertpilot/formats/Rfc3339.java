package io.alertpilot.formats;

import java.time.LocalDate;
import java.time.LocalTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;

/**
 * The common shape of an RFC 3339 time, read without a {@code DateTimeFormatter}:
 * {@code yyyy-MM-ddTHH:mm:ss[.fraction of 1 to 9 digits](Z|+HH:MM|-HH:MM)}, the shape Alertmanager and Azure
 * Monitor send. The formatter's parse cost a twentieth of a webhook request's CPU; this gives the same
 * {@link OffsetDateTime} as {@link OffsetDateTime#parse(CharSequence)} for every text of this shape, and null for
 * any other shape (the caller then asks the formatter). A value out of range (month 13) throws
 * {@link java.time.DateTimeException}, as the formatter does.
 */
final class Rfc3339 {

    private Rfc3339() {
    }

    /** The time {@code text} names, or null when it is not of the common shape. */
    static OffsetDateTime parse(String text) {
        int length = text.length();
        if (length < 20 || text.charAt(4) != '-' || text.charAt(7) != '-' || text.charAt(10) != 'T'
                || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 7);
        int day = digits(text, 8, 10);
        int hour = digits(text, 11, 13);
        int minute = digits(text, 14, 16);
        int second = digits(text, 17, 19);
        if ((year | month | day | hour | minute | second) < 0) {
            return null;
        }
        int at = 19;
        int nanos = 0;
        if (text.charAt(at) == '.') {
            int end = at + 1;
            while (end < length && end - at <= 9 && isDigit(text.charAt(end))) {
                end++;
            }
            int count = end - at - 1;
            if (count == 0 || (end < length && isDigit(text.charAt(end)))) {
                return null;
            }
            nanos = digits(text, at + 1, end);
            for (int i = count; i < 9; i++) {
                nanos *= 10;
            }
            at = end;
        }
        ZoneOffset offset = offset(text, at);
        if (offset == null) {
            return null;
        }
        return OffsetDateTime.of(LocalDate.of(year, month, day), LocalTime.of(hour, minute, second, nanos), offset);
    }

    private static ZoneOffset offset(String text, int at) {
        int length = text.length();
        if (length == at + 1 && text.charAt(at) == 'Z') {
            return ZoneOffset.UTC;
        }
        char sign = length == at + 6 ? text.charAt(at) : ' ';
        if ((sign != '+' && sign != '-') || text.charAt(at + 3) != ':') {
            return null;
        }
        int hours = digits(text, at + 1, at + 3);
        int minutes = digits(text, at + 4, at + 6);
        if ((hours | minutes) < 0) {
            return null;
        }
        return sign == '+' ? ZoneOffset.ofHoursMinutes(hours, minutes) : ZoneOffset.ofHoursMinutes(-hours, -minutes);
    }

    /** The number the ASCII digits from {@code start} to {@code end} spell, or -1 when one is not a digit. */
    private static int digits(String text, int start, int end) {
        int value = 0;
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (!isDigit(c)) {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
