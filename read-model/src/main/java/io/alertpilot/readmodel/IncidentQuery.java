package io.alertpilot.readmodel;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.IncidentState;

/**
 * A filter of the incidents, newest first; every null field matches all.
 *
 * @param text matched case-insensitively against the id, alert name, summary, labels and target
 * @param limit how many items to answer, 1 to 1000
 */
public record IncidentQuery(IncidentState state, Severity severity, String namespace, String cluster, String text,
        int limit) {

    /** Every incident, the first {@code limit}. */
    public static IncidentQuery all(int limit) {
        return new IncidentQuery(null, null, null, null, null, limit);
    }
}
