package io.alertpilot.notifier.escalation;

import io.alertpilot.model.alert.AlertEvent;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * How a policy groups alerts into one incident: one incident per Alertmanager group ({@code group: alertmanager},
 * the alert's {@code groupKey}) or per the values of the policy's {@code groupBy} labels. A group pages once, lists
 * its alerts, and resolves when all of them resolved. Immutable.
 *
 * @param labels the {@code groupBy} labels; empty = by Alertmanager's {@code groupKey}
 */
public record Grouping(List<String> labels) {

    /** One incident per Alertmanager group. */
    public static final Grouping ALERTMANAGER = new Grouping(List.of());

    public Grouping {
        labels = List.copyOf(labels);
    }

    /**
     * The group of {@code alert} under policy {@code policy}, or null when it has none (an alert without a
     * {@code groupKey} under {@code group: alertmanager} is an incident of its own).
     */
    public String keyOf(String policy, AlertEvent alert) {
        if (labels.isEmpty()) {
            return alert.groupKey() == null || alert.groupKey().isBlank() ? null : policy + "|" + alert.groupKey();
        }
        StringBuilder key = new StringBuilder(policy);
        for (String label : labels) {
            key.append('|').append(label).append('=').append(Objects.requireNonNullElse(alert.labels().get(label), ""));
        }
        return key.toString();
    }

    /** The incident id of group {@code key}: {@code g-} and 16 hex digits of its SHA-256, safe in a URL. */
    public static String incidentId(String key) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
            return "g-" + HexFormat.of().formatHex(hash, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
