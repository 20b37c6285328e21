package io.alertpilot.remediation.guard;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.testing.TestClock;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.NamespacePolicy;
import io.alertpilot.remediation.action.ResolvedTarget;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class GuardsTest {

    private final TestClock clock = TestClock.at("2026-11-23T10:00:00Z");
    private final ActionRateLimiter limiter = new ActionRateLimiter(2, Duration.ofMinutes(1), clock);
    private final Guards guards = new Guards(new NamespacePolicy(Set.of(), Set.of("kube-system")), limiter, clock);
    private final GuardSettings settings = new GuardSettings(Duration.ofMinutes(15), 3, Duration.ofHours(1), 4,
            Duration.ofMinutes(10), 1);
    private final ResolvedTarget target = new ResolvedTarget("default", "Deployment", "shop", "api");
    private final LedgerEntry empty = LedgerEntry.empty(target.key());

    private Optional<Verdict> blocking(LedgerEntry entry) {
        return guards.check(target, entry, settings).stream().filter(Verdict::blocks).findFirst();
    }

    @Test
    void everythingPassesForAFreshTarget() {
        assertThat(blocking(empty)).isEmpty();
        assertThat(guards.check(target, empty, settings)).extracting(Verdict::guard)
                .containsExactly("namespace", "cooldown", "max-attempts", "flapping", "rate-limit");
    }

    @Test
    void dryRunGlobalOrPerPlaybook() {
        assertThat(guards.dryRun(true, null).blocks()).isTrue();
        assertThat(guards.dryRun(false, true).blocks()).isTrue();
        assertThat(guards.dryRun(false, false).blocks()).isFalse();
        assertThat(guards.dryRun(false, null).blocks()).isFalse();
    }

    @Test
    void namespaceDenyList() {
        ResolvedTarget system = new ResolvedTarget("default", "Deployment", "kube-system", "coredns");
        assertThat(guards.check(system, LedgerEntry.empty(system.key()), settings).getFirst())
                .extracting(Verdict::guard, Verdict::blocks).containsExactly("namespace", true);
    }

    @Test
    void cooldownHoldsUntilItsEnd() {
        LedgerEntry acted = empty.withAttempt(clock.instant());
        clock.advance(Duration.ofMinutes(14));
        assertThat(blocking(acted)).map(Verdict::guard).contains("cooldown");
        clock.advance(Duration.ofMinutes(1));
        assertThat(blocking(acted)).isEmpty();
    }

    @Test
    void maxAttemptsPerWindow() {
        LedgerEntry entry = empty;
        for (int i = 0; i < 3; i++) {
            entry = entry.withAttempt(clock.instant());
            clock.advance(Duration.ofMinutes(16));
        }
        assertThat(blocking(entry)).map(Verdict::guard).contains("max-attempts");
        clock.advance(Duration.ofMinutes(30));
        assertThat(blocking(entry)).isEmpty();
    }

    @Test
    void flappingCountsStatusChangesInTheWindow() {
        LedgerEntry entry = empty.withStatus("FIRING", clock.instant());
        for (int i = 0; i < 4; i++) {
            entry = entry.withStatus(i % 2 == 0 ? "RESOLVED" : "FIRING", clock.instant());
        }
        assertThat(entry.transitions()).hasSize(4);
        assertThat(blocking(entry)).isEmpty();
        entry = entry.withStatus("RESOLVED", clock.instant());
        assertThat(blocking(entry)).map(Verdict::guard).contains("flapping");
        entry = entry.withStatus("RESOLVED", clock.instant());
        assertThat(entry.transitions()).as("a repeated status is no change").hasSize(5);
        clock.advance(Duration.ofMinutes(11));
        assertThat(blocking(entry)).isEmpty();
    }

    @Test
    void globalRateLimitSlidesWithTheClock() {
        assertThat(guards.takeRatePermit(false).blocks()).isFalse();
        assertThat(guards.takeRatePermit(false).blocks()).isFalse();
        assertThat(guards.takeRatePermit(false).blocks()).isTrue();
        assertThat(blocking(empty)).map(Verdict::guard).contains("rate-limit");
        clock.advance(Duration.ofSeconds(61));
        assertThat(blocking(empty)).isEmpty();
    }

    @Test
    void aPlannedActionCountsForTheDryRunGuardsOnlyAndItsRateLimitIsItsOwn() {
        LedgerEntry planned = empty.withDryRunAttempt(clock.instant());
        clock.advance(Duration.ofMinutes(1));
        assertThat(guards.check(target, planned, settings, true).stream().filter(Verdict::blocks).findFirst())
                .map(Verdict::guard).contains("cooldown");
        assertThat(blocking(planned)).as("the live guards never see a planned action").isEmpty();

        assertThat(guards.takeRatePermit(true).blocks()).isFalse();
        assertThat(guards.takeRatePermit(true).blocks()).isFalse();
        assertThat(guards.takeRatePermit(true).blocks()).isTrue();
        assertThat(guards.check(target, empty, settings, true).stream().filter(Verdict::blocks).findFirst())
                .map(Verdict::guard).contains("rate-limit");
        assertThat(blocking(empty)).as("dry-run permits use up no live permit").isEmpty();
        assertThat(guards.takeRatePermit(false).blocks()).isFalse();
    }

    @Test
    void theDryRunViewCountsLiveAndPlannedActionsTogether() {
        LedgerEntry entry = empty.withAttempt(clock.instant());
        clock.advance(Duration.ofMinutes(20));
        entry = entry.withDryRunAttempt(clock.instant());
        clock.advance(Duration.ofMinutes(20));
        entry = entry.withDryRunAttempt(clock.instant());
        clock.advance(Duration.ofMinutes(16));
        // maxAttempts 3 within 1h: one live and two planned actions are three
        assertThat(guards.check(target, entry, settings, true).stream().filter(Verdict::blocks).findFirst())
                .map(Verdict::guard).contains("max-attempts");
        assertThat(blocking(entry)).isEmpty();
        assertThat(entry.forDryRun().lastActionAt()).isEqualTo(clock.instant().minus(Duration.ofMinutes(16)));
        assertThat(entry.lastActionAt()).isEqualTo(clock.instant().minus(Duration.ofMinutes(56)));
    }

    @Test
    void noRestartWhileARolloutIsInProgress() {
        WorkloadState rolling = new WorkloadState(true, 3, 3, true, "1 of 3 updated", null, null);
        assertThat(guards.blastRadius(new Action.Restart(), rolling, settings)).filteredOn(Verdict::blocks)
                .extracting(Verdict::guard).containsExactly("rollout-in-progress");
        assertThat(guards.blastRadius(new Action.Rollback(null), rolling, settings)).filteredOn(Verdict::blocks)
                .extracting(Verdict::guard).containsExactly("rollout-in-progress");
    }

    @Test
    void noDisruptionBeyondThePodDisruptionBudget() {
        WorkloadState budgetSpent = new WorkloadState(true, 3, 2, false, null, 0, "api-pdb");
        assertThat(guards.blastRadius(new Action.DeletePod("api-1"), budgetSpent, settings)).filteredOn(Verdict::blocks)
                .extracting(Verdict::guard).containsExactly("disruption-budget");
        WorkloadState budgetLeft = new WorkloadState(true, 3, 3, false, null, 1, "api-pdb");
        assertThat(guards.blastRadius(new Action.Restart(), budgetLeft, settings)).noneMatch(Verdict::blocks);
    }

    @Test
    void noDisruptionBelowTheConfiguredMinimumOfReadyReplicas() {
        WorkloadState oneReady = new WorkloadState(true, 2, 1, false, null, null, null);
        assertThat(guards.blastRadius(new Action.Restart(), oneReady, settings)).filteredOn(Verdict::blocks)
                .extracting(Verdict::guard).containsExactly("min-ready");
        assertThat(guards.blastRadius(new Action.Scale(null, 1, 1, 5), oneReady, settings)).noneMatch(Verdict::blocks);
    }

    @Test
    void aMissingTargetIsBlocked() {
        WorkloadState missing = new WorkloadState(false, null, null, false, null, null, null);
        assertThat(guards.blastRadius(new Action.Cordon("n1"), missing, settings)).extracting(Verdict::guard)
                .containsExactly("target-missing");
    }

    @Test
    void ledgerRemembersHandledOccurrencesWithinABound() {
        LedgerEntry entry = empty;
        for (int i = 0; i < LedgerEntry.BOUND + 10; i++) {
            entry = entry.withHandled("e" + i, clock.instant());
        }
        assertThat(entry.handled("e" + (LedgerEntry.BOUND + 9))).isTrue();
        assertThat(entry.handled("e0")).isFalse();
        assertThat(entry.handled()).hasSize(LedgerEntry.BOUND);
    }

    @Test
    void localLocksAllowOneHolderUntilReleasedOrExpired() {
        LocalTargetLocks locks = new LocalTargetLocks(clock, "me");
        Optional<TargetLocks.TargetLock> first = locks.tryLock("k", Duration.ofMinutes(1));
        assertThat(first).isPresent();
        assertThat(locks.tryLock("k", Duration.ofMinutes(1))).isEmpty();
        assertThat(locks.holder("k")).isPresent();
        first.get().close();
        Optional<TargetLocks.TargetLock> second = locks.tryLock("k", Duration.ofMinutes(1));
        assertThat(second).isPresent();
        clock.advance(Duration.ofMinutes(2));
        assertThat(locks.tryLock("k", Duration.ofMinutes(1))).isPresent();
    }
}
