package io.alertpilot.remediation.consume;

import io.alertpilot.model.remediation.RemediationCommand;
import io.alertpilot.remediation.run.Approvals;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Applies approve and reject answers given outside this service's API (Slack buttons, through the notifier): each
 * {@link RemediationCommand} calls {@link Approvals#approve} or {@link Approvals#reject} with the command's user, as
 * the endpoints do. An answer to a remediation that is not pending (answered already, expired, unknown) changes
 * nothing and is logged; a second delivery of the same command is such an answer.
 */
@Component
class RemediationCommandListener {

    private static final Logger log = LoggerFactory.getLogger(RemediationCommandListener.class);

    private final Approvals approvals;

    RemediationCommandListener(Approvals remediationApprovals) {
        this.approvals = remediationApprovals;
    }

    @KafkaListener(id = "remediation-commands", idIsGroup = false,
            topics = "${alertpilot.remediation.topics.commands:alertpilot.remediation-commands.v1}",
            containerFactory = "remediationCommandContainerFactory")
    void onCommand(ConsumerRecord<String, RemediationCommand> record) {
        RemediationCommand command = record.value();
        if (command == null) {
            return;
        }
        Optional<String> answered = switch (command.type()) {
            case APPROVE -> approvals.approve(command.remediationId(), command.by());
            case REJECT -> approvals.reject(command.remediationId(), command.by());
        };
        if (answered.isEmpty()) {
            log.info("{} of remediation {} by {} (from {}) changed nothing: it is not pending", command.type(),
                    command.remediationId(), command.by(), command.origin());
        }
    }
}
