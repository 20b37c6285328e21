package io.alertpilot.remediation.guard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.remediation.action.NamespacePolicy;
import io.alertpilot.testing.TestClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/** Two replicas' limits over one shared ledger and one lock store, as two service replicas share them. */
class SharedRateLimitTest {

    private final TestClock clock = TestClock.at("2026-11-30T10:00:00Z");
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final LocalTargetLocks locks = new LocalTargetLocks(clock, "cluster");
    private final SharedRateLimit one = limit(ledger);
    private final SharedRateLimit two = limit(ledger);

    private SharedRateLimit limit(Ledger store) {
        return new SharedRateLimit(2, Duration.ofMinutes(1), store, locks, Duration.ofMillis(200), clock);
    }

    @Test
    void theLimitHoldsAcrossReplicasAndSlidesWithTheClock() {
        assertThat(one.tryAcquire()).isTrue();
        assertThat(two.available()).as("the other replica sees the start").isEqualTo(1);
        assertThat(two.tryAcquire()).isTrue();
        assertThat(one.tryAcquire()).isFalse();
        assertThat(two.tryAcquire()).isFalse();
        assertThat(one.available()).isZero();

        clock.advance(Duration.ofSeconds(61));
        assertThat(two.available()).isEqualTo(2);
        assertThat(two.tryAcquire()).isTrue();
        assertThat(one.available()).isEqualTo(1);
    }

    @Test
    void theDryRunTwinCountsApartUnderAReservedKeyThatIsNoTargetKey() {
        SharedRateLimit dryOne = one.twin();
        SharedRateLimit dryTwo = two.twin();
        assertThat(dryOne.tryAcquire()).isTrue();
        assertThat(dryTwo.tryAcquire()).isTrue();
        assertThat(dryOne.tryAcquire()).isFalse();
        assertThat(one.available()).as("dry-run permits use up no live permit").isEqualTo(2);
        assertThat(ledger.keys()).containsExactlyInAnyOrder(SharedRateLimit.DRY_RUN_KEY)
                .allSatisfy(key -> assertThat(key).doesNotContain("/"));
        assertThat(one.key()).isEqualTo(SharedRateLimit.LIVE_KEY).doesNotContain("/");
    }

    @Test
    void concurrentReplicasNeverBothTakeTheLastPermit() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Callable<Boolean>> tries = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                SharedRateLimit replica = i % 2 == 0 ? one : two;
                tries.add(replica::tryAcquire);
            }
            long granted = 0;
            for (Future<Boolean> result : pool.invokeAll(tries)) {
                granted += result.get() ? 1 : 0;
            }
            assertThat(granted).isEqualTo(2);
            assertThat(ledger.get(SharedRateLimit.LIVE_KEY).attempts()).hasSize(2);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCountLockedByAnotherReplicaForTheWholeTimeoutRefusesThePermit() {
        TargetLocks.TargetLock held = locks.tryLock(SharedRateLimit.LIVE_KEY, Duration.ofMinutes(1)).orElseThrow();
        try {
            assertThatThrownBy(one::tryAcquire).isInstanceOfSatisfying(GuardCheckUnavailableException.class,
                    e -> assertThat(e.reason()).isEqualTo(SharedRateLimit.UNAVAILABLE));
            Verdict refused = new Guards(new NamespacePolicy(Set.of(), Set.of()), one, clock).takeRatePermit(false);
            assertThat(refused.blocks()).isTrue();
            assertThat(refused.guard()).as("the SKIPPED reason").isEqualTo(SharedRateLimit.UNAVAILABLE);
        } finally {
            held.close();
        }
        assertThat(one.tryAcquire()).isTrue();
    }

    @Test
    void aLedgerThatCannotBeReadRefusesThePermitAndReleasesTheLock() {
        AtomicBoolean down = new AtomicBoolean(true);
        SharedRateLimit unread = limit(new Ledger() {
            @Override
            public LedgerEntry get(String targetKey) {
                return ledger.get(targetKey);
            }

            @Override
            public LedgerEntry put(LedgerEntry entry) {
                return ledger.put(entry);
            }

            @Override
            public void sync() {
                if (down.get()) {
                    throw new GuardCheckUnavailableException("ledger-unavailable", "not read", null);
                }
            }

            @Override
            public Collection<LedgerEntry> all() {
                return ledger.all();
            }
        });
        assertThatThrownBy(unread::tryAcquire).isInstanceOfSatisfying(GuardCheckUnavailableException.class,
                e -> assertThat(e.reason()).isEqualTo("ledger-unavailable"));
        assertThat(ledger.keys()).isEmpty();
        down.set(false);
        assertThat(unread.tryAcquire()).as("the lock was released").isTrue();
    }
}
