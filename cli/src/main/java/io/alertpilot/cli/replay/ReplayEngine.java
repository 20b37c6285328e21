package io.alertpilot.cli.replay;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.remediation.RemediationEvent;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

/**
 * What a replay runs recorded alerts through: AlertPilot's own decision path on a virtual clock. Alerts are given in
 * time order; {@link #finish(Instant)} runs the clock to the end and returns what happened. Used once.
 */
public interface ReplayEngine {

    /** Sets the virtual clock to {@code at} and hands the run {@code alert}. */
    void alert(Instant at, AlertEvent alert);

    /** Runs the virtual clock to {@code until} (timers, verifications, escalations) and returns the outcome. */
    Replayed finish(Instant until);

    /** Builds an engine from the candidate playbook and policy files (files or directories). */
    @FunctionalInterface
    interface Factory {
        ReplayEngine create(List<Path> playbooks, List<Path> policies);
    }

    /**
     * What a replay did.
     *
     * @param decisions the remediation events in the order they were made, {@code occurredAt} on the virtual clock
     * @param pages the pages that would have gone, in order
     */
    record Replayed(List<RemediationEvent> decisions, List<Page> pages) {

        public Replayed {
            decisions = List.copyOf(decisions);
            pages = List.copyOf(pages);
        }
    }

    /**
     * One page that would have gone.
     *
     * @param to {@code channel:target}, e.g. {@code pagerduty:primary}
     * @param kind trigger, acknowledge, resolve, ...
     */
    record Page(Instant at, String to, String kind, String incidentId) {
    }
}
