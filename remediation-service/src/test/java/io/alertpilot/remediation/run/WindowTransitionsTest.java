package io.alertpilot.remediation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.alertpilot.model.maintenance.MaintenanceEvent;
import io.alertpilot.model.maintenance.MaintenanceEvent.Type;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.Recurrence;
import io.alertpilot.model.maintenance.Recurrence.TimeRange;
import io.alertpilot.remediation.decide.LedgerKey;
import io.alertpilot.remediation.guard.InMemoryLedger;
import io.alertpilot.remediation.guard.LocalTargetLocks;
import io.alertpilot.remediation.guard.TargetLocks.TargetLock;
import io.alertpilot.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Two replicas' transition tasks over one shared ledger and one lock store, on a test clock. */
class WindowTransitionsTest {

    private static final Instant CREATED = Instant.parse("2026-11-30T10:00:00Z");

    private final TestClock clock = TestClock.at(CREATED);
    private final InMemoryLedger ledger = new InMemoryLedger();
    private final LocalTargetLocks locks = new LocalTargetLocks(clock, "cluster");
    private final List<MaintenanceWindow> windows = new CopyOnWriteArrayList<>();
    private final List<MaintenanceEvent> events = new CopyOnWriteArrayList<>();
    private final WindowTransitions one = replica();
    private final WindowTransitions two = replica();

    private WindowTransitions replica() {
        return new WindowTransitions(() -> windows, ledger, locks, events::add, clock);
    }

    private static MaintenanceWindow window(String id, Instant startsAt, Instant endsAt, Recurrence recurrence) {
        return new MaintenanceWindow(id, List.of(), startsAt, endsAt, recurrence, false, true, "db upgrade", "alice",
                CREATED, null, null);
    }

    /** Both replicas tick every {@code step} until {@code until}. */
    private void runUntil(String until, Duration step) {
        Instant end = Instant.parse(until);
        while (clock.instant().isBefore(end)) {
            clock.advance(step);
            one.tick();
            two.tick();
        }
    }

    @Test
    void aScheduledWindowStartsAndExpiresOnceAcrossReplicasAndARestartReplaysNothing() {
        windows.add(window("w-1", Instant.parse("2026-11-30T10:30:00Z"), Instant.parse("2026-11-30T11:00:00Z"), null));

        runUntil("2026-11-30T10:29:59Z", Duration.ofSeconds(1));
        assertThat(events).as("nothing before startsAt").isEmpty();

        runUntil("2026-11-30T10:45:00Z", Duration.ofSeconds(1));
        WindowTransitions restarted = replica();
        restarted.tick();
        runUntil("2026-11-30T11:10:00Z", Duration.ofSeconds(1));

        assertThat(events).extracting(MaintenanceEvent::type, MaintenanceEvent::windowId, MaintenanceEvent::by,
                MaintenanceEvent::at, MaintenanceEvent::reason).containsExactly(
                        tuple(Type.STARTED, "w-1", "schedule", Instant.parse("2026-11-30T10:30:00Z"), "db upgrade"),
                        tuple(Type.EXPIRED, "w-1", "schedule", Instant.parse("2026-11-30T11:00:00Z"), "db upgrade"));

        replica().tick();
        assertThat(events).as("a replica started after the fact writes nothing again").hasSize(2);
        assertThat(ledger.keys()).containsExactly(WindowTransitions.KEY);
        assertThat(LedgerKey.namesTarget(WindowTransitions.KEY)).isFalse();
    }

    @Test
    void eachOccurrenceOfARecurrenceStartsAndExpiresOnceInOrder() {
        windows.add(window("w-weekly", CREATED, null, new Recurrence(List.of("monday"),
                List.of(new TimeRange("10:15", "10:20"), new TimeRange("10:40", "10:45")), "Europe/London")));

        runUntil("2026-11-30T11:00:00Z", Duration.ofSeconds(7));

        assertThat(events).extracting(MaintenanceEvent::type, MaintenanceEvent::by, MaintenanceEvent::at)
                .containsExactly(
                        tuple(Type.STARTED, "schedule", Instant.parse("2026-11-30T10:15:00Z")),
                        tuple(Type.EXPIRED, "schedule", Instant.parse("2026-11-30T10:20:00Z")),
                        tuple(Type.STARTED, "schedule", Instant.parse("2026-11-30T10:40:00Z")),
                        tuple(Type.EXPIRED, "schedule", Instant.parse("2026-11-30T10:45:00Z")));
        assertThat(events).extracting(MaintenanceEvent::eventId).doesNotHaveDuplicates();
    }

    @Test
    void aWindowCreatedActiveOrEndedByAnOperatorHasNoScheduleEventForThat() {
        MaintenanceWindow created = window("w-now", CREATED, Instant.parse("2026-11-30T11:00:00Z"), null);
        windows.add(created);
        windows.add(window("w-hand", CREATED, Instant.parse("2026-11-30T12:00:00Z"), null));

        runUntil("2026-11-30T10:10:00Z", Duration.ofSeconds(5));
        assertThat(events).as("the CREATED event says they started").isEmpty();

        windows.replaceAll(w -> w.id().equals("w-hand") ? w.end("bob", clock.instant(), "done") : w);
        runUntil("2026-11-30T11:05:00Z", Duration.ofSeconds(5));

        assertThat(events).extracting(MaintenanceEvent::type, MaintenanceEvent::windowId, MaintenanceEvent::at)
                .containsExactly(tuple(Type.EXPIRED, "w-now", Instant.parse("2026-11-30T11:00:00Z")));
    }

    @Test
    void nothingIsWrittenWhileAnotherHoldsTheLockAndItIsWrittenOnceAfter() {
        windows.add(window("w-1", Instant.parse("2026-11-30T10:00:30Z"), null, null));
        TargetLock held = locks.tryLock(WindowTransitions.KEY, Duration.ofMinutes(5)).orElseThrow();

        runUntil("2026-11-30T10:01:00Z", Duration.ofSeconds(1));
        assertThat(events).isEmpty();

        held.close();
        runUntil("2026-11-30T10:01:10Z", Duration.ofSeconds(1));
        assertThat(events).extracting(MaintenanceEvent::type, MaintenanceEvent::at)
                .containsExactly(tuple(Type.STARTED, Instant.parse("2026-11-30T10:00:30Z")));
    }

    @Test
    void recordsOfWindowsGoneOrLongExpiredAreDropped() {
        windows.add(window("w-short", Instant.parse("2026-11-30T10:00:10Z"), Instant.parse("2026-11-30T10:00:20Z"),
                null));
        windows.add(window("w-gone", Instant.parse("2026-11-30T10:00:10Z"), null, null));
        runUntil("2026-11-30T10:00:30Z", Duration.ofSeconds(1));
        assertThat(WindowTransitions.marks(ledger.get(WindowTransitions.KEY))).containsOnlyKeys("w-short", "w-gone");

        windows.removeIf(w -> w.id().equals("w-gone"));
        runUntil("2026-11-30T10:00:35Z", Duration.ofSeconds(1));
        assertThat(WindowTransitions.marks(ledger.get(WindowTransitions.KEY))).containsOnlyKeys("w-short");

        clock.advance(WindowTransitions.KEPT_AFTER_EXPIRY);
        one.tick();
        assertThat(WindowTransitions.marks(ledger.get(WindowTransitions.KEY))).isEmpty();
        assertThat(events).extracting(MaintenanceEvent::type, MaintenanceEvent::windowId).containsExactly(
                tuple(Type.STARTED, "w-short"), tuple(Type.STARTED, "w-gone"), tuple(Type.EXPIRED, "w-short"));
    }
}
