package io.alertpilot.notifier.incident;

/** An incident version could not be made durable; retryable (the broker may come back). */
public class IncidentStoreException extends RuntimeException {

    public IncidentStoreException(String incidentId, Throwable cause) {
        super("incident " + incidentId + " could not be written to the incident topic: "
                + (cause == null ? "timeout" : cause.getMessage()), cause);
    }
}
