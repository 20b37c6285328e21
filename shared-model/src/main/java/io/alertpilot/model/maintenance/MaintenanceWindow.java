package io.alertpilot.model.maintenance;

import io.alertpilot.model.alert.Target;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * A maintenance window: while it is active, the alerts it covers get no automated action (unless
 * {@code automation}) and no page (unless {@code paging}). The value on {@code alertpilot.maintenance-windows.v1},
 * keyed by {@link #id()}. A window without matchers covers every alert; one without matchers and without an end is a
 * pause. Immutable and thread safe; {@link #activeAt}, {@link #covers} and {@link #state} are pure.
 *
 * @param matchers every one must hold (Alertmanager's silence semantics, see {@link WindowMatcher}); none: all alerts
 * @param startsAt when it starts
 * @param endsAt when it ends, exclusive; null: it never ends on its own
 * @param recurrence null: active the whole time from {@code startsAt} to {@code endsAt}; otherwise only at the
 *     times of the recurrence in between
 * @param automation true: actions go on as usual; false: a covered alert's decision is SKIPPED {@code maintenance}
 * @param paging true: pages go out as usual; false: pages are held until the window ends
 * @param endedBy who ended it before its time ({@code DELETE}); null while it was not ended
 * @param endedAt when it was ended; null while it was not ended
 * @param endedReason why it was ended before its time; null when not ended or no reason was given
 * @throws InvalidWindowException ({@code endsAt}) when it ends before it starts
 */
public record MaintenanceWindow(
        String id,
        List<WindowMatcher> matchers,
        Instant startsAt,
        Instant endsAt,
        Recurrence recurrence,
        boolean automation,
        boolean paging,
        String reason,
        String createdBy,
        Instant createdAt,
        String endedBy,
        Instant endedAt,
        String endedReason) {

    private static final Set<String> TARGET_KEY_FIELDS = Set.of("cluster", "namespace", "kind", "name");

    public MaintenanceWindow {
        if (id == null || id.isBlank()) {
            throw new InvalidWindowException("id", "a window needs an id");
        }
        Objects.requireNonNull(startsAt, "startsAt");
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
        if (endsAt != null && !endsAt.isAfter(startsAt)) {
            throw new InvalidWindowException("endsAt", "endsAt " + endsAt + " must be after startsAt " + startsAt);
        }
    }

    /** A window not ended before its time: without {@code endedReason}. */
    public MaintenanceWindow(String id, List<WindowMatcher> matchers, Instant startsAt, Instant endsAt,
            Recurrence recurrence, boolean automation, boolean paging, String reason, String createdBy,
            Instant createdAt, String endedBy, Instant endedAt) {
        this(id, matchers, startsAt, endsAt, recurrence, automation, paging, reason, createdBy, createdAt, endedBy,
                endedAt, null);
    }

    /** True when the window is in force at {@code instant}: started, not ended, and in its recurrence if any. */
    public boolean activeAt(Instant instant) {
        return !instant.isBefore(startsAt) && !over(instant)
                && (recurrence == null || recurrence.includes(instant));
    }

    /** True when every matcher holds for the alert's {@code labels} and {@code target}; always true without any. */
    public boolean covers(Map<String, String> labels, Target target) {
        return matchers.stream().allMatch(m -> m.matches(value(m.name(), labels, target)));
    }

    /**
     * True when every matcher on a target field ({@code cluster}, {@code namespace}, {@code kind}, {@code name})
     * holds for {@code target}; matchers on anything else are not looked at (a target alone does not tell them).
     */
    public boolean coversTarget(Target target) {
        return matchers.stream().filter(m -> TARGET_KEY_FIELDS.contains(m.name()))
                .allMatch(m -> m.matches(value(m.name(), Map.of(), target)));
    }

    /** Where the window stands at {@code instant}. */
    public WindowState state(Instant instant) {
        if (over(instant)) {
            return WindowState.EXPIRED;
        }
        return activeAt(instant) ? WindowState.ACTIVE : WindowState.SCHEDULED;
    }

    /** True for a pause: no matchers (every alert) and no end. */
    public boolean pause() {
        return matchers.isEmpty() && endsAt == null;
    }

    /** This window ended at {@code at} by {@code by}, without a reason; unchanged when it was over already. */
    public MaintenanceWindow end(String by, Instant at) {
        return end(by, at, null);
    }

    /**
     * This window ended at {@code at} by {@code by} because of {@code why} (null: not said); unchanged when it was
     * over already.
     */
    public MaintenanceWindow end(String by, Instant at, String why) {
        if (over(at)) {
            return this;
        }
        return new MaintenanceWindow(id, matchers, startsAt, endsAt, recurrence, automation, paging, reason, createdBy,
                createdAt, by, at, why);
    }

    /** True when it ended or was ended at or before {@code instant}. */
    private boolean over(Instant instant) {
        return (endsAt != null && !instant.isBefore(endsAt)) || (endedAt != null && !instant.isBefore(endedAt));
    }

    /** The target field {@code name} when the target has it, otherwise the label {@code name}; null when neither. */
    private static String value(String name, Map<String, String> labels, Target target) {
        String field = target == null ? null : target.field(name);
        return field != null ? field : labels == null ? null : labels.get(name);
    }
}
