package io.alertpilot.notifier.escalation;

import io.alertpilot.model.alert.Severity;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which incidents a policy routes: every given condition must hold; an empty match routes everything.
 *
 * @param severities the severities matched, empty = any
 * @param alertNames exact alert names matched, empty = any
 * @param labels label name to an anchored regular expression its value must match (a missing label matches only a
 *     pattern that matches the empty string)
 */
public record PolicyMatch(Set<Severity> severities, Set<String> alertNames, Map<String, Pattern> labels) {

    /** A match that routes everything. */
    public static final PolicyMatch ANY = new PolicyMatch(Set.of(), Set.of(), Map.of());

    public PolicyMatch {
        severities = Set.copyOf(severities);
        alertNames = Set.copyOf(alertNames);
        labels = Map.copyOf(labels);
    }

    /** True when an alert with these properties is routed by this match. */
    public boolean matches(String alertName, Severity severity, Map<String, String> alertLabels) {
        if (!severities.isEmpty() && (severity == null || !severities.contains(severity))) {
            return false;
        }
        if (!alertNames.isEmpty() && (alertName == null || !alertNames.contains(alertName))) {
            return false;
        }
        for (Map.Entry<String, Pattern> label : labels.entrySet()) {
            String value = alertLabels.getOrDefault(label.getKey(), "");
            if (!label.getValue().matcher(value).matches()) {
                return false;
            }
        }
        return true;
    }
}
