package io.alertpilot.notifier.escalation;

import java.time.Duration;
import java.util.List;

/**
 * The service levels of a policy, each optional (null = none).
 *
 * @param ackWithin an escalated incident not acknowledged this long after a page: the next step is paged at once and
 *     an {@code ack} breach is recorded; the clock starts again with that page
 * @param resolveWithin an incident not resolved this long after it opened: a breach notice goes to
 *     {@code breachNotify} and a {@code resolve} breach is recorded, once
 * @param updateEvery once escalated, a status update to {@code updateNotify} every interval until resolved
 *     (acknowledged incidents too: the runbooks ask for updates until resolved)
 * @param breachNotify who receives the breach notices; empty = everyone paged so far
 * @param updateNotify who receives the status updates; empty = everyone paged so far
 */
public record PolicySla(Duration ackWithin, Duration resolveWithin, Duration updateEvery, List<Contact> breachNotify,
        List<Contact> updateNotify) {

    /** No service level. */
    public static final PolicySla NONE = new PolicySla(null, null, null, List.of(), List.of());

    public PolicySla {
        breachNotify = breachNotify == null ? List.of() : List.copyOf(breachNotify);
        updateNotify = updateNotify == null ? List.of() : List.copyOf(updateNotify);
    }
}
