package io.alertpilot.remediation.playbook;

import io.alertpilot.config.AlertMatcher;
import io.alertpilot.config.LabelMatcher;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.RawPriority;
import io.alertpilot.model.alert.Severity;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * When a playbook applies. Every given condition must hold; an empty set or list means "any".
 *
 * @param alertNames exact alert names, any of which matches
 * @param labels the label conditions, with {@link LabelMatcher}'s semantics: anchored patterns, and a missing label
 *     reads as the empty string
 * @param status the status the alert must have; null means either
 * @param matchers Alertmanager matchers ({@code =}, {@code !=}, {@code =~}, {@code !~}) over the labels, all of
 *     which must hold
 * @param annotations Alertmanager matchers over the annotations, all of which must hold
 * @param priorities raw priorities as the source wrote them ({@code P0}..{@code P4}, {@code Sev1}..{@code Sev4},
 *     {@code SEV-1}, Azure's {@code Sev0}..{@code Sev4}), any of which matches; kept {@link RawPriority#normalize normalized}
 */
public record MatchRule(
        List<String> alertNames,
        LabelMatcher labels,
        Set<Severity> severities,
        Set<AlertSource> sources,
        AlertStatus status,
        List<AlertMatcher> matchers,
        List<AlertMatcher> annotations,
        Set<String> priorities) {

    public MatchRule {
        alertNames = alertNames == null ? List.of() : List.copyOf(alertNames);
        labels = labels == null ? LabelMatcher.ANY : labels;
        severities = severities == null ? Set.of() : Set.copyOf(severities);
        sources = sources == null ? Set.of() : Set.copyOf(sources);
        matchers = matchers == null ? List.of() : List.copyOf(matchers);
        annotations = annotations == null ? List.of() : List.copyOf(annotations);
        priorities = priorities == null ? Set.of()
                : priorities.stream().map(RawPriority::normalize).collect(Collectors.toUnmodifiableSet());
    }

    /** A rule of names, label patterns, severities, sources and status only. */
    public MatchRule(List<String> alertNames, LabelMatcher labels, Set<Severity> severities, Set<AlertSource> sources,
            AlertStatus status) {
        this(alertNames, labels, severities, sources, status, List.of(), List.of(), Set.of());
    }
}
