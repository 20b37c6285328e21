package io.alertpilot.notifier.publish;

import io.alertpilot.model.remediation.RemediationCommand;
import io.alertpilot.notifier.slack.CommandNotSentException;
import io.alertpilot.notifier.slack.RemediationCommands;
import io.alertpilot.support.kafka.AcknowledgedSender;
import io.alertpilot.support.kafka.KafkaNotAcknowledgedException;
import java.time.Duration;

/** Puts approve and reject answers on the remediation command topic (key = remediation id) and waits for Kafka. */
class KafkaRemediationCommands implements RemediationCommands {

    private final AcknowledgedSender sender;
    private final String topic;
    private final Duration timeout;

    KafkaRemediationCommands(AcknowledgedSender sender, String topic, Duration timeout) {
        this.sender = sender;
        this.topic = topic;
        this.timeout = timeout;
    }

    @Override
    public void send(RemediationCommand command) {
        try {
            sender.send(AcknowledgedSender.Outgoing.of(topic, command.remediationId(), command), timeout);
        } catch (KafkaNotAcknowledgedException e) {
            throw new CommandNotSentException(command.remediationId(), e);
        }
    }
}
