package io.alertpilot.model.alert;

import java.util.Locale;

/**
 * The priority of an alert as its source wrote it ({@code P0}..{@code P4}, {@code Sev1}..{@code Sev4},
 * {@code SEV-1}, Azure's {@code Sev0}..{@code Sev4}), beside the normalized {@link Severity}: the alert's
 * {@code sourceSeverity}, else its {@code priority} label. Two priorities are the same when their
 * {@link #normalize normalized} forms are equal: case-insensitive, with '-', '_' and spaces ignored, so
 * {@code SEV-1}, {@code Sev1} and {@code sev 1} are one priority.
 */
public final class RawPriority {

    private RawPriority() {
    }

    /** The raw priority of {@code alert}: its {@code sourceSeverity}, else its {@code priority} label, else null. */
    public static String of(AlertEvent alert) {
        if (alert.sourceSeverity() != null && !alert.sourceSeverity().isBlank()) {
            return alert.sourceSeverity().trim();
        }
        String label = alert.labels() == null ? null : alert.labels().get("priority");
        return label == null || label.isBlank() ? null : label.trim();
    }

    /** The comparable form of {@code priority}: lower case, without '-', '_' and spaces; null stays null. */
    public static String normalize(String priority) {
        if (priority == null) {
            return null;
        }
        return priority.toLowerCase(Locale.ROOT).replaceAll("[-_\\s]", "");
    }
}
