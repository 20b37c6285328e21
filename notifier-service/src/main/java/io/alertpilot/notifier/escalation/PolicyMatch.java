package io.alertpilot.notifier.escalation;

import io.alertpilot.config.LabelMatcher;
import io.alertpilot.model.alert.RawPriority;
import io.alertpilot.model.alert.Severity;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which incidents a policy routes: every given condition must hold; an empty match routes everything.
 *
 * @param severities the severities matched, empty = any
 * @param alertNames exact alert names matched, empty = any
 * @param labels the label conditions, with {@link LabelMatcher}'s semantics: anchored patterns, and a missing label
 *     reads as the empty string
 * @param priorities the raw priorities matched ({@link RawPriority}: case-insensitive, '-' and spaces ignored), kept
 *     in their normalized form; empty = any
 */
public record PolicyMatch(Set<Severity> severities, Set<String> alertNames, LabelMatcher labels,
        Set<String> priorities) {

    /** A match that routes everything. */
    public static final PolicyMatch ANY = new PolicyMatch(Set.of(), Set.of(), LabelMatcher.ANY, Set.of());

    public PolicyMatch {
        severities = Set.copyOf(severities);
        alertNames = Set.copyOf(alertNames);
        labels = labels == null ? LabelMatcher.ANY : labels;
        priorities = priorities == null ? Set.of()
                : priorities.stream().map(RawPriority::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /** A match without raw priorities. */
    public PolicyMatch(Set<Severity> severities, Set<String> alertNames, LabelMatcher labels) {
        this(severities, alertNames, labels, Set.of());
    }

    /** True when an alert with these properties and no raw priority is routed by this match. */
    public boolean matches(String alertName, Severity severity, Map<String, String> alertLabels) {
        return matches(alertName, severity, alertLabels, null);
    }

    /** True when an alert with these properties is routed by this match; {@code priority} is its raw priority. */
    public boolean matches(String alertName, Severity severity, Map<String, String> alertLabels, String priority) {
        if (!severities.isEmpty() && (severity == null || !severities.contains(severity))) {
            return false;
        }
        if (!priorities.isEmpty() && (priority == null || !priorities.contains(RawPriority.normalize(priority)))) {
            return false;
        }
        if (!alertNames.isEmpty() && (alertName == null || !alertNames.contains(alertName))) {
            return false;
        }
        return labels.matches(alertLabels);
    }
}
