package io.alertpilot.notifier.incident;

import io.alertpilot.model.incident.Incident;

/** Where incident versions are kept durably: the compacted incident topic. */
public interface IncidentLog {

    /**
     * Writes {@code incident} and returns once it is durable (acknowledged by every in-sync replica).
     *
     * @throws IncidentStoreException when it could not be written in time; the caller must not act on the version
     */
    void write(Incident incident);
}
