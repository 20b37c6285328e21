package io.alertpilot.formats;

import java.util.Locale;

/**
 * Told of every label or annotation value a normalizer cut to {@link FormatSettings#maxValueLength()}, once per value,
 * on the thread that normalizes; so that a service can count them. Implementations must be thread safe and quick.
 */
@FunctionalInterface
public interface TruncationListener {

    /** A listener that ignores every truncation. */
    TruncationListener NONE = field -> {
    };

    /** One value of {@code field} was cut. */
    void truncated(Field field);

    /** Where a cut value was. */
    enum Field {
        LABEL, ANNOTATION;

        /** The lower-case name, as a metric tag. */
        public String tag() {
            return name().toLowerCase(Locale.ROOT);
        }
    }
}
