package io.alertpilot.remediation.run;

import io.alertpilot.model.remediation.RemediationEvent;

/** Where RemediationEvents go (the remediations topic). */
public interface EventSink {

    /**
     * Publishes {@code event} and waits for the store's acknowledgement, so that events of one target keep their order.
     *
     * @throws RuntimeException when the event could not be stored in time
     */
    void publish(RemediationEvent event);
}
