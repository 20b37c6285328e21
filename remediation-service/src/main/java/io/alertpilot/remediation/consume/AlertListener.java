package io.alertpilot.remediation.consume;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.remediation.run.Remediator;
import io.alertpilot.support.kafka.KeyedBatch;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.annotation.KafkaListener;
import org.springframework.stereotype.Component;

/**
 * Reads alerts a poll at a time and hands each to the {@link Remediator}, the alerts of different keys (fingerprints)
 * at once on the {@link KeyedBatch} ({@code alertpilot.remediation.consumer.parallelism}), those of one key in their
 * order, so an alert's firing and resolved stay in order. Alerts of one target under different fingerprints meet at
 * the Remediator's lock of the target and the target lock, as alerts of two partitions do. The ledger is caught up
 * with the other replicas once per poll ({@link Remediator#handleCaughtUp}), not once per alert. Offsets are committed
 * after the records of a poll were handled (at-least-once); the remediator makes a second delivery harmless. A failed
 * record is named to the error handler, which commits the records before it, retries from it a bounded number of
 * times, then sends it to the dead-letter topic; an unreadable record goes there at once.
 */
@Component
class AlertListener {

    private static final Logger log = LoggerFactory.getLogger(AlertListener.class);

    private final Remediator remediator;
    private final KeyedBatch batch;

    AlertListener(Remediator remediator, KeyedBatch remediationAlertBatch) {
        this.remediator = remediator;
        this.batch = remediationAlertBatch;
    }

    // idIsGroup = false: the group is alertpilot.remediation.consumer.group-id, set on the consumer factory
    @KafkaListener(id = "remediation-alerts", idIsGroup = false, topics = "${alertpilot.remediation.topics.alerts:alertpilot.alerts.v1}",
            containerFactory = "remediationKafkaListenerContainerFactory")
    void onAlerts(List<ConsumerRecord<String, AlertEvent>> records) {
        boolean caughtUp = catchUp();
        batch.handle(records, record -> {
            if (record.value() == null) {
                return;
            }
            if (caughtUp) {
                remediator.handleCaughtUp(record.value());
            } else {
                remediator.handle(record.value());
            }
        });
    }

    /**
     * One ledger sync for the poll; false when the ledger did not answer in time: then each alert syncs on its own,
     * and fails (retried, then dead-lettered) as it would have.
     */
    private boolean catchUp() {
        try {
            remediator.catchUp();
            return true;
        } catch (RuntimeException e) {
            log.warn("the ledger could not be caught up for a poll of alerts; each alert syncs on its own: {}",
                    e.getMessage());
            return false;
        }
    }
}
