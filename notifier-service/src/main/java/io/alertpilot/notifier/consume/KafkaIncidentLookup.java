package io.alertpilot.notifier.consume;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.notifier.incident.IncidentLookup;
import io.alertpilot.notifier.incident.IncidentLookupException;
import java.util.List;
import java.util.Optional;

/**
 * Looks an incident up on the compacted incident topic: reads the one partition its id is keyed to, to its current
 * end. The owner writes each version there before it sends a page, so whoever was paged finds the incident.
 */
final class KafkaIncidentLookup implements IncidentLookup {

    private final IncidentTopicReader reader;

    KafkaIncidentLookup(IncidentTopicReader reader) {
        this.reader = reader;
    }

    @Override
    public Optional<Incident> find(String id) {
        try {
            return Optional.ofNullable(reader.latest(count -> List.of(IncidentTopicReader.partitionOf(id, count)),
                    id::equals).get(id));
        } catch (RuntimeException e) {
            throw new IncidentLookupException(id, e);
        }
    }
}
