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
        return new StormCheck.Decision(fingerprint, "e-" + fingerprint, "r-" + fingerprint, phase, reason, target,
                T0.plusMillis(millis));
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

        StormCheck.Report report = StormCheck.check(alerts, decisions, pages, Set.of("a", "b", "c"), GUARDS,
                List.of());

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

        StormCheck.Report report = StormCheck.check(alerts, decisions, List.of(), Set.of("a", "b"), GUARDS,
                List.of());

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

        StormCheck.Report report = StormCheck.check(List.of(), decisions, List.of(), Set.of(), GUARDS,
                List.of());

        assertThat(report.plannedTwice()).isEqualTo(1);
        assertThat(report.mostPlannedInPeriod()).isEqualTo(3);
    }

    @Test
    void aPageDeliveredTwiceForTheSameStepIsADuplicate() {
        List<StormCheck.Page> pages = List.of(page("a", "trigger", 0), page("a", "trigger", 10),
                new StormCheck.Page("a", "trigger", 1, 0, "log", "pages", "RETRYABLE", T0),
                page("other", "trigger", 5));

        StormCheck.Report report = StormCheck.check(List.of(alert("a", 0)), List.of(), pages, Set.of("a"), GUARDS,
                List.of());

        assertThat(report.pagesSent()).isEqualTo(1);
        assertThat(report.duplicatePages()).isEqualTo(1);
    }

    private static StormCheck.CountWrite write(long version, int... seconds) {
        return new StormCheck.CountWrite(version, java.util.Arrays.stream(seconds).mapToObj(T0::plusSeconds).toList());
    }

    private static List<java.time.Instant> at(int... seconds) {
        return java.util.Arrays.stream(seconds).mapToObj(T0::plusSeconds).toList();
    }

    @Test
    void thePermitsAreTheAttemptsOfTheAcceptedWritesOnly() {
        // the second write at version 2 lost to the first (a stale count): its permit at 5 s was not taken
        List<StormCheck.CountWrite> writes = List.of(write(1, 0), write(2, 0, 3), write(2, 0, 5), write(1, 0, 7),
                write(3, 0, 3, 9));

        assertThat(StormCheck.permits(writes)).isEqualTo(at(0, 3, 9));
    }

    @Test
    void aWriteWithoutVersionIsAcceptedByItsPlaceAndATombstoneClearsTheCount() {
        List<StormCheck.CountWrite> writes = List.of(write(4, 1), write(0, 2), write(0, 3),
                StormCheck.CountWrite.TOMBSTONE, write(1, 4), write(1, 6), write(2, 4, 8));

        assertThat(StormCheck.permits(writes)).isEqualTo(at(1, 2, 3, 4, 8));
    }

    @Test
    void theRateLimitIsJudgedOnThePermitTimesNotOnTheEventTimes() {
        // three plans emitted within a second of each other, their permits taken a minute apart: pruned from the
        // later writes, the earlier permits are in the earlier ones
        List<StormCheck.CountWrite> writes = List.of(write(1, 0), write(2, 0, 59), write(3, 59, 119));
        List<StormCheck.Decision> decisions = List.of(decision("x", "PLANNED", null, "ns/svc-0", 120_000),
                decision("y", "PLANNED", null, "ns/svc-1", 120_500),
                decision("z", "PLANNED", null, "ns/svc-2", 121_000));

        StormCheck.Report report = StormCheck.check(List.of(), decisions, List.of(), Set.of(), GUARDS, writes);

        assertThat(report.mostPlannedInPeriod()).isEqualTo(3);
        assertThat(report.mostPermitsInPeriod()).isEqualTo(2);
        assertThat(report.permits()).isEqualTo(3);
        assertThat(report.plans()).isEqualTo(3);
        assertThat(report.plansBeyondPermits()).isZero();
    }

    @Test
    void aPermitAndOneAPeriodLaterAreNotInOneWindow() {
        assertThat(StormCheck.mostWithin(new java.util.ArrayList<>(at(60, 0, 120, 30)), Duration.ofMinutes(1)))
                .isEqualTo(2);
        assertThat(StormCheck.mostWithin(new java.util.ArrayList<>(at(0, 60, 120)), Duration.ofMinutes(1)))
                .isEqualTo(1);
    }

    @Test
    void morePlansThanPermitsAreCountedByRemediationId() {
        List<StormCheck.Decision> decisions = List.of(decision("x", "PLANNED", null, "ns/svc-0", 0),
                decision("x", "PLANNED", null, "ns/svc-0", 10), decision("y", "PLANNED", null, "ns/svc-1", 20),
                decision("z", "PLANNED", null, "ns/svc-2", 30), decision("w", "SKIPPED", "rate-limit", "ns/svc-3", 40));

        StormCheck.Report report = StormCheck.check(List.of(), decisions, List.of(), Set.of(), GUARDS,
                List.of(write(1, 0), write(2, 0, 1)));

        assertThat(report.plans()).isEqualTo(3);
        assertThat(report.permits()).isEqualTo(2);
        assertThat(report.plansBeyondPermits()).isEqualTo(1);
        assertThat(report.mostPermitsInPeriod()).isEqualTo(2);
    }
}
