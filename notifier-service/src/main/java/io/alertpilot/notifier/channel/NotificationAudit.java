package io.alertpilot.notifier.channel;

import io.alertpilot.model.incident.NotificationEvent;

/** Receives every notification attempt (sent, failed, retried, skipped). Implementations must not throw. */
public interface NotificationAudit {

    void record(NotificationEvent event);
}
