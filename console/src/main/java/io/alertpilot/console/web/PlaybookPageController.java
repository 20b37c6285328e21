package io.alertpilot.console.web;

import io.alertpilot.console.security.ConsoleUser;
import io.alertpilot.console.service.PlaybookSummary;
import io.alertpilot.console.service.ServiceClient;
import io.alertpilot.console.service.ServiceRefusedException;
import io.alertpilot.console.service.ServiceUnavailableException;
import io.alertpilot.readmodel.ReadModel;
import io.alertpilot.readmodel.RemediationQuery;
import io.alertpilot.readmodel.RemediationView;
import io.alertpilot.readmodel.TargetGuard;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/**
 * The playbooks page: each playbook in force (from remediation) with its match, actions, guards and dry-run state,
 * its last runs (from the read model) and, per target, the guard state remediation's ledger holds.
 */
@Controller
class PlaybookPageController {

    private static final int LAST_RUNS = 5;

    private final ReadModel readModel;
    private final ServiceClient services;

    PlaybookPageController(ReadModel readModel, ServiceClient services) {
        this.readModel = readModel;
        this.services = services;
    }

    /**
     * One playbook with what the page shows beside it.
     *
     * @param guards its guards in words: as remediation describes them, or else the attempt bound its targets report
     */
    record PlaybookCard(PlaybookSummary playbook, String guards, List<RemediationView> lastRuns,
            List<TargetGuard> targets) {

        static PlaybookCard of(PlaybookSummary playbook, List<RemediationView> lastRuns, List<TargetGuard> targets) {
            String guards = playbook.guards();
            if (guards == null) {
                guards = targets.isEmpty() ? "not reported by remediation"
                        : "attempts per target in the window: at most " + targets.getFirst().maxAttempts();
            }
            if (playbook.approvalRequired()) {
                guards += "; approval required";
            }
            return new PlaybookCard(playbook, guards, lastRuns, targets);
        }
    }

    @GetMapping("/playbooks")
    String playbooks(@AuthenticationPrincipal ConsoleUser user, Model model) {
        List<PlaybookSummary> playbooks = List.of();
        Map<String, List<TargetGuard>> targets = Map.of();
        try {
            playbooks = services.playbooks(user);
            targets = services.targets(user).items().stream()
                    .collect(Collectors.groupingBy(TargetGuard::playbook, LinkedHashMap::new, Collectors.toList()));
        } catch (ServiceRefusedException | ServiceUnavailableException e) {
            model.addAttribute(Flash.ATTRIBUTE, Flash.error("Remediation did not answer: " + e.getMessage()));
        }
        Map<String, List<TargetGuard>> byPlaybook = targets;
        model.addAttribute("playbooks", playbooks.stream().map(p -> PlaybookCard.of(p,
                readModel.remediations(new RemediationQuery(null, p.name(), null, null, null, null, LAST_RUNS))
                        .items(),
                byPlaybook.getOrDefault(p.name(), List.of()))).toList());
        return "playbooks";
    }
}
