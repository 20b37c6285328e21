package io.alertpilot.model.incident;

import java.time.Instant;
import java.util.Objects;

/**
 * A service level an incident missed.
 *
 * @param kind {@code ack} (not acknowledged within the policy's {@code ackWithin}) or {@code resolve} (not resolved
 *     within {@code resolveWithin})
 * @param at when the breach was found
 * @param detail what it means for people, e.g. {@code not acknowledged within PT5M: paging the secondary}
 */
public record SlaBreach(String kind, Instant at, String detail) {

    public SlaBreach {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(at, "at");
    }
}
