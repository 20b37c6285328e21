package io.alertpilot.cli.replay;

import static io.alertpilot.cli.replay.ComparisonTest.event;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.cli.rehearse.RehearsalResult;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReplayReportTest {

    private static final Instant T0 = Alerts.T0;
    private static final Map<String, String> CHECKOUT = Map.of("deployment", "checkout-api");
    private final AlertEvent first = Alerts.firing("KubePodCrashLooping", CHECKOUT).build();
    private final AlertEvent second = Alerts.firing("KubePodCrashLooping", CHECKOUT).build();
    private final TopicSlice<AlertEvent> alerts = new TopicSlice<>("alerts", List.of(
            new Recorded<>(T0, 0, 0, first), new Recorded<>(T0.plusSeconds(180), 0, 1, second)), 1);
    private final TimeRange range = new TimeRange(T0, T0.plusSeconds(3600));

    @Test
    void countsTheDecisionsNotTheAnnouncementsOrTheVerificationsAndTheGuardStopsByReason() {
        RehearsalResult replayed = new RehearsalResult(List.of(
                step(event(first, RemediationPhase.PLANNED, null, false)),
                step(event(first, RemediationPhase.STARTED, null, false)),
                step(event(first, RemediationPhase.VERIFIED, null, false)),
                step(event(second, RemediationPhase.SKIPPED, "cooldown", false))),
                List.of(page("pagerduty:primary", "trigger"), page("pagerduty:primary", "trigger"),
                        page("slack:incidents", "info")));

        ReplayReport report = ReplayReport.of(range, alerts, replayed, List.of(), 10);

        assertThat(report.alerts()).isEqualTo(2);
        assertThat(report.unreadableAlerts()).isEqualTo(1);
        assertThat(report.decisions()).containsExactly(
                new ReplayReport.DecisionCount("restart-crashlooping-pods", "restart", RemediationPhase.STARTED, 1),
                new ReplayReport.DecisionCount("restart-crashlooping-pods", "restart", RemediationPhase.SKIPPED, 1));
        assertThat(report.guardStops()).containsExactly(new ReplayReport.ReasonCount("cooldown", 1));
        assertThat(report.pagesTotal()).isEqualTo(3);
        assertThat(report.pages()).containsExactly(new ReplayReport.PageCount("pagerduty:primary", "trigger", 2),
                new ReplayReport.PageCount("slack:incidents", "info", 1));
        assertThat(report.comparison().differ()).isEqualTo(2);
    }

    @Test
    void aDryRunPlanIsADecision() {
        RehearsalResult replayed = new RehearsalResult(
                List.of(step(event(first, RemediationPhase.PLANNED, null, true))), List.of());

        ReplayReport report = ReplayReport.of(range, alerts, replayed, List.of(), 10);

        assertThat(report.decisions()).extracting(ReplayReport.DecisionCount::phase)
                .containsExactly(RemediationPhase.PLANNED);
        assertThat(report.pagesTotal()).isZero();
    }

    private static RehearsalResult.Step step(RemediationEvent event) {
        return new RehearsalResult.Step(T0, event);
    }

    private static RehearsalResult.Page page(String to, String kind) {
        return new RehearsalResult.Page(T0, to, kind, "incident", "fingerprint", "KubePodCrashLooping", 0);
    }
}
