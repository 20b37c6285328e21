package io.alertpilot.notifier.incident;

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
 */
public record IncidentCommand(Type type, String incidentId, String by, String origin, RemediationEvent remediation,
        Instant at) {

    /** The kinds of command. */
    public enum Type {
        REMEDIATION,
        ACKNOWLEDGE,
        RESOLVE
    }

    public IncidentCommand {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(incidentId, "incidentId");
        if (type == Type.REMEDIATION) {
            Objects.requireNonNull(remediation, "remediation");
        }
    }

    /** A remediation event for the incident of its fingerprint. */
    public static IncidentCommand remediation(RemediationEvent event) {
        return new IncidentCommand(Type.REMEDIATION, event.fingerprint(), null, null, event, event.occurredAt());
    }
}
