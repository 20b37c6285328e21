package io.alertpilot.remediation.run;

import io.alertpilot.model.maintenance.MaintenanceEvent;
import io.alertpilot.model.maintenance.MaintenanceEvent.Type;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.MaintenanceWindows;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.TargetLocks;
import io.alertpilot.remediation.guard.TargetLocks.TargetLock;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes the {@link Type#STARTED} and {@link Type#EXPIRED} events of maintenance windows that come into force or go
 * out of force on their own schedule ({@code startsAt}, {@code endsAt}, each time of a recurrence), {@code by}
 * {@link MaintenanceEvent#SCHEDULE}, with the window's reason and the instant of the transition. Run it often (every
 * second): each {@link #tick()} compares every window's state now with the last transition recorded for it.
 *
 * <p>Exactly once across replicas: the last transition written per window is kept in the shared {@link Ledger} under
 * the reserved key {@link #KEY} (which names no target), read, written and its events sent under the cluster-wide lock
 * of that key ({@link TargetLocks}), after the ledger caught up ({@link Ledger#sync()}). A replica that finds nothing
 * to do in its own view of the ledger takes no lock. When the windows, the lock or the ledger cannot be had, the tick
 * does nothing and the next one tries again (logged at WARN once per outage). An event sent whose record was then not
 * written is sent again with the same {@code eventId} (derived from window, type and instant), so a reader can drop
 * the repeat.
 *
 * <p>Not written: a start before the window was created (its CREATED event says it), an end by an operator (its
 * ENDED event says it), and anything already recorded, so a restart replays nothing. Windows over for more than
 * {@link #KEPT_AFTER_EXPIRY} are not looked at, and their records, like those of windows gone, are dropped. Thread
 * safe.
 */
public final class WindowTransitions {

    /** The ledger key and lock name of the transitions recorded; no {@code /}, so never a target's key. */
    public static final String KEY = "~maintenance-transitions";

    /** How long after its end a window is still looked at. */
    public static final Duration KEPT_AFTER_EXPIRY = Duration.ofDays(1);

    private static final Logger log = LoggerFactory.getLogger(WindowTransitions.class);
    private static final Duration LOCK_TTL = Duration.ofSeconds(30);

    /** Sends one event and returns once the store acknowledged it; throws when it did not. */
    @FunctionalInterface
    public interface Publisher {
        void publish(MaintenanceEvent event);
    }

    /** The last transition recorded for a window. */
    record Mark(Type type, Instant at) {
    }

    /** One change of the records: {@code mark} null forgets the window; {@code event} null records silently. */
    private record Step(String windowId, Mark mark, MaintenanceEvent event) {
    }

    private final MaintenanceWindows windows;
    private final Ledger ledger;
    private final TargetLocks locks;
    private final Publisher publisher;
    private final Clock clock;
    private volatile boolean failing;

    public WindowTransitions(MaintenanceWindows windows, Ledger ledger, TargetLocks locks, Publisher publisher,
            Clock clock) {
        this.windows = windows;
        this.ledger = ledger;
        this.locks = locks;
        this.publisher = publisher;
        this.clock = clock;
    }

    /** Writes the transitions due now, if this replica gets the lock; never throws. */
    public void tick() {
        Instant now = clock.instant();
        try {
            Collection<MaintenanceWindow> known = List.copyOf(windows.all());
            if (steps(marks(ledger.get(KEY)), known, now).isEmpty()) {
                recovered();
                return;
            }
            Optional<TargetLock> lock = locks.tryLock(KEY, LOCK_TTL);
            if (lock.isEmpty()) {
                log.debug("the maintenance transitions are being written by {}", locks.holder(KEY).orElse("another "
                        + "replica"));
                return;
            }
            try (TargetLock held = lock.get()) {
                ledger.sync();
                apply(known, now);
            }
            recovered();
        } catch (RuntimeException e) {
            if (!failing) {
                log.warn("maintenance window transitions not written now, tried again in a moment: {}", e.toString());
            } else {
                log.debug("maintenance window transitions still not written: {}", e.toString());
            }
            failing = true;
        }
    }

    /** Sends the events due against the ledger's records and writes what was sent, also when a send fails. */
    private void apply(Collection<MaintenanceWindow> known, Instant now) {
        LedgerEntry read = ledger.get(KEY);
        Map<String, Mark> before = marks(read);
        Map<String, Mark> after = new LinkedHashMap<>(before);
        try {
            for (Step step : steps(before, known, now)) {
                if (step.event() != null) {
                    publisher.publish(step.event());
                    log.info("maintenance window {} {} at {} on its schedule", step.windowId(),
                            step.event().type() == Type.STARTED ? "started" : "expired", step.event().at());
                }
                if (step.mark() == null) {
                    after.remove(step.windowId());
                } else {
                    after.put(step.windowId(), step.mark());
                }
            }
        } finally {
            if (!after.equals(before)) {
                // conditional on the records read: a writer that lost the lock meanwhile is refused
                ledger.put(entry(after, now, read.version()));
            }
        }
    }

    private void recovered() {
        if (failing) {
            log.info("maintenance window transitions are written again");
            failing = false;
        }
    }

    /** What to record and send, in order, for {@code known} windows at {@code now} against the {@code marks}. */
    static List<Step> steps(Map<String, Mark> marks, Collection<MaintenanceWindow> known, Instant now) {
        List<Step> steps = new ArrayList<>();
        Set<String> looked = new HashSet<>();
        for (MaintenanceWindow window : known) {
            Instant over = Occurrences.over(window);
            if (over != null && over.isBefore(now.minus(KEPT_AFTER_EXPIRY))) {
                continue;
            }
            looked.add(window.id());
            Mark mark = marks.get(window.id());
            boolean started = mark != null && mark.type() == Type.STARTED;
            if (window.activeAt(now)) {
                Instant start = Occurrences.start(window, now);
                if (started && mark.at().equals(start)) {
                    continue;
                }
                if (started) {
                    Instant end = Occurrences.end(window, mark.at(), now);
                    steps.add(new Step(window.id(), new Mark(Type.EXPIRED, end), event(Type.EXPIRED, window, end)));
                }
                boolean beforeCreation = window.createdAt() != null && !start.isAfter(window.createdAt());
                steps.add(new Step(window.id(), new Mark(Type.STARTED, start),
                        beforeCreation ? null : event(Type.STARTED, window, start)));
            } else if (started) {
                Instant end = Occurrences.end(window, mark.at(), now);
                boolean endedByOperator = window.endedAt() != null && !end.isBefore(window.endedAt());
                steps.add(new Step(window.id(), new Mark(Type.EXPIRED, end),
                        endedByOperator ? null : event(Type.EXPIRED, window, end)));
            }
        }
        marks.keySet().stream().filter(id -> !looked.contains(id)).forEach(id -> steps.add(new Step(id, null, null)));
        return steps;
    }

    /** The event of a transition; its id is the same every time for one window, type and instant. */
    private static MaintenanceEvent event(Type type, MaintenanceWindow window, Instant at) {
        String eventId = UUID.nameUUIDFromBytes((window.id() + "/" + type + "/" + at).getBytes(StandardCharsets.UTF_8))
                .toString();
        return new MaintenanceEvent(eventId, type, window.id(), MaintenanceEvent.SCHEDULE, at, window.reason(), window);
    }

    /** The records of {@code entry}: one {@code "TYPE instant windowId"} per window in its {@code handled} list. */
    static Map<String, Mark> marks(LedgerEntry entry) {
        Map<String, Mark> marks = new LinkedHashMap<>();
        for (String line : entry.handled()) {
            String[] parts = line.split(" ", 3);
            if (parts.length == 3) {
                marks.put(parts[2], new Mark(Type.valueOf(parts[0]), Instant.parse(parts[1])));
            }
        }
        return marks;
    }

    private static LedgerEntry entry(Map<String, Mark> marks, Instant now, long version) {
        List<String> lines = marks.entrySet().stream()
                .map(e -> e.getValue().type() + " " + e.getValue().at() + " " + e.getKey()).toList();
        return new LedgerEntry(KEY, null, List.of(), null, List.of(), lines, List.of(), null, now, List.of(),
                List.of(), List.of(), version, List.of());
    }
}
