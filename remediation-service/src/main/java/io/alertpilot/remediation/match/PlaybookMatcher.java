package io.alertpilot.remediation.match;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.RawPriority;
import io.alertpilot.config.AlertMatcher;
import io.alertpilot.remediation.playbook.MatchRule;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.PlaybookSet;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * Finds the playbooks for an alert, as Alertmanager's routes find receivers: the set is searched in its order
 * ({@code order}, then file order) and the first playbook whose every condition holds matches; the search ends there
 * unless that playbook has {@code continue: true}, then it goes on and every further match is taken too, up to one
 * without {@code continue}. Alert names match exactly; labels match with {@link io.alertpilot.config.LabelMatcher}'s
 * semantics (anchored patterns, a missing label reads as the empty string); {@code matchers} and {@code annotations}
 * are {@link AlertMatcher}s over the labels and the annotations; a raw priority holds when the alert's
 * {@code sourceSeverity} or its {@code priority} label is one of the rule's ({@link RawPriority#keys}).
 * Stateless and thread safe.
 */
public final class PlaybookMatcher {

    /** The first playbook whose rule holds for {@code alert}, status included. */
    public Optional<Playbook> match(PlaybookSet set, AlertEvent alert) {
        return matchAll(set, alert).stream().findFirst();
    }

    /**
     * Every playbook that acts on {@code alert}, status included, in order: the first match, and after each match
     * with {@code continue: true} the next one.
     */
    public List<Playbook> matchAll(PlaybookSet set, AlertEvent alert) {
        return search(set, p -> matches(p.match(), alert, false));
    }

    /**
     * The first playbook that would handle {@code alert} if it fired; used for a RESOLVED alert to find what it
     * cancels or reverts.
     */
    public Optional<Playbook> matchIgnoringStatus(PlaybookSet set, AlertEvent alert) {
        return set.playbooks().stream().filter(p -> matches(p.match(), alert, true)).findFirst();
    }

    /**
     * For a RESOLVED {@code alert}: every playbook that acts on it while it fires (a rule for FIRING or for either
     * status), searched as {@link #matchAll} does; what its resolution cancels or switches back.
     */
    public List<Playbook> firingCounterparts(PlaybookSet set, AlertEvent alert) {
        return search(set, p -> p.match().status() != AlertStatus.RESOLVED && matches(p.match(), alert, true));
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
        if (!rule.priorities().isEmpty() && RawPriority.keys(alert).stream().noneMatch(rule.priorities()::contains)) {
            return false;
        }
        return rule.labels().matches(alert.labels())
                && rule.matchers().stream().allMatch(m -> m.matches(alert.labels()))
                && rule.annotations().stream().allMatch(m -> m.matches(alert.annotations()));
    }

    private static List<Playbook> search(PlaybookSet set, Predicate<Playbook> holds) {
        List<Playbook> found = new ArrayList<>();
        for (Playbook playbook : set.playbooks()) {
            if (holds.test(playbook)) {
                found.add(playbook);
                if (!playbook.continueMatching()) {
                    break;
                }
            }
        }
        return found;
    }
}
