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
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@link Remediator} when its occurrence write loses to another replica's write of the same target: the decision
 * is taken again on the fresh entry, the other write is kept, and the action runs once.
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
