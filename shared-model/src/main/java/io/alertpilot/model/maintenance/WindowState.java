package io.alertpilot.model.maintenance;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** Where a maintenance window stands at an instant; written in lower case ({@code active}). */
public enum WindowState {
    /** In force now. */
    ACTIVE,
    /** Not in force now but later: before its start, or between two times of its recurrence. */
    SCHEDULED,
    /** Ended or ended early: never in force again. */
    EXPIRED;

    @JsonValue
    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }
}
