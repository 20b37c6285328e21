package io.alertpilot.notifier.slack;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.notifier.channel.slack.SlackAppMessages;
import io.alertpilot.notifier.channel.slack.SlackButtonValue;
import java.time.Instant;
import java.util.Optional;

/**
 * Whether a press may act on the incident its page was for, as the incident is now: a page of an unknown incident or
 * of an earlier occurrence (the incident resolved and opened again under the same id) does nothing; Acknowledge on an
 * acknowledged incident and Acknowledge or Resolve on a resolved one do nothing and say who did it first; Approve and
 * Reject send nothing once the incident is resolved or no longer lists the approval among its notices. Each refusal is
 * the text the message then shows. Pure; thread safe (stateless).
 */
final class PressCheck {

    private PressCheck() {
    }

    /**
     * The text of the refusal of {@code actionId} pressed by {@code by} at {@code at} on the page {@code value} names,
     * when {@code incident} is as given; empty when the press may act.
     */
    static Optional<String> refusal(String actionId, SlackButtonValue value, Optional<Incident> incident, String by,
            Instant at) {
        String nothing = ":warning: Nothing done (pressed by " + by + " at " + at + "): ";
        if (incident.isEmpty()) {
            return Optional.of(nothing + "incident " + value.incidentId() + " is unknown");
        }
        Incident current = incident.get();
        if (!value.isOccurrence(current.createdAt())) {
            return Optional.of(nothing + "this page was for an earlier occurrence of incident " + current.id()
                    + " (opened " + Instant.ofEpochMilli(value.occurrence()) + "); it opened again at "
                    + current.createdAt() + ", see its newest page");
        }
        boolean resolved = current.state() == IncidentState.RESOLVED;
        return switch (actionId) {
            case SlackAppMessages.ACKNOWLEDGE, SlackAppMessages.RESOLVE -> {
                if (resolved) {
                    yield Optional.of(alreadyResolved(current.resolvedBy(), current.resolvedAt(), by, at));
                }
                yield actionId.equals(SlackAppMessages.ACKNOWLEDGE) && current.state() == IncidentState.ACKNOWLEDGED
                        ? Optional.of(alreadyAcknowledged(current, by, at)) : Optional.empty();
            }
            default -> {
                String notSent = ":warning: Nothing sent (pressed by " + by + " at " + at + "): incident "
                        + current.id();
                if (resolved) {
                    yield Optional.of(notSent + " is resolved, so remediation " + value.remediationId()
                            + " is no longer for it");
                }
                yield current.notices().contains("approval:" + value.remediationId()) ? Optional.empty()
                        : Optional.of(notSent + " does not wait for the approval of remediation "
                                + value.remediationId());
            }
        };
    }

    /** The text for a press on an incident {@code current} someone acknowledged before. */
    static String alreadyAcknowledged(Incident current, String by, Instant at) {
        return ":eyes: *Already acknowledged* by " + current.acknowledgedBy() + " at " + current.acknowledgedAt()
                + " (pressed by " + by + " at " + at + ": nothing changed)";
    }

    /** The text for a press on an incident resolved before by {@code resolvedBy} (null: not known). */
    static String alreadyResolved(String resolvedBy, Instant resolvedAt, String by, Instant at) {
        return ":white_check_mark: *Already resolved*" + (resolvedBy == null ? "" : " by " + resolvedBy)
                + (resolvedAt == null ? "" : " at " + resolvedAt) + " (pressed by " + by + " at " + at
                + ": nothing changed)";
    }
}
