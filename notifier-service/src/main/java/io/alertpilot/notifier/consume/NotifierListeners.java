package io.alertpilot.notifier.consume;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.notifier.incident.IncidentCommand;
import io.alertpilot.notifier.incident.IncidentService;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * What the listeners do with a record. Each returns only after the incident version it caused is durable, so the
 * record is committed after its effect (at least once) and a redelivery finds the effect already there.
 */
final class NotifierListeners {

    private static final Logger log = LoggerFactory.getLogger(NotifierListeners.class);

    private final IncidentService service;

    NotifierListeners(IncidentService service) {
        this.service = service;
    }

    /** Alerts and commands, partitioned by incident: applied by the owner. */
    void onIncidentRecord(ConsumerRecord<String, Object> record) {
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

    /** Remediation events, partitioned by target: sent on to the owner of the incident (the command topic). */
    void onRemediationRecord(ConsumerRecord<String, RemediationEvent> record) {
        RemediationEvent event = record.value();
        if (event == null) {
            return;
        }
        try (var fingerprint = MDC.putCloseable("alert.fingerprint", event.fingerprint())) {
            service.forwardRemediation(event);
        }
    }
}
