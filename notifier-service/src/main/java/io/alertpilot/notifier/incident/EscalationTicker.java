package io.alertpilot.notifier.incident;

import io.alertpilot.support.concurrent.PeriodicTask;
import java.time.Duration;

/**
 * Calls {@link IncidentService#tick()} at a fixed interval on one daemon thread, so a step fires at most one interval
 * after it is due. All timing decisions use the service's clock; this only decides how often to look.
 */
public class EscalationTicker extends PeriodicTask {

    public EscalationTicker(IncidentService service, Duration interval) {
        super("notifier-ticker", interval, service::tick);
    }
}
