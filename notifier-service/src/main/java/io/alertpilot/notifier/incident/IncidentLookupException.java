package io.alertpilot.notifier.incident;

/** The incident topic could not be read to learn whether an incident exists; retryable (the broker may come back). */
public class IncidentLookupException extends RuntimeException {

    public IncidentLookupException(String incidentId, Throwable cause) {
        super("incident " + incidentId + " could not be looked up on the incident topic: " + cause.getMessage(), cause);
    }
}
