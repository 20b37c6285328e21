package io.alertpilot.remediation.playbook;

import io.alertpilot.config.LabelMatcher;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import java.util.List;
import java.util.Set;

/**
 * When a playbook applies. Every given condition must hold; an empty set or list means "any".
 *
 * @param alertNames exact alert names, any of which matches
 * @param labels the label conditions, with {@link LabelMatcher}'s semantics: anchored patterns, and a missing label
 *     reads as the empty string
 * @param status the status the alert must have; null means either
 */
public record MatchRule(
        List<String> alertNames,
        LabelMatcher labels,
        Set<Severity> severities,
        Set<AlertSource> sources,
        AlertStatus status) {

    public MatchRule {
        alertNames = alertNames == null ? List.of() : List.copyOf(alertNames);
        labels = labels == null ? LabelMatcher.ANY : labels;
        severities = severities == null ? Set.of() : Set.copyOf(severities);
        sources = sources == null ? Set.of() : Set.copyOf(sources);
    }
}
