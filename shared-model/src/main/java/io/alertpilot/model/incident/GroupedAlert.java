package io.alertpilot.model.incident;

import io.alertpilot.model.alert.AlertStatus;
import java.time.Instant;
import java.util.Objects;

/**
 * One alert of a grouped incident (one incident per Alertmanager group or per a policy's {@code groupBy} labels).
 *
 * @param fingerprint the alert's fingerprint
 * @param name the alert's name
 * @param status FIRING or RESOLVED: the group resolves when every alert of it is RESOLVED
 * @param summary the alert's summary, or null
 * @param lastAt the {@code receivedAt} of the newest event of this alert applied; older ones are ignored
 */
public record GroupedAlert(String fingerprint, String name, AlertStatus status, String summary, Instant lastAt) {

    public GroupedAlert {
        Objects.requireNonNull(fingerprint, "fingerprint");
        Objects.requireNonNull(status, "status");
    }
}
