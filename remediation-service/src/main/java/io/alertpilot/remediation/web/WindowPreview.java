package io.alertpilot.remediation.web;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.WindowMatcher;
import io.alertpilot.model.maintenance.WindowState;
import io.alertpilot.remediation.decide.LedgerKey;
import io.alertpilot.remediation.playbook.Playbook;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What a draft maintenance window would affect, computed without changing anything.
 *
 * <p>A playbook is listed when an alert it acts on could be covered: an equality matcher ({@code isEqual}, not a
 * regex) on {@code alertname} must name one of the playbook's alert names, and one on a label the playbook matches
 * must satisfy the playbook's pattern; any other matcher could hold. A known target (a ledger key) is listed when
 * the window's matchers on target fields ({@code cluster}, {@code namespace}, {@code kind}, {@code name}) hold for it;
 * matchers on alert labels are not known for a target and are left out. An open incident is listed when the window
 * covers its labels and target, exactly as a live alert would be covered.
 *
 * @param state where the draft would stand now
 * @param playbooks the names of the loaded playbooks it could hold back
 * @param targets the known target keys it covers
 * @param incidents the ids of the open incidents it covers
 */
record WindowPreview(WindowState state, List<String> playbooks, List<String> targets, List<String> incidents) {

    static WindowPreview of(MaintenanceWindow window, WindowState state, Collection<Playbook> playbooks,
            Collection<String> targetKeys, Collection<Incident> incidents) {
        return new WindowPreview(state,
                playbooks.stream().filter(p -> couldCover(window, p)).map(Playbook::name).toList(),
                targetKeys.stream().filter(key -> window.coversTarget(LedgerKey.target(key).toTarget(null))).sorted().toList(),
                incidents.stream().filter(i -> i.state().open() && window.covers(i.labels(), i.target()))
                        .map(Incident::id).sorted().toList());
    }

    private static boolean couldCover(MaintenanceWindow window, Playbook playbook) {
        for (WindowMatcher matcher : window.matchers()) {
            if (matcher.isRegex() || !matcher.isEqual()) {
                continue;
            }
            if (matcher.name().equals("alertname") && !playbook.match().alertNames().isEmpty()
                    && !playbook.match().alertNames().contains(matcher.value())) {
                return false;
            }
            Pattern pattern = playbook.match().labels().patterns().get(matcher.name());
            if (pattern != null && !pattern.matcher(matcher.value()).matches()) {
                return false;
            }
        }
        return true;
    }

}
