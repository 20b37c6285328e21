package io.alertpilot.notifier.incident;

/** Sends a command to the replica that owns its incident (the command topic). */
public interface IncidentForwarder {

    /**
     * Returns once the command is durable on the command topic.
     *
     * @throws IncidentStoreException when it could not be written in time
     */
    void forward(IncidentCommand command);
}
