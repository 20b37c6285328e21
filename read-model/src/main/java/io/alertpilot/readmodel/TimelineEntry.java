package io.alertpilot.readmodel;

import java.time.Instant;
import java.util.Map;

/**
 * One line of an incident's timeline, from the alert received to now.
 *
 * @param at when it happened
 * @param kind what kind of thing happened
 * @param title one line for people ("restart-pod on prod/shop/Deployment/checkout: VERIFIED", "paged pagerduty:
 *     primary (step 1): DELIVERED")
 * @param by who did it: a user, {@code alertpilot} for the automation, {@code schedule} for a window's own start or
 *     end, or the alert's source; never null
 * @param facts the details behind the title, in a stable order (guard, reason, channel, recipient, outcome, attempt,
 *     remediation id, ...); plain text, escaped by whoever renders it
 */
public record TimelineEntry(Instant at, Kind kind, String title, String by, Map<String, String> facts) {

    /** What a timeline entry records. */
    public enum Kind {
        /** An alert occurrence: firing or resolved, as received. */
        ALERT,
        /** Remediation's decision: a plan, a skip with its guard and reason, or a wait for approval. */
        DECISION,
        /** An action started, succeeded or failed. */
        ACTION,
        /** An action's verification. */
        VERIFICATION,
        /** An approval or rejection, and who gave it. */
        APPROVAL,
        /** A notification attempt: channel, recipient, outcome, attempt. */
        PAGE,
        /** Somebody acknowledged the incident. */
        ACKNOWLEDGEMENT,
        /** A maintenance window covering the incident's alert started, ended or held a page. */
        WINDOW,
        /** The incident resolved, and by whom. */
        RESOLUTION,
        /** A service level of the incident's policy was missed (ackWithin, resolveWithin), and what followed. */
        BREACH
    }
}
