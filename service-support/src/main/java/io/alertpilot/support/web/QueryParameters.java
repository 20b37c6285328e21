package io.alertpilot.support.web;

import java.util.Arrays;
import java.util.Locale;

/**
 * Reads the query parameters the list APIs share: an optional enum value (case-insensitive) and the list's
 * {@code limit}. Each refuses a bad value with an {@link InvalidParameterException} naming the parameter.
 */
public final class QueryParameters {

    /** The most items one list answer holds. */
    public static final int MAX_LIMIT = 1000;
    /** The number of items a list answers when {@code limit} is not given. */
    public static final int DEFAULT_LIMIT = 100;

    private QueryParameters() {
    }

    /** The constant of {@code type} named {@code value} (any case), or null when {@code value} is null or blank. */
    public static <E extends Enum<E>> E enumValue(String field, String value, Class<E> type) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            return Enum.valueOf(type, value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new InvalidParameterException(field, field + " must be one of "
                    + Arrays.toString(type.getEnumConstants()) + ", not '" + value.trim() + "'");
        }
    }

    /**
     * The {@code limit} parameter: {@link #DEFAULT_LIMIT} when absent or blank, else a whole number from 1 to
     * {@link #MAX_LIMIT}.
     */
    public static int limit(String value) {
        if (value == null || value.isBlank()) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(value.trim());
        } catch (NumberFormatException e) {
            limit = 0;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new InvalidParameterException("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
        }
        return limit;
    }

    /** {@code value} trimmed, or null when it is null or blank (a filter that matches all). */
    public static String text(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
