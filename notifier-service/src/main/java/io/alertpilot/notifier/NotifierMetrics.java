package io.alertpilot.notifier;

import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.incident.NotificationOutcome;
import io.alertpilot.notifier.escalation.ChannelNames;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The notifier's meters, registered up front for every channel and outcome so dashboards show zeros, not gaps:
 * {@code alertpilot.notifier.notifications} (counter; channel, outcome) and {@code alertpilot.notifier.incidents}
 * (gauge; state) over the incidents this replica owns.
 */
public class NotifierMetrics {

    private final Map<String, Counter> notifications = new HashMap<>();

    public NotifierMetrics(MeterRegistry registry, Supplier<Map<IncidentState, Long>> incidentsByState) {
        for (String channel : ChannelNames.ALL) {
            for (NotificationOutcome outcome : NotificationOutcome.values()) {
                notifications.put(key(channel, outcome), Counter.builder("alertpilot.notifier.notifications")
                        .description("Notification attempts by channel and outcome")
                        .tag("channel", channel)
                        .tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
                        .register(registry));
            }
        }
        for (IncidentState state : IncidentState.values()) {
            Gauge.builder("alertpilot.notifier.incidents", () -> incidentsByState.get().getOrDefault(state, 0L))
                    .description("Incidents owned by this replica, by state")
                    .tag("state", state.name().toLowerCase(Locale.ROOT))
                    .register(registry);
        }
    }

    /** Counts one notification attempt. */
    public void notification(String channel, NotificationOutcome outcome) {
        Counter counter = notifications.get(key(channel, outcome));
        if (counter != null) {
            counter.increment();
        }
    }

    private static String key(String channel, NotificationOutcome outcome) {
        return channel + "|" + outcome;
    }
}
