package io.alertpilot.notifier.incident;

import io.alertpilot.model.incident.Incident;
import java.util.Optional;

/**
 * Reads an incident from the durable incident topic, whichever replica owns it: how a replica that does not own an id
 * learns whether the incident exists before it forwards a command for it. Thread safe.
 */
public interface IncidentLookup {

    /**
     * The latest durable version of incident {@code id}, or empty when the incident topic holds none.
     *
     * @throws IncidentLookupException when the incident topic could not be read in time
     */
    Optional<Incident> find(String id);
}
