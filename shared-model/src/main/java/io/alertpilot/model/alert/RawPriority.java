package io.alertpilot.model.alert;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The priority of an alert as its source wrote it ({@code P0}..{@code P4}, {@code Sev1}..{@code Sev4},
 * {@code SEV-1}, Azure's {@code Sev0}..{@code Sev4}), beside the normalized {@link Severity}. A playbook's or a
 * policy's {@code priority} holds when the alert's {@code sourceSeverity} <em>or</em> its {@code priority} label is
 * one of the listed ({@link #keys}): for Alertmanager the source severity is the {@code severity} label, so a
 * {@code priority} label must count beside it. Two priorities are the same when their {@link #normalize normalized}
 * forms are equal: case-insensitive, with '-', '_' and spaces ignored, so {@code SEV-1}, {@code Sev1} and
 * {@code sev 1} are one priority. The one implementation for the remediation and the notifier services; pure.
 */
public final class RawPriority {

    /** The label read as a raw priority, beside the source severity. */
    public static final String LABEL = "priority";

    private RawPriority() {
    }

    /**
     * The raw priority of {@code alert} to show (on an incident, in a page): its {@code sourceSeverity}, else its
     * {@code priority} label, else null. Matching uses {@link #keys}, which counts both.
     */
    public static String of(AlertEvent alert) {
        if (alert.sourceSeverity() != null && !alert.sourceSeverity().isBlank()) {
            return alert.sourceSeverity().trim();
        }
        String label = alert.labels() == null ? null : alert.labels().get(LABEL);
        return label == null || label.isBlank() ? null : label.trim();
    }

    /** The raw priorities of {@code alert}, {@link #normalize normalized}: see {@link #keys(String, Map)}. */
    public static Set<String> keys(AlertEvent alert) {
        return keys(alert.sourceSeverity(), alert.labels());
    }

    /**
     * The raw priorities an alert with {@code sourceSeverity} and {@code labels} has, {@link #normalize normalized}:
     * the source severity and the {@code priority} label, those that are not blank (empty when neither is).
     */
    public static Set<String> keys(String sourceSeverity, Map<String, String> labels) {
        Set<String> found = new LinkedHashSet<>();
        for (String raw : new String[] {sourceSeverity, labels == null ? null : labels.get(LABEL)}) {
            if (raw != null && !raw.isBlank()) {
                found.add(normalize(raw));
            }
        }
        return found;
    }

    /** The comparable form of {@code priority}: lower case, without '-', '_' and spaces; null stays null. */
    public static String normalize(String priority) {
        if (priority == null) {
            return null;
        }
        return priority.toLowerCase(Locale.ROOT).replaceAll("[-_\\s]", "");
    }
}
