package io.alertpilot.cli.replay;

import io.alertpilot.cli.rehearse.RehearsalResult;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * What {@code alertpilot replay} prints, as text or as one JSON document ({@code schemas/replay-report.schema.json}):
 * the range, the alerts read, what would have run, what the guards stopped, the pages that would have gone and the
 * difference from what did happen.
 *
 * @param alerts the recorded alerts replayed
 * @param unreadableAlerts records in the range that were no valid alert and were left out
 * @param decisions the replayed decisions ({@link RehearsalResult#decisive()}: STARTED, PLANNED in dry run,
 *     PENDING_APPROVAL, FAILED, SKIPPED) counted by playbook, action and phase
 * @param guardStops the replayed SKIPPED events counted by reason
 * @param pagesTotal how many pages would have gone
 * @param pages those pages counted by recipient and kind
 */
public record ReplayReport(Instant from, Instant to, int alerts, int unreadableAlerts,
        List<DecisionCount> decisions, List<ReasonCount> guardStops, int pagesTotal, List<PageCount> pages,
        Comparison comparison) {

    public ReplayReport {
        decisions = List.copyOf(decisions);
        guardStops = List.copyOf(guardStops);
        pages = List.copyOf(pages);
    }

    /** How many replayed decisions had this playbook, action and phase. */
    public record DecisionCount(String playbook, String action, RemediationPhase phase, long count) {
    }

    /** How many replayed actions a guard stopped for this reason. */
    public record ReasonCount(String reason, long count) {
    }

    /** How many pages of this kind would have gone to this recipient ({@code channel:target}). */
    public record PageCount(String to, String kind, long count) {
    }

    /**
     * The report of a replay of {@code alerts} in {@code range} that gave {@code replayed}, compared with the
     * {@code recorded} remediation events; lists at most {@code limit} differences.
     */
    public static ReplayReport of(TimeRange range, TopicSlice<AlertEvent> alerts, RehearsalResult replayed,
            List<RemediationEvent> recorded, int limit) {
        List<RemediationEvent> events = replayed.decisions().stream().map(RehearsalResult.Step::event).toList();
        List<RemediationEvent> decisions = replayed.decisive().stream().map(RehearsalResult.Step::event).toList();
        List<DecisionCount> byAction = counted(decisions,
                        event -> new DecisionCount(event.playbook(), event.action(), event.phase(), 0))
                .entrySet().stream()
                .map(e -> new DecisionCount(e.getKey().playbook(), e.getKey().action(), e.getKey().phase(),
                        e.getValue()))
                .sorted(Comparator.comparing((DecisionCount c) -> String.valueOf(c.playbook()))
                        .thenComparing(c -> String.valueOf(c.action())).thenComparing(DecisionCount::phase))
                .toList();
        List<ReasonCount> stops = new TreeMap<>(counted(
                        decisions.stream().filter(event -> event.phase() == RemediationPhase.SKIPPED).toList(),
                        event -> String.valueOf(event.reason())))
                .entrySet().stream().map(e -> new ReasonCount(e.getKey(), e.getValue())).toList();
        List<PageCount> pages = counted(replayed.pages(), page -> new PageCount(page.to(), page.kind(), 0))
                .entrySet().stream()
                .map(e -> new PageCount(e.getKey().to(), e.getKey().kind(), e.getValue()))
                .sorted(Comparator.comparing(PageCount::to).thenComparing(PageCount::kind))
                .toList();
        return new ReplayReport(range.from(), range.to(), alerts.events().size(), alerts.unreadable(), byAction,
                stops, replayed.pages().size(), pages,
                Comparison.of(alerts.events(), recorded, events, limit));
    }

    private static <T, K> Map<K, Long> counted(List<T> items, Function<T, K> key) {
        return items.stream().collect(Collectors.groupingBy(key, Collectors.counting()));
    }
}
