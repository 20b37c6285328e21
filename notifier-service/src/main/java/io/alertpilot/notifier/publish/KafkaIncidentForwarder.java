package io.alertpilot.notifier.publish;

import io.alertpilot.notifier.incident.IncidentCommand;
import io.alertpilot.notifier.incident.IncidentForwarder;
import io.alertpilot.notifier.incident.IncidentStoreException;
import io.alertpilot.support.kafka.AcknowledgedSender;
import io.alertpilot.support.kafka.KafkaNotAcknowledgedException;
import java.time.Duration;

/** Puts commands on the command topic, key = incident id, so they reach the replica that owns the incident. */
class KafkaIncidentForwarder implements IncidentForwarder {

    private final AcknowledgedSender sender;
    private final String topic;
    private final Duration timeout;

    KafkaIncidentForwarder(AcknowledgedSender sender, String topic, Duration timeout) {
        this.sender = sender;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public void forward(IncidentCommand command) {
        try {
            sender.send(AcknowledgedSender.Outgoing.of(topic, command.incidentId(), command), timeout);
        } catch (KafkaNotAcknowledgedException e) {
            throw new IncidentStoreException(command.incidentId(), e);
        }
    }
}
