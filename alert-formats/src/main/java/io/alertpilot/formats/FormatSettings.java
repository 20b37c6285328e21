package io.alertpilot.formats;

import io.alertpilot.model.alert.SeverityMapping;
import java.util.Objects;

/**
 * How alert bodies are read: the severity mapping, the most alerts one body may carry and the longest label or
 * annotation value kept whole. Every reader of alert bodies
 * (the webhooks, evaluate, the benchmarks) builds its normalizers from one of these, so that the same configuration
 * classifies an alert the same way everywhere. There is no default: the caller passes what it has configured.
 * Immutable.
 *
 * @param severities maps a source's severity text to a {@code Severity}
 * @param maxAlertsPerRequest the most alerts one body may carry, 1 to {@value #MAX_ALERTS_CEILING}
 * @param maxValueLength the most characters of a label or annotation value kept, {@value #MIN_VALUE_LENGTH} to
 *     {@value #MAX_VALUE_LENGTH_CEILING}: a longer value is cut there and marked (not refused: Alertmanager never
 *     retries a refused body)
 */
public record FormatSettings(SeverityMapping severities, int maxAlertsPerRequest, int maxValueLength) {

    /** The largest limit accepted: a body of more alerts is refused whatever the configuration says. */
    public static final int MAX_ALERTS_CEILING = 100_000;

    /** The longest value kept whole when nothing is configured. */
    public static final int DEFAULT_MAX_VALUE_LENGTH = 4096;

    /** The shortest bound of a value accepted: shorter would cut ordinary names. */
    public static final int MIN_VALUE_LENGTH = 64;

    /** The longest bound of a value accepted. */
    public static final int MAX_VALUE_LENGTH_CEILING = 1_048_576;

    /**
     * @throws NullPointerException when {@code severities} is null
     * @throws IllegalArgumentException when {@code maxAlertsPerRequest} is outside 1 to {@value #MAX_ALERTS_CEILING}
     *     or {@code maxValueLength} outside {@value #MIN_VALUE_LENGTH} to {@value #MAX_VALUE_LENGTH_CEILING}
     */
    public FormatSettings {
        Objects.requireNonNull(severities, "the severity mapping is required");
        if (maxAlertsPerRequest < 1 || maxAlertsPerRequest > MAX_ALERTS_CEILING) {
            throw new IllegalArgumentException("the most alerts per request must be 1 to " + MAX_ALERTS_CEILING
                    + ", not " + maxAlertsPerRequest);
        }
        if (maxValueLength < MIN_VALUE_LENGTH || maxValueLength > MAX_VALUE_LENGTH_CEILING) {
            throw new IllegalArgumentException("the longest value kept must be " + MIN_VALUE_LENGTH + " to "
                    + MAX_VALUE_LENGTH_CEILING + " characters, not " + maxValueLength);
        }
    }

    /** Settings that keep values of up to {@value #DEFAULT_MAX_VALUE_LENGTH} characters whole. */
    public FormatSettings(SeverityMapping severities, int maxAlertsPerRequest) {
        this(severities, maxAlertsPerRequest, DEFAULT_MAX_VALUE_LENGTH);
    }
}
