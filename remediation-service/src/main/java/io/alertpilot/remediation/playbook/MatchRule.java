package io.alertpilot.remediation.playbook;

import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * When a playbook applies. Every given condition must hold; an empty set or list means "any".
 *
 * @param alertNames exact alert names, any of which matches
 * @param labels label name to a pattern that must match the whole value; a missing label never matches
 * @param status the status the alert must have; null means either
 */
public record MatchRule(
        List<String> alertNames,
        Map<String, Pattern> labels,
        Set<Severity> severities,
        Set<AlertSource> sources,
        AlertStatus status) {

    public MatchRule {
        alertNames = alertNames == null ? List.of() : List.copyOf(alertNames);
        labels = labels == null ? Map.of() : Map.copyOf(labels);
        severities = severities == null ? Set.of() : Set.copyOf(severities);
        sources = sources == null ? Set.of() : Set.copyOf(sources);
    }
}
