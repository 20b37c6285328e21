package io.alertpilot.cli.replay;

import io.alertpilot.cli.rehearse.RehearsalResult;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one remediation run decided for an alert occurrence: the first of its events that says what was decided
 * ({@link RehearsalResult.Step#decisive()}: STARTED, PLANNED in dry run, PENDING_APPROVAL, FAILED, or SKIPPED with the
 * guard's reason). Two outcomes agree when playbook, action, reason and phase are the same, PLANNED counting as
 * STARTED: a dry run's PLANNED is the live run's STARTED.
 */
public record Outcome(String playbook, String action, RemediationPhase phase, String reason) {

    private static final Comparator<Outcome> ORDER = Comparator.comparing(Outcome::sortKey);

    public Outcome {
        Objects.requireNonNull(phase, "phase");
    }

    /** The outcome of the run that {@code event} starts. */
    public static Outcome of(RemediationEvent event) {
        return new Outcome(event.playbook(), event.action(), event.phase(),
                event.phase() == RemediationPhase.SKIPPED ? event.reason() : null);
    }

    /**
     * The outcomes of {@code events} (of any number of alert occurrences, in the order they were published) per
     * alert event id: each run's first decisive event (its first event when none is), sorted so that two sides
     * compare as lists.
     */
    public static Map<String, List<Outcome>> byAlert(List<RemediationEvent> events) {
        Map<String, Map<String, RemediationEvent>> runs = new LinkedHashMap<>();
        for (RemediationEvent event : events) {
            if (event.alertEventId() != null) {
                runs.computeIfAbsent(event.alertEventId(), id -> new LinkedHashMap<>())
                        .merge(event.remediationId(), event, (first, next) -> !decisive(first) && decisive(next)
                                ? next : first);
            }
        }
        Map<String, List<Outcome>> outcomes = new LinkedHashMap<>();
        runs.forEach((alert, first) -> outcomes.put(alert, first.values().stream().map(Outcome::of).sorted(ORDER)
                .toList()));
        return outcomes;
    }

    /** True when {@code other} is the same decision, a PLANNED agreeing with a STARTED. */
    public boolean agreesWith(Outcome other) {
        return Objects.equals(playbook, other.playbook) && Objects.equals(action, other.action)
                && acting(phase) == acting(other.phase) && (acting(phase) || phase == other.phase)
                && Objects.equals(reason, other.reason);
    }

    @Override
    public String toString() {
        return "%s/%s %s%s".formatted(playbook, action, phase, reason == null ? "" : " " + reason);
    }

    private static boolean decisive(RemediationEvent event) {
        return new RehearsalResult.Step(event.occurredAt(), event).decisive();
    }

    private String sortKey() {
        return "%s/%s %s %s".formatted(playbook, action, acting(phase) ? RemediationPhase.STARTED : phase, reason);
    }

    private static boolean acting(RemediationPhase phase) {
        return phase == RemediationPhase.PLANNED || phase == RemediationPhase.STARTED;
    }
}
