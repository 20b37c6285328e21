package io.alertpilot.notifier.publish;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.notifier.incident.IncidentLog;
import io.alertpilot.notifier.incident.IncidentStoreException;
import io.alertpilot.support.kafka.AcknowledgedSender;
import io.alertpilot.support.kafka.KafkaNotAcknowledgedException;
import java.time.Duration;

/** Writes incident versions to the compacted incident topic (key = incident id) and waits for the acknowledgement. */
class KafkaIncidentLog implements IncidentLog {

    private final AcknowledgedSender sender;
    private final String topic;
    private final Duration timeout;

    KafkaIncidentLog(AcknowledgedSender sender, String topic, Duration timeout) {
        this.sender = sender;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public void write(Incident incident) {
        try {
            sender.send(new AcknowledgedSender.Outgoing(topic, incident.id(), incident, "Incident",
                    incident.schemaVersion(), null), timeout);
        } catch (KafkaNotAcknowledgedException e) {
            throw new IncidentStoreException(incident.id(), e);
        }
    }
}
