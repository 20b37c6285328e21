package io.alertpilot.remediation.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.guard.ForwardingLedger;
import io.alertpilot.remediation.guard.GuardCheckUnavailableException;
import io.alertpilot.remediation.guard.InMemoryLedger;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerConflictException;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.LocalTargetLocks;
import io.alertpilot.remediation.guard.TargetLocks;
import io.alertpilot.testing.TestClock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The intent and done records an action run writes, and the run stopped when either the lock or the ledger says so. */
class ExecutionIntentsTest {

    private static final String KEY = "default/shop/Deployment/api";
    private static final String TWO_ACTIONS = """
            playbooks:
              - name: restart-and-scale
                match: { alertname: KubePodCrashLooping }
                target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                actions: [ restart, { scale: { by: 1, min: 1, max: 5 } } ]
                approval: none
                guard: { cooldown: 0s, maxAttempts: 3, window: 1h }
            """;

    private final TestClock clock = TestClock.at("2026-11-23T10:00:00Z");
    private final List<RemediationEvent> events = new CopyOnWriteArrayList<>();
    private final RecordingExecutor executor = new RecordingExecutor();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final InMemoryLedger ledger = new InMemoryLedger();

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    @Test
    void everyActionThatRanHasItsIntentRecordedDoneWithTheRunsIdsAndTheFirstAttemptInTheSameWrite() throws IOException {
        run(ledger, new LocalTargetLocks(clock, "replica-a")).remediator().handle(crash());

        assertThat(executor.executed).hasSize(2);
        LedgerEntry entry = ledger.get(KEY);
        assertThat(entry.pendingIntents()).isEmpty();
        assertThat(entry.intents()).extracting(LedgerEntry.ActionIntent::action).containsExactly("restart", "scale");
        assertThat(entry.intents()).allSatisfy(i -> {
            assertThat(i.doneAt()).isNotNull();
            assertThat(i.owner()).startsWith("replica-a");
            assertThat(events).anySatisfy(e -> {
                assertThat(e.remediationId()).isEqualTo(i.actionId());
                assertThat(e.phase()).isEqualTo(RemediationPhase.SUCCEEDED);
            });
        });
        assertThat(entry.attempts()).as("one attempt per plan").hasSize(1);
        assertThat(Json.read(Json.write(entry), LedgerEntry.class)).as("as the Kafka ledger stores it")
                .isEqualTo(entry);
    }

    @Test
    void aLockFoundLostStopsTheRunBeforeTheAction() throws IOException {
        TargetLocks lost = new LostLocks(new LocalTargetLocks(clock, "replica-a"));

        run(ledger, lost).remediator().handle(crash());

        assertThat(executor.executed).isEmpty();
        assertThat(events).filteredOn(e -> e.phase() == RemediationPhase.SKIPPED).extracting(RemediationEvent::reason)
                .containsExactly(Execution.LOCK_LOST, Execution.LOCK_LOST);
        assertThat(ledger.get(KEY).intents()).isEmpty();
    }

    @Test
    void anIntentThatKeepsConflictingIsNotRunAndReachesAHuman() throws IOException {
        run(new ConflictingLedger(ledger), new LocalTargetLocks(clock, "replica-a")).remediator().handle(crash());

        assertThat(executor.executed).isEmpty();
        assertThat(events).filteredOn(e -> e.phase() == RemediationPhase.SKIPPED).extracting(RemediationEvent::reason)
                .containsExactly(LedgerConflictException.REASON, LedgerConflictException.REASON);
        assertThat(ledger.get(KEY).intents()).isEmpty();
    }

    @Test
    void anIntentWriteOfUnknownOutcomeIsRecordedDoneSoThatALateWriteIsNeverResumed() throws IOException {
        run(new UnavailableOnce(ledger), new LocalTargetLocks(clock, "replica-a")).remediator().handle(crash());

        assertThat(executor.executed).isEmpty();
        RemediationEvent skipped = events.stream().filter(e -> e.phase() == RemediationPhase.SKIPPED).findFirst()
                .orElseThrow();
        assertThat(skipped.reason()).isEqualTo("ledger-unavailable");
        assertThat(skipped.message()).endsWith("it did not run");
        assertThat(ledger.get(KEY).intents()).as("recorded done without its action").singleElement()
                .satisfies(i -> assertThat(i.doneAt()).isNotNull());
        assertThat(ledger.get(KEY).pendingIntents()).isEmpty();
    }

    private RemediationRun run(Ledger ledger, TargetLocks locks) throws IOException {
        Files.writeString(dir.resolve("p.yml"), TWO_ACTIONS);
        return TestRuns.run(List.of(dir.toString()), false, ledger, locks, executor, events, scheduler, clock);
    }

    private static AlertEvent crash() {
        return Alerts.firing("KubePodCrashLooping", Map.of("namespace", "shop", "deployment", "api"))
                .fingerprint("fp-1").severity(Severity.CRITICAL).build();
    }

    /** Locks whose every lock is found lost (a renewal saw another holder). */
    private record LostLocks(TargetLocks locks) implements TargetLocks {
        @Override
        public Optional<TargetLock> tryLock(String targetKey, Duration ttl) {
            return locks.tryLock(targetKey, ttl).map(held -> new TargetLock() {
                @Override
                public void close() {
                    held.close();
                }

                @Override
                public boolean held() {
                    return false;
                }
            });
        }

        @Override
        public Optional<String> holder(String targetKey) {
            return locks.holder(targetKey);
        }
    }

    /** A ledger whose first write of a pending intent fails as unavailable (its outcome unknown). */
    private static final class UnavailableOnce extends ForwardingLedger {
        private boolean failed;

        UnavailableOnce(Ledger ledger) {
            super(ledger);
        }

        @Override
        public synchronized LedgerEntry put(LedgerEntry entry) {
            if (!failed && !entry.pendingIntents().isEmpty()) {
                failed = true;
                throw new GuardCheckUnavailableException("ledger-unavailable", "the ledger did not answer in time",
                        null);
            }
            return ledger.put(entry);
        }
    }

    /** A ledger on which another replica always wrote first whenever an intent is written. */
    private static final class ConflictingLedger extends ForwardingLedger {
        ConflictingLedger(Ledger ledger) {
            super(ledger);
        }

        @Override
        public LedgerEntry put(LedgerEntry entry) {
            if (!entry.intents().isEmpty()) {
                throw new LedgerConflictException(entry.targetKey(), entry.version(), entry.version() + 1);
            }
            return ledger.put(entry);
        }
    }
}
