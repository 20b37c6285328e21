package io.alertpilot.notifier.escalation;

import io.alertpilot.config.AlertMatcher;
import io.alertpilot.config.LabelMatcher;
import io.alertpilot.model.alert.RawPriority;
import io.alertpilot.model.alert.Severity;
import java.util.List;
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
 * @param matchers Alertmanager matchers over the labels ({@link AlertMatcher}), all of which must hold; empty = any
 * @param priorities the raw priorities matched ({@link RawPriority}: the source severity or the {@code priority}
 *     label; case-insensitive, '-', '_' and spaces ignored), kept
 *     in their normalized form; empty = any
 */
public record PolicyMatch(Set<Severity> severities, Set<String> alertNames, LabelMatcher labels,
        List<AlertMatcher> matchers, Set<String> priorities) {

    /** A match that routes everything. */
    public static final PolicyMatch ANY = new PolicyMatch(Set.of(), Set.of(), LabelMatcher.ANY, List.of(), Set.of());

    public PolicyMatch {
        severities = Set.copyOf(severities);
        alertNames = Set.copyOf(alertNames);
        labels = labels == null ? LabelMatcher.ANY : labels;
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
        priorities = priorities == null ? Set.of()
                : priorities.stream().map(RawPriority::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /** A match without matchers and raw priorities. */
    public PolicyMatch(Set<Severity> severities, Set<String> alertNames, LabelMatcher labels) {
        this(severities, alertNames, labels, List.of(), Set.of());
    }

    /** A match without matchers. */
    public PolicyMatch(Set<Severity> severities, Set<String> alertNames, LabelMatcher labels,
            Set<String> priorities) {
        this(severities, alertNames, labels, List.of(), priorities);
    }

    /** True when an alert with these properties and no raw priority is routed by this match. */
    public boolean matches(String alertName, Severity severity, Map<String, String> alertLabels) {
        return matches(alertName, severity, alertLabels, null);
    }

    /**
     * True when an alert with these properties is routed by this match; {@code priority} is its raw priority as shown
     * ({@link RawPriority#of}: the source severity, else the {@code priority} label): the priorities hold when it or the
     * {@code priority} label of {@code alertLabels} is one of them ({@link RawPriority#keys}).
     */
    public boolean matches(String alertName, Severity severity, Map<String, String> alertLabels, String priority) {
        if (!severities.isEmpty() && (severity == null || !severities.contains(severity))) {
            return false;
        }
        if (!priorities.isEmpty() && RawPriority.keys(priority, alertLabels).stream().noneMatch(priorities::contains)) {
            return false;
        }
        if (!alertNames.isEmpty() && (alertName == null || !alertNames.contains(alertName))) {
            return false;
        }
        return labels.matches(alertLabels) && matchers.stream().allMatch(m -> m.matches(alertLabels));
    }
}
