package io.alertpilot.notifier.escalation;

import io.alertpilot.config.LabelMatcher;
import io.alertpilot.model.alert.Severity;
import java.util.Map;
import java.util.Set;

/**
 * Which incidents a policy routes: every given condition must hold; an empty match routes everything.
 *
 * @param severities the severities matched, empty = any
 * @param alertNames exact alert names matched, empty = any
 * @param labels the label conditions, with {@link LabelMatcher}'s semantics: anchored patterns, and a missing label
 *     reads as the empty string
 */
public record PolicyMatch(Set<Severity> severities, Set<String> alertNames, LabelMatcher labels) {

    /** A match that routes everything. */
    public static final PolicyMatch ANY = new PolicyMatch(Set.of(), Set.of(), LabelMatcher.ANY);

    public PolicyMatch {
        severities = Set.copyOf(severities);
        alertNames = Set.copyOf(alertNames);
        labels = labels == null ? LabelMatcher.ANY : labels;
    }

    /** True when an alert with these properties is routed by this match. */
    public boolean matches(String alertName, Severity severity, Map<String, String> alertLabels) {
        if (!severities.isEmpty() && (severity == null || !severities.contains(severity))) {
            return false;
        }
        if (!alertNames.isEmpty() && (alertName == null || !alertNames.contains(alertName))) {
            return false;
        }
        return labels.matches(alertLabels);
    }
}
