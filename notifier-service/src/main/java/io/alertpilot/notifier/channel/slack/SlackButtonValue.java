package io.alertpilot.notifier.channel.slack;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * What a Slack app button's {@code value} says: which occurrence of which incident the page was for and, on an
 * approval page, which remediation. An incident id (the alert fingerprint) comes back when a resolved incident fires
 * again, so the occurrence ({@link io.alertpilot.model.incident.Incident#createdAt()}) tells an old page's button
 * from a current one. Written {@code <incidentId>@<createdAt epoch millis>}, or
 * {@code <remediationId>@<incidentId>@<createdAt epoch millis>} for Approve and Reject (remediation ids never contain
 * {@code @}).
 *
 * @param remediationId the remediation an approval page asks about, or null on an incident's page
 * @param incidentId the incident the page was for
 * @param occurrence the incident's {@code createdAt} when the page was sent, in epoch milliseconds
 */
public record SlackButtonValue(String remediationId, String incidentId, long occurrence) {

    private static final char SEPARATOR = '@';

    public SlackButtonValue {
        Objects.requireNonNull(incidentId, "incidentId");
        if (remediationId != null && remediationId.indexOf(SEPARATOR) >= 0) {
            throw new IllegalArgumentException("a remediation id with " + SEPARATOR + ": " + remediationId);
        }
    }

    /** An Acknowledge or Resolve button's value: incident {@code id} as opened at {@code createdAt}. */
    public static SlackButtonValue incident(String id, Instant createdAt) {
        return new SlackButtonValue(null, id, createdAt.toEpochMilli());
    }

    /** An Approve or Reject button's value: remediation {@code remediationId} of that occurrence of the incident. */
    public static SlackButtonValue approval(String remediationId, String incidentId, Instant createdAt) {
        return new SlackButtonValue(remediationId, incidentId, createdAt.toEpochMilli());
    }

    /** The value as a button carries it. */
    public String text() {
        return (remediationId == null ? "" : remediationId + SEPARATOR) + incidentId + SEPARATOR + occurrence;
    }

    /** True when this occurrence is the one that started at {@code createdAt}. */
    public boolean isOccurrence(Instant createdAt) {
        return createdAt != null && createdAt.toEpochMilli() == occurrence;
    }

    /**
     * The value a button carried; empty when it is not one these messages write (a bare id, a missing occurrence).
     *
     * @param approval true for an Approve or Reject button (the value starts with the remediation id)
     */
    public static Optional<SlackButtonValue> parse(String value, boolean approval) {
        if (value == null) {
            return Optional.empty();
        }
        String rest = value;
        String remediationId = null;
        if (approval) {
            int first = value.indexOf(SEPARATOR);
            if (first <= 0) {
                return Optional.empty();
            }
            remediationId = value.substring(0, first);
            rest = value.substring(first + 1);
        }
        int last = rest.lastIndexOf(SEPARATOR);
        if (last <= 0 || last == rest.length() - 1) {
            return Optional.empty();
        }
        try {
            return Optional.of(new SlackButtonValue(remediationId, rest.substring(0, last),
                    Long.parseLong(rest.substring(last + 1))));
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
