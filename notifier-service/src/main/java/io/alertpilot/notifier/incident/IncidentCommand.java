package io.alertpilot.notifier.incident;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.remediation.RemediationEvent;
import java.time.Instant;
import java.util.Objects;

/**
 * A change for an incident, sent to the replica that owns it over the notifier's command topic (key = incident id,
 * partitioned like the alerts and the incidents): remediation events (whose own topic is keyed by target, not by
 * fingerprint), and acknowledgements or resolutions that reached a replica that does not own the incident.
 *
 * @param type what to do
 * @param by who did it (a user name), for acknowledge and resolve
 * @param origin {@code api} or {@code pagerduty}
 * @param remediation the event, for {@link Type#REMEDIATION}
 * @param alert for {@link Type#ALERT}, an alert of a group whose incident another replica owns (the alert topic is
 *     keyed by fingerprint, the group's incident by the group's id)
 */
public record IncidentCommand(Type type, String incidentId, String by, String origin, RemediationEvent remediation,
        Instant at, AlertEvent alert) {

    /** The kinds of command. */
    public enum Type {
        REMEDIATION,
        ACKNOWLEDGE,
        RESOLVE,
        ALERT
    }

    public IncidentCommand {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(incidentId, "incidentId");
        if (type == Type.REMEDIATION) {
            Objects.requireNonNull(remediation, "remediation");
        }
        if (type == Type.ALERT) {
            Objects.requireNonNull(alert, "alert");
        }
    }

    /** A command without an alert (the shape before grouped alerts were forwarded). */
    public IncidentCommand(Type type, String incidentId, String by, String origin, RemediationEvent remediation,
            Instant at) {
        this(type, incidentId, by, origin, remediation, at, null);
    }

    /** An alert for the incident {@code incidentId} of its group. */
    public static IncidentCommand alert(String incidentId, AlertEvent alert) {
        return new IncidentCommand(Type.ALERT, incidentId, null, null, null, alert.receivedAt(), alert);
    }

    /** A remediation event for the incident of its fingerprint. */
    public static IncidentCommand remediation(RemediationEvent event) {
        return remediation(event.fingerprint(), event);
    }

    /**
     * A remediation event for the owner of incident {@code incidentId}: the incident of a group its alert joined,
     * owned by another replica than the incident of its fingerprint.
     */
    public static IncidentCommand remediation(String incidentId, RemediationEvent event) {
        return new IncidentCommand(Type.REMEDIATION, incidentId, null, null, event, event.occurredAt());
    }
}
