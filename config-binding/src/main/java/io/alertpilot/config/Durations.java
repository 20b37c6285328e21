package io.alertpilot.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The one duration grammar of playbook and policy files: a whole number of seconds ({@code 0}, {@code 90}), one or
 * more amounts with a unit ({@code 500ms}, {@code 30s}, {@code 5m}, {@code 1h30m}, {@code 2d}; units {@code ms},
 * {@code s}, {@code m}, {@code h}, {@code d}; a space may separate amount and unit), or ISO-8601 ({@code PT5M},
 * {@code P1D}). Negative durations are refused. Stateless and thread safe.
 */
public final class Durations {

    /** A regular expression for the short form, the same one the JSON Schemas use. */
    public static final String SHORT_FORM = "(\\d+\\s*(ms|s|m|h|d)\\s*)+|\\d+";

    private static final Pattern SHORT = Pattern.compile(SHORT_FORM);
    private static final Pattern PART = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private Durations() {
    }

    /**
     * Reads {@code text}.
     *
     * @throws InvalidDurationException when the text is no duration of this grammar, or negative
     */
    public static Duration parse(String text) {
        String trimmed = text == null ? "" : text.trim();
        if (SHORT.matcher(trimmed).matches()) {
            if (trimmed.chars().allMatch(Character::isDigit)) {
                return Duration.ofSeconds(Long.parseLong(trimmed));
            }
            Duration total = Duration.ZERO;
            Matcher part = PART.matcher(trimmed);
            while (part.find()) {
                long amount = Long.parseLong(part.group(1));
                total = total.plus(switch (part.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                });
            }
            return total;
        }
        Duration duration;
        try {
            duration = Duration.parse(trimmed);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidDurationException("'" + text + "' is not a duration such as 30s, 5m, 1h30m or PT5M");
        }
        if (duration.isNegative()) {
            throw new InvalidDurationException("'" + text + "' is negative; a duration must not be");
        }
        return duration;
    }

    /** A text that is not a duration of the grammar; the message quotes it and gives examples. */
    public static final class InvalidDurationException extends IllegalArgumentException {

        public InvalidDurationException(String message) {
            super(message);
        }
    }
}
