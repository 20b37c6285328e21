package io.alertpilot.remediation.run;

import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.Recurrence;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * When a maintenance window's time in force began and ends, from its {@code startsAt}, {@code endsAt}, early end and
 * recurrence. A recurrence changes state only on minute boundaries, so its edges are found minute by minute, at most
 * eight days away (a recurrence in force for longer is in force all the time). Pure.
 */
final class Occurrences {

    private static final Duration MINUTE = Duration.ofMinutes(1);
    private static final int MAX_MINUTES = 8 * 24 * 60;

    private Occurrences() {
    }

    /** When the window stops being in force for good ({@code endsAt} or its early end, the earlier); null: never. */
    static Instant over(MaintenanceWindow window) {
        return earlier(window.endsAt(), window.endedAt());
    }

    /** When the time in force that holds at {@code now} began; the window must be active at {@code now}. */
    static Instant start(MaintenanceWindow window, Instant now) {
        Recurrence recurrence = window.recurrence();
        Instant start = now.truncatedTo(ChronoUnit.MINUTES);
        if (recurrence == null || !start.isAfter(window.startsAt())) {
            return window.startsAt();
        }
        for (int i = 0; i < MAX_MINUTES; i++) {
            Instant previous = start.minus(MINUTE);
            if (!recurrence.includes(previous)) {
                return start;
            }
            if (!previous.isAfter(window.startsAt())) {
                return window.startsAt();
            }
            start = previous;
        }
        return window.startsAt();
    }

    /**
     * When the time in force that began at {@code start} ended: the first minute after it out of the recurrence, or the
     * window's end, the earlier; {@code now} when neither is known (it ended no later than that).
     */
    static Instant end(MaintenanceWindow window, Instant start, Instant now) {
        Instant end = over(window);
        Recurrence recurrence = window.recurrence();
        if (recurrence != null) {
            Instant next = start.truncatedTo(ChronoUnit.MINUTES).plus(MINUTE);
            for (int i = 0; i < MAX_MINUTES && recurrence.includes(next); i++) {
                next = next.plus(MINUTE);
            }
            if (!recurrence.includes(next)) {
                end = earlier(end, next);
            }
        }
        return end == null ? now : end;
    }

    private static Instant earlier(Instant a, Instant b) {
        if (a == null) {
            return b;
        }
        return b == null || a.isBefore(b) ? a : b;
    }
}
