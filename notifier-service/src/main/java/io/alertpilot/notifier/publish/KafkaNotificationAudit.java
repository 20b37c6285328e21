package io.alertpilot.notifier.publish;

import io.alertpilot.model.incident.NotificationEvent;
import io.alertpilot.notifier.NotifierMetrics;
import io.alertpilot.notifier.channel.NotificationAudit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.kafka.core.KafkaTemplate;

/**
 * Puts every notification attempt on the notification topic (key = incident id) and counts it. Does not wait for
 * Kafka: a slow broker must not hold a page back; a failed audit write is logged.
 */
class KafkaNotificationAudit implements NotificationAudit {

    private static final Logger log = LoggerFactory.getLogger(KafkaNotificationAudit.class);

    private final KafkaTemplate<String, Object> template;
    private final String topic;
    private final NotifierMetrics metrics;

    KafkaNotificationAudit(KafkaTemplate<String, Object> template, String topic, NotifierMetrics metrics) {
        this.template = template;
        this.topic = topic;
        this.metrics = metrics;
    }

    @Override
    public void record(NotificationEvent event) {
        metrics.notification(event.channel(), event.outcome());
        log.info("Notification {} {} via {} to {}: {}{}", event.incidentId(), event.action(), event.channel(),
                event.recipient(), event.outcome(), event.error() == null ? "" : " (" + event.error() + ")");
        try {
            template.send(topic, event.incidentId(), event).whenComplete((result, error) -> {
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
