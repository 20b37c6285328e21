package io.alertpilot.remediation.consume;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.remediation.run.Remediator;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads alerts and hands each to the {@link Remediator}. Offsets are committed after the records of a poll were handled
 * (at-least-once); the remediator makes a second delivery harmless. A failure is retried a bounded number of times,
 * then the record goes to the dead-letter topic.
 */
@Component
class AlertListener {

    private final Remediator remediator;

    AlertListener(Remediator remediator) {
        this.remediator = remediator;
    }

    // idIsGroup = false: the group is alertpilot.remediation.consumer.group-id, set on the consumer factory
    @KafkaListener(id = "remediation-alerts", idIsGroup = false, topics = "${alertpilot.remediation.topics.alerts:alertpilot.alerts.v1}",
            containerFactory = "remediationKafkaListenerContainerFactory")
    void onAlert(ConsumerRecord<String, AlertEvent> record) {
        if (record.value() == null) {
            return;
        }
        remediator.handle(record.value());
    }
}
