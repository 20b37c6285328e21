package io.alertpilot.formats;

import io.alertpilot.formats.TruncationListener.Field;
import io.alertpilot.model.alert.AlertEvent;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Cuts the label and annotation values of normalized alerts to a number of characters, appending a marker that says how
 * many were removed ({@code …[truncated 95904 chars]}); the summary and description, taken from annotations or the
 * body, are cut the same way. A cut never splits a surrogate pair. Immutable and thread safe.
 */
final class ValueBound {

    private final int maxLength;

    ValueBound(FormatSettings settings) {
        this.maxLength = settings.maxValueLength();
    }

    /** The marker appended to a value of which {@code removed} characters were cut. */
    static String marker(int removed) {
        return "…[truncated " + removed + " chars]";
    }

    /** The alerts with every value bounded; an alert with none too long is returned as it is. */
    List<AlertEvent> apply(List<AlertEvent> alerts, TruncationListener listener) {
        return alerts.stream().map(alert -> apply(alert, listener)).toList();
    }

    private AlertEvent apply(AlertEvent alert, TruncationListener listener) {
        Map<String, String> labels = bound(alert.labels(), Field.LABEL, listener);
        Map<String, String> annotations = bound(alert.annotations(), Field.ANNOTATION, listener);
        String summary = bound(alert.summary());
        String description = bound(alert.description());
        if (labels == alert.labels() && annotations == alert.annotations() && summary == alert.summary()
                && description == alert.description()) {
            return alert;
        }
        return new AlertEvent(alert.schemaVersion(), alert.eventId(), alert.source(), alert.fingerprint(),
                alert.status(), alert.name(), alert.severity(), alert.sourceSeverity(), summary, description,
                alert.runbookUrl(), alert.generatorUrl(), labels, annotations, alert.target(), alert.startsAt(),
                alert.endsAt(), alert.receivedAt(), alert.groupKey(), alert.receiver(), alert.externalUrl());
    }

    private Map<String, String> bound(Map<String, String> values, Field field, TruncationListener listener) {
        Map<String, String> bounded = null;
        for (Map.Entry<String, String> entry : values.entrySet()) {
            String value = bound(entry.getValue());
            if (value != entry.getValue()) {
                if (bounded == null) {
                    bounded = new LinkedHashMap<>(values);
                }
                bounded.put(entry.getKey(), value);
                listener.truncated(field);
            }
        }
        return bounded == null ? values : bounded;
    }

    /** The value cut to the bound with the marker, or the same instance when it is short enough (or null). */
    String bound(String value) {
        if (value == null || value.length() <= maxLength) {
            return value;
        }
        int cut = Character.isHighSurrogate(value.charAt(maxLength - 1)) ? maxLength - 1 : maxLength;
        return value.substring(0, cut) + marker(value.length() - cut);
    }
}
