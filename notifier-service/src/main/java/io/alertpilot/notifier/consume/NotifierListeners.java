package io.alertpilot.notifier.consume;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.notifier.incident.IncidentCommand;
import io.alertpilot.notifier.incident.IncidentService;
import io.alertpilot.support.kafka.KeyedBatch;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What the listeners do with a poll: its records go to a {@link KeyedBatch} each, so the records of one key (an
 * incident id on the alert and command topics, a target on the remediation topic) run in their order and different
 * keys at once, up to {@code alertpilot.notifier.consumer.parallelism}. Each record returns only after the incident
 * version it caused is durable, so a poll is committed after its effects (at least once) and a redelivery finds the
 * effects already there. What the records touch across incidents is thread safe: {@link IncidentService} changes one
 * incident at a time under its lock, different incidents in parallel. A failed record is named to the container's
 * error handler (retried, or sent to {@code <topic>-dlt}); the records before it are committed.
 */
final class NotifierListeners implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(NotifierListeners.class);

    private final IncidentService service;
    private final KeyedBatch incidents;
    private final KeyedBatch remediations;

    NotifierListeners(IncidentService service, int parallelism) {
        this.service = service;
        this.incidents = new KeyedBatch("notifier-incidents", parallelism);
        this.remediations = new KeyedBatch("notifier-remediations", parallelism);
    }

    /** A poll of alerts and commands, partitioned by incident: applied by the owner. */
    void onIncidentRecords(List<ConsumerRecord<String, Object>> records) {
        incidents.handle(records, this::onIncidentRecord);
    }

    /** A poll of remediation events, partitioned by target: each sent on to the owner of its incident. */
    void onRemediationRecords(List<ConsumerRecord<String, RemediationEvent>> records) {
        remediations.handle(records, this::onRemediationRecord);
    }

    private void onIncidentRecord(ConsumerRecord<String, Object> record) {
        switch (record.value()) {
            case null -> log.debug("Ignored a tombstone at {}-{}@{}", record.topic(), record.partition(), record.offset());
            case AlertEvent alert -> {
                try (var fingerprint = MDC.putCloseable("alert.fingerprint", alert.fingerprint())) {
                    service.onAlert(alert);
                }
            }
            case IncidentCommand command -> {
                try (var fingerprint = MDC.putCloseable("alert.fingerprint", command.incidentId())) {
                    service.onCommand(command);
                }
            }
            default -> log.warn("Ignored a {} at {}-{}@{}", record.value().getClass().getSimpleName(), record.topic(),
                    record.partition(), record.offset());
        }
    }

    private void onRemediationRecord(ConsumerRecord<String, RemediationEvent> record) {
        RemediationEvent event = record.value();
        if (event == null) {
            return;
        }
        try (var fingerprint = MDC.putCloseable("alert.fingerprint", event.fingerprint())) {
            service.forwardRemediation(event);
        }
    }

    /** Stops the threads of both batches. */
    @Override
    public void close() {
        incidents.close();
        remediations.close();
    }
}
