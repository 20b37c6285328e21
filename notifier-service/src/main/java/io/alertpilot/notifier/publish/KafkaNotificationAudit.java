package io.alertpilot.notifier.publish;

import io.alertpilot.model.incident.NotificationEvent;
import io.alertpilot.model.incident.NotificationOutcome;
import io.alertpilot.notifier.NotifierMetrics;
import io.alertpilot.notifier.channel.NotificationAudit;
import io.alertpilot.support.kafka.AcknowledgedSender;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * Puts every notification attempt on the notification topic (key = incident id) and counts it; logs an attempt that
 * did not deliver at INFO, a delivery at DEBUG. Does not wait for Kafka: a slow broker must not hold a page back; a
 * failed audit write is logged.
 */
class KafkaNotificationAudit implements NotificationAudit {

    private static final Logger log = LoggerFactory.getLogger(KafkaNotificationAudit.class);

    private final AcknowledgedSender sender;
    private final String topic;
    private final NotifierMetrics metrics;

    KafkaNotificationAudit(AcknowledgedSender sender, String topic, NotifierMetrics metrics) {
        this.sender = sender;
        this.topic = topic;
        this.metrics = metrics;
    }

    @Override
    public void record(NotificationEvent event) {
        metrics.notification(event.channel(), event.outcome());
        // a delivery is on the notification topic and in the metrics; a line at INFO is for what went wrong
        log.atLevel(event.outcome() == NotificationOutcome.DELIVERED ? Level.DEBUG : Level.INFO)
                .log("Notification {} {} via {} to {}: {}{}", event.incidentId(), event.action(), event.channel(),
                        event.recipient(), event.outcome(), event.error() == null ? "" : " (" + event.error() + ")");
        try {
            sender.sendAsync(new AcknowledgedSender.Outgoing(topic, event.incidentId(), event, "NotificationEvent",
                    event.schemaVersion(), null)).whenComplete((result, error) -> {
                if (error != null) {
                    log.error("Notification audit of incident {} not written: {}", event.incidentId(),
                            error.getMessage());
                }
            });
        } catch (RuntimeException e) {
            log.error("Notification audit of incident {} not written: {}", event.incidentId(), e.getMessage());
        }
    }
}
