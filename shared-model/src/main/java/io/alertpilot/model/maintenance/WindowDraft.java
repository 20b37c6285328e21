package io.alertpilot.model.maintenance;

import java.time.Instant;
import java.util.List;

/**
 * A maintenance window as an operator asks for it (the body of {@code POST /api/v1/maintenance-windows} and of its
 * preview): everything but who, when and the id. Its parts validate themselves as they are read (a bad regex, weekday
 * or time throws {@link InvalidWindowException} naming the field).
 *
 * @param startsAt null: now
 * @param endsAt null: no end
 * @param automation null reads as false (no actions while active)
 * @param paging null reads as true (pages as usual)
 */
public record WindowDraft(List<WindowMatcher> matchers, Instant startsAt, Instant endsAt, Recurrence recurrence,
        Boolean automation, Boolean paging, String reason) {

    /**
     * The window this draft describes, created by {@code by} at {@code now}.
     *
     * @throws InvalidWindowException ({@code endsAt}) when it ends before it starts or is over already
     */
    public MaintenanceWindow toWindow(String id, String by, Instant now) {
        if (endsAt != null && !endsAt.isAfter(now)) {
            throw new InvalidWindowException("endsAt", "endsAt " + endsAt + " is not in the future");
        }
        return new MaintenanceWindow(id, matchers, startsAt == null ? now : startsAt, endsAt, recurrence,
                Boolean.TRUE.equals(automation), !Boolean.FALSE.equals(paging), reason, by, now, null, null);
    }
}
