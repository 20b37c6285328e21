package io.alertpilot.cli.replay;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.remediation.RemediationEvent;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * A test double of the replay engine: remembers what it was given and answers each alert with the decisions and pages
 * scripted for its event id.
 */
final class ScriptedEngine implements ReplayEngine {

    record Given(Instant at, AlertEvent alert) {
    }

    final List<Given> given = new ArrayList<>();
    final Map<String, List<RemediationEvent>> decisions = new HashMap<>();
    final Map<String, List<Page>> pages = new HashMap<>();
    Instant finishedAt;

    @Override
    public void alert(Instant at, AlertEvent alert) {
        given.add(new Given(at, alert));
    }

    @Override
    public Replayed finish(Instant until) {
        finishedAt = until;
        List<RemediationEvent> made = new ArrayList<>();
        List<Page> paged = new ArrayList<>();
        for (Given one : given) {
            made.addAll(decisions.getOrDefault(one.alert().eventId(), List.of()));
            paged.addAll(pages.getOrDefault(one.alert().eventId(), List.of()));
        }
        return new Replayed(made, paged);
    }
}
