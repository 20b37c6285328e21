package io.alertpilot.formats;

import io.alertpilot.model.alert.SeverityMapping;
import java.util.Objects;

/**
 * How alert bodies are read: the severity mapping and the most alerts one body may carry. Every reader of alert bodies
 * (the webhooks, evaluate, the benchmarks) builds its normalizers from one of these, so that the same configuration
 * classifies an alert the same way everywhere. There is no default: the caller passes what it has configured.
 * Immutable.
 *
 * @param severities maps a source's severity text to a {@code Severity}
 * @param maxAlertsPerRequest the most alerts one body may carry, 1 to {@value #MAX_ALERTS_CEILING}
 */
public record FormatSettings(SeverityMapping severities, int maxAlertsPerRequest) {

    /** The largest limit accepted: a body of more alerts is refused whatever the configuration says. */
    public static final int MAX_ALERTS_CEILING = 100_000;

    /**
     * @throws NullPointerException when {@code severities} is null
     * @throws IllegalArgumentException when {@code maxAlertsPerRequest} is outside 1 to {@value #MAX_ALERTS_CEILING}
     */
    public FormatSettings {
        Objects.requireNonNull(severities, "the severity mapping is required");
        if (maxAlertsPerRequest < 1 || maxAlertsPerRequest > MAX_ALERTS_CEILING) {
            throw new IllegalArgumentException("the most alerts per request must be 1 to " + MAX_ALERTS_CEILING
                    + ", not " + maxAlertsPerRequest);
        }
    }
}
