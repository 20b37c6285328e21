package io.alertpilot.notifier.publish;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.notifier.incident.IncidentLog;
import io.alertpilot.notifier.incident.IncidentStoreException;
import io.alertpilot.support.kafka.AcknowledgedSender;
import io.alertpilot.support.kafka.KafkaNotAcknowledgedException;
import java.time.Duration;
import java.util.function.Consumer;

/**
 * Writes incident versions to the compacted incident topic (key = incident id) and waits for the acknowledgement;
 * then hands each acknowledged version to {@code written} (the local read model: a read on this replica right after
 * a change sees it, before the read model's follower reads it back from the topic).
 */
class KafkaIncidentLog implements IncidentLog {

    private final AcknowledgedSender sender;
    private final String topic;
    private final Duration timeout;
    private final Consumer<Incident> written;

    KafkaIncidentLog(AcknowledgedSender sender, String topic, Duration timeout, Consumer<Incident> written) {
        this.sender = sender;
        this.topic = topic;
        this.timeout = timeout;
        this.written = written;
    }

    @Override
    public void write(Incident incident) {
        try {
            sender.send(new AcknowledgedSender.Outgoing(topic, incident.id(), incident, "Incident",
                    incident.schemaVersion(), null), timeout);
        } catch (KafkaNotAcknowledgedException e) {
            throw new IncidentStoreException(incident.id(), e);
        }
        written.accept(incident);
    }
}
