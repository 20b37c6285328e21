package io.alertpilot.notifier.slack;

import io.alertpilot.notifier.incident.OperatorResult;

/** Acknowledges or resolves an incident as a user, from an origin ({@code IncidentService::acknowledge} or {@code ::resolve}). */
@FunctionalInterface
public interface IncidentAction {

    /** Applies it to incident {@code incidentId}, recorded as done by {@code by} from {@code origin}. */
    OperatorResult apply(String incidentId, String by, String origin);
}
