package io.alertpilot.model.incident;

import java.time.Instant;
import java.util.List;

/**
 * The service-level clock of an incident, kept on the compacted incident topic so that it survives a restart as the
 * escalation timing does.
 *
 * @param ackDueAt when the incident must be acknowledged by, or null (no {@code ackWithin}, nothing paged yet,
 *     acknowledged, resolved, or nobody further to page)
 * @param resolveDueAt when it must be resolved by, or null (no {@code resolveWithin}, resolved, or already breached)
 * @param nextUpdateAt when the next status update is due, or null (no {@code updateEvery}, nothing paged, resolved)
 * @param updates how many status updates were sent
 * @param breaches the service levels missed, oldest first
 */
public record IncidentSla(Instant ackDueAt, Instant resolveDueAt, Instant nextUpdateAt, int updates,
        List<SlaBreach> breaches) {

    /** No service level running. */
    public static final IncidentSla NONE = new IncidentSla(null, null, null, 0, List.of());

    public IncidentSla {
        breaches = breaches == null ? List.of() : List.copyOf(breaches);
    }

    /** The earliest of the deadlines, or null when none runs. */
    public Instant nextDueAt() {
        Instant next = null;
        for (Instant at : new Instant[] {ackDueAt, resolveDueAt, nextUpdateAt}) {
            if (at != null && (next == null || at.isBefore(next))) {
                next = at;
            }
        }
        return next;
    }
}
