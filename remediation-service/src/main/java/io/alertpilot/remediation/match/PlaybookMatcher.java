package io.alertpilot.remediation.match;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.remediation.playbook.MatchRule;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.PlaybookSet;
import java.util.Optional;

/**
 * Finds the playbook for an alert: the first of the set, in order, whose every condition holds. Alert names match
 * exactly; labels match with {@link io.alertpilot.config.LabelMatcher}'s semantics (anchored patterns, a missing
 * label reads as the empty string). Stateless and thread safe.
 */
public final class PlaybookMatcher {

    /** The first playbook whose rule holds for {@code alert}, status included. */
    public Optional<Playbook> match(PlaybookSet set, AlertEvent alert) {
        return set.playbooks().stream().filter(p -> matches(p.match(), alert, false)).findFirst();
    }

    /**
     * The first playbook that would handle {@code alert} if it fired; used for a RESOLVED alert to find what it
     * cancels or reverts.
     */
    public Optional<Playbook> matchIgnoringStatus(PlaybookSet set, AlertEvent alert) {
        return set.playbooks().stream().filter(p -> matches(p.match(), alert, true)).findFirst();
    }

    /** True when {@code rule} holds for {@code alert}. */
    public boolean matches(MatchRule rule, AlertEvent alert, boolean ignoreStatus) {
        if (!ignoreStatus && rule.status() != null && rule.status() != alert.status()) {
            return false;
        }
        if (!rule.alertNames().isEmpty() && !rule.alertNames().contains(alert.name())) {
            return false;
        }
        if (!rule.severities().isEmpty() && !rule.severities().contains(alert.severity())) {
            return false;
        }
        if (!rule.sources().isEmpty() && !rule.sources().contains(alert.source())) {
            return false;
        }
        return rule.labels().matches(alert.labels());
    }
}
