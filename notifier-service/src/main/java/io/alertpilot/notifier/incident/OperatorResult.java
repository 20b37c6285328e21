package io.alertpilot.notifier.incident;

import io.alertpilot.model.incident.Incident;

/** The answer to an acknowledge or resolve request. */
public sealed interface OperatorResult {

    /** Applied here; {@code incident} is the version after it. */
    record Applied(Incident incident) implements OperatorResult {
    }

    /** Not owned by this replica: sent to its owner over the command topic. */
    record Forwarded(String incidentId) implements OperatorResult {
    }

    /** Refused: {@code reason} is {@code unknown} or {@code resolved}. */
    record Refused(String incidentId, String reason) implements OperatorResult {
    }
}
