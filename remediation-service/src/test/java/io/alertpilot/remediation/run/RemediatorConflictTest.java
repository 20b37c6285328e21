package io.alertpilot.remediation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.guard.InMemoryLedger;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerConflictException;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.LocalTargetLocks;
import io.alertpilot.testing.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link Remediator} when its occurrence write loses to another replica's write of the same target: the decision
 * is taken again on the fresh entry, the other write is kept, and the action runs once. Also when the ledger was
 * caught up once for a poll ({@link Remediator#handleCaughtUp}) and another replica wrote after that.
 */
class RemediatorConflictTest {

    private static final String PLAYBOOK = """
            playbooks:
              - name: restart
                match: { alertname: KubePodCrashLooping }
                target: { kind: Deployment, namespace: shop, name: api }
                actions: [ restart ]
                guard: { cooldown: 10m, maxAttempts: 3, window: 1h }
            """;

    private final TestClock clock = TestClock.at("2026-11-30T10:00:00Z");
    private final List<RemediationEvent> events = new CopyOnWriteArrayList<>();
    private final RecordingExecutor executor = new RecordingExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final InMemoryLedger store = new InMemoryLedger();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /**
     * The ledger of this replica: before each of its next {@code rivalWrites} writes of a target, another replica
     * observes an occurrence of that target (RESOLVED, its own event id) and writes first.
     */
    private final class RivalFirst implements Ledger {
        private final AtomicInteger rivalWrites;

        RivalFirst(int rivalWrites) {
            this.rivalWrites = new AtomicInteger(rivalWrites);
        }

        @Override
        public LedgerEntry get(String key) {
            return store.get(key);
        }

        @Override
        public LedgerEntry put(LedgerEntry entry) {
            if (!entry.targetKey().startsWith("~") && rivalWrites.getAndDecrement() > 0) {
                String id = "rival-" + rivalWrites.get();
                store.update(entry.targetKey(), e -> e.withStatus("RESOLVED", clock.instant())
                        .withHandled(id, clock.instant()));
            }
            return store.put(entry);
        }

        @Override
        public void sync() {
        }

        @Override
        public Collection<LedgerEntry> all() {
            return store.all();
        }
    }

    /**
     * This replica's view of the ledger: its own writes at once, another replica's (written straight to the store)
     * only after a sync; counts the syncs.
     */
    private final class SeenAtSync implements Ledger {
        private final Map<String, LedgerEntry> seen = new ConcurrentHashMap<>();
        private final AtomicInteger syncs = new AtomicInteger();

        @Override
        public LedgerEntry get(String key) {
            return seen.getOrDefault(key, LedgerEntry.empty(key));
        }

        @Override
        public LedgerEntry put(LedgerEntry entry) {
            LedgerEntry stored = store.put(entry);
            seen.put(stored.targetKey(), stored);
            return stored;
        }

        @Override
        public void sync() {
            syncs.incrementAndGet();
            store.all().forEach(e -> seen.put(e.targetKey(), e));
        }

        @Override
        public Collection<LedgerEntry> all() {
            return List.copyOf(seen.values());
        }
    }

    private Remediator remediator(Ledger ledger) throws IOException {
        Files.writeString(dir.resolve("p.yml"), PLAYBOOK);
        return TestRuns.run(List.of(dir.toString()), false, ledger, new LocalTargetLocks(clock, "test"), executor,
                events, scheduler, clock).remediator();
    }

    private static AlertEvent crash(String eventId) {
        return Alerts.firing("KubePodCrashLooping", Map.of("namespace", "shop")).fingerprint("fp-" + eventId)
                .eventId(eventId).severity(Severity.CRITICAL).build();
    }

    private LedgerEntry target() {
        return store.all().stream().filter(e -> !e.targetKey().startsWith("~")).findFirst().orElseThrow();
    }

    @Test
    void anOccurrenceWriteThatLostIsDecidedAgainOnTheFreshEntryAndActsOnce() throws IOException {
        Remediator remediator = remediator(new RivalFirst(1));

        remediator.handle(crash("ev-1"));

        assertThat(executor.executed).hasSize(1);
        assertThat(events).filteredOn(e -> e.phase() == RemediationPhase.STARTED).hasSize(1);
        LedgerEntry entry = target();
        // the rival's occurrence and status are kept, and the status change RESOLVED -> FIRING counts once
        assertThat(entry.handled()).contains("rival-0", "ev-1");
        assertThat(entry.transitions()).hasSize(1);
        assertThat(entry.attempts()).hasSize(1);
    }

    @Test
    void aPollCaughtUpOnceDecidesItsAlertsWithoutASyncOfTheirOwn() throws IOException {
        SeenAtSync ledger = new SeenAtSync();
        Remediator remediator = remediator(ledger);

        remediator.catchUp();
        remediator.handleCaughtUp(crash("ev-1"));
        // the action itself syncs again under the target lock before it runs (and for its intent)
        int afterAction = ledger.syncs.get();
        remediator.handleCaughtUp(crash("ev-2"));

        assertThat(ledger.syncs).hasValue(afterAction);
        assertThat(executor.executed).hasSize(1);
        assertThat(events).filteredOn(e -> e.phase() == RemediationPhase.SKIPPED).singleElement()
                .satisfies(e -> assertThat(e.reason()).isEqualTo("cooldown"));
    }

    @Test
    void aDecisionThatMissedAnotherReplicasActionSinceThePollsCatchUpLosesAndMeetsItsCooldown() throws IOException {
        SeenAtSync ledger = new SeenAtSync();
        Remediator remediator = remediator(ledger);
        remediator.catchUp();
        // another replica restarted the target after this replica caught up
        remediator.handle(crash("ev-0"));
        String key = target().targetKey();
        executor.executed.clear();
        clock.advance(Duration.ofMinutes(20));
        store.update(key, e -> e.withHandled("rival", clock.instant()).withAttempt(clock.instant()));
        int syncs = ledger.syncs.get();

        remediator.handleCaughtUp(crash("ev-1"));

        // its stale write was refused, and the decision taken again after a sync met the rival's cooldown
        assertThat(ledger.syncs.get() - syncs).isEqualTo(1);
        assertThat(executor.executed).isEmpty();
        assertThat(events).filteredOn(e -> e.alertEventId().equals("ev-1")).singleElement().satisfies(e -> {
            assertThat(e.phase()).isEqualTo(RemediationPhase.SKIPPED);
            assertThat(e.reason()).isEqualTo("cooldown");
        });
        assertThat(target().handled()).contains("rival", "ev-1");
    }

    @Test
    void anOccurrenceThatKeepsLosingGoesBackToTheListenerUntoldAndActsOnceWhenRetried() throws IOException {
        Remediator remediator = remediator(new RivalFirst(Ledger.UPDATE_ATTEMPTS));

        assertThatThrownBy(() -> remediator.handle(crash("ev-1"))).isInstanceOf(LedgerConflictException.class);
        assertThat(executor.executed).isEmpty();
        assertThat(events).isEmpty();

        // the listener's retry of the record
        remediator.handle(crash("ev-1"));

        assertThat(executor.executed).hasSize(1);
        assertThat(events).filteredOn(e -> e.phase() == RemediationPhase.STARTED).hasSize(1);
        assertThat(target().handled()).contains("ev-1");
    }
}
