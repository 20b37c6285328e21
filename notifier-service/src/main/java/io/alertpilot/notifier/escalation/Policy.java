package io.alertpilot.notifier.escalation;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * An escalation policy: ordered steps, each due a time after the start of a round, repeated until acknowledged.
 *
 * <p>Round {@code r} (0-based) starts when escalation starts ({@code r = 0}) or {@code repeatInterval} after the last
 * step of the previous round was due; step {@code k} is due {@code steps[k].after} after its round started. So the
 * usual matrix "primary at once, secondary after 5 min, manager after 15 min" is three steps with {@code after} 0,
 * 5m and 15m.
 *
 * @param name unique among the loaded policies
 * @param source the file (or classpath resource) it was read from
 * @param match which incidents it routes
 * @param steps at least one, {@code after} not decreasing
 * @param repeat how many more rounds run after the first while nobody acknowledged (0 = one round)
 * @param repeatInterval time between the last step of a round and the start of the next
 * @param fallback where a notification goes when its channel cannot deliver (breaker open, not configured, failed
 *     for good), or null
 * @param approvers who is paged when a remediation waits for approval; empty = the first step's contacts
 * @param info who receives the informational message when a remediation was verified; empty = nobody
 * @param remediationGrace how long a handled alert may keep firing before it escalates anyway; null = the service
 *     default
 * @param sla the service levels ({@code ackWithin}, {@code resolveWithin}, {@code updateEvery})
 * @param grouping how alerts are grouped into one incident, or null: one incident per alert
 */
public record Policy(
        String name,
        String source,
        PolicyMatch match,
        List<Step> steps,
        int repeat,
        Duration repeatInterval,
        Contact fallback,
        List<Contact> approvers,
        List<Contact> info,
        Duration remediationGrace,
        PolicySla sla,
        Grouping grouping) {

    public Policy {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(match, "match");
        Objects.requireNonNull(repeatInterval, "repeatInterval");
        steps = List.copyOf(steps);
        approvers = approvers == null ? List.of() : List.copyOf(approvers);
        info = info == null ? List.of() : List.copyOf(info);
        sla = sla == null ? PolicySla.NONE : sla;
        if (steps.isEmpty()) {
            throw new IllegalArgumentException("policy " + name + " has no steps");
        }
        if (repeat < 0) {
            throw new IllegalArgumentException("policy " + name + ": repeat must not be negative");
        }
    }

    /** A policy without service levels and grouping. */
    public Policy(String name, String source, PolicyMatch match, List<Step> steps, int repeat, Duration repeatInterval,
            Contact fallback, List<Contact> approvers, List<Contact> info, Duration remediationGrace) {
        this(name, source, match, steps, repeat, repeatInterval, fallback, approvers, info, remediationGrace, null,
                null);
    }

    /** The contacts paged when a remediation waits for approval. */
    public List<Contact> approvalContacts() {
        return approvers.isEmpty() ? steps.getFirst().contacts() : approvers;
    }
}
