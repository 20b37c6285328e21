package io.alertpilot.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class StormCheckTest {

    private static final Instant T0 = Instant.parse("2026-11-30T10:00:00Z");
    private static final StormCheck.Guards GUARDS = new StormCheck.Guards(Duration.ofMinutes(15), 2,
            Duration.ofMinutes(1));

    private static StormCheck.Alert alert(String fingerprint, int millis) {
        return new StormCheck.Alert(fingerprint, "e-" + fingerprint, T0.plusMillis(millis));
    }

    private static StormCheck.Decision decision(String fingerprint, String phase, String reason, String target,
            int millis) {
        return new StormCheck.Decision(fingerprint, "e-" + fingerprint, phase, reason, target, T0.plusMillis(millis));
    }

    private static StormCheck.Page page(String incident, String action, int millis) {
        return new StormCheck.Page(incident, action, 1, 0, "log", "pages", "DELIVERED", T0.plusMillis(millis));
    }

    @Test
    void aStormDecidedAndPagedOnceHasNothingAmiss() {
        List<StormCheck.Alert> alerts = List.of(alert("a", 0), alert("b", 100), alert("c", 200));
        List<StormCheck.Decision> decisions = List.of(decision("a", "PLANNED", null, "ns/svc-0", 1000),
                decision("b", "SKIPPED", "cooldown", "ns/svc-0", 1500),
                decision("c", "SKIPPED", "rate-limit", "ns/svc-1", 2100));
        List<StormCheck.Page> pages = List.of(page("a", "trigger", 3000), page("b", "trigger", 3100),
                page("c", "trigger", 4200), page("c", "info", 4300));

        StormCheck.Report report = StormCheck.check(alerts, decisions, pages, Set.of("a", "b", "c"), GUARDS);

        assertThat(report.decided()).isEqualTo(3);
        assertThat(report.lost()).isZero();
        assertThat(report.duplicates()).isZero();
        assertThat(report.firstAlertToLastDecision()).isEqualTo(Duration.ofMillis(2100));
        assertThat(report.decisionsPerSecond()).isCloseTo(3 / 2.1, org.assertj.core.data.Offset.offset(0.01));
        assertThat(report.outcomes()).containsExactly(java.util.Map.entry("PLANNED", 1),
                java.util.Map.entry("SKIPPED cooldown", 1), java.util.Map.entry("SKIPPED rate-limit", 1));
        assertThat(report.pagesSent()).isEqualTo(3);
        assertThat(report.missingPages()).isZero();
        assertThat(report.duplicatePages()).isZero();
        assertThat(report.lastAlertToLastPage()).isEqualTo(Duration.ofMillis(4000));
    }

    @Test
    void aSecondDecisionForAnAlertIsADuplicateAndAnUndecidedAlertIsLost() {
        List<StormCheck.Alert> alerts = List.of(alert("a", 0), alert("b", 0));
        List<StormCheck.Decision> decisions = List.of(decision("a", "SKIPPED", "rate-limit", "ns/svc-0", 10),
                decision("a", "SKIPPED", "rate-limit", "ns/svc-0", 20),
                decision("other", "PLANNED", null, "ns/svc-9", 30));

        StormCheck.Report report = StormCheck.check(alerts, decisions, List.of(), Set.of("a", "b"), GUARDS);

        assertThat(report.duplicates()).isEqualTo(1);
        assertThat(report.lost()).isEqualTo(1);
        assertThat(report.missingPages()).isEqualTo(2);
    }

    @Test
    void thePlannedOfOtherAlertsCountForTheGuards() {
        List<StormCheck.Decision> decisions = List.of(decision("x", "PLANNED", null, "ns/svc-0", 0),
                decision("y", "PLANNED", null, "ns/svc-0", 60_000),
                decision("z", "PLANNED", null, "ns/svc-1", 30_000),
                decision("w", "PLANNED", null, "ns/svc-2", 59_000));

        StormCheck.Report report = StormCheck.check(List.of(), decisions, List.of(), Set.of(), GUARDS);

        assertThat(report.plannedTwice()).isEqualTo(1);
        assertThat(report.mostPlannedInPeriod()).isEqualTo(3);
    }

    @Test
    void aPageDeliveredTwiceForTheSameStepIsADuplicate() {
        List<StormCheck.Page> pages = List.of(page("a", "trigger", 0), page("a", "trigger", 10),
                new StormCheck.Page("a", "trigger", 1, 0, "log", "pages", "RETRYABLE", T0),
                page("other", "trigger", 5));

        StormCheck.Report report = StormCheck.check(List.of(alert("a", 0)), List.of(), pages, Set.of("a"), GUARDS);

        assertThat(report.pagesSent()).isEqualTo(1);
        assertThat(report.duplicatePages()).isEqualTo(1);
    }
}
