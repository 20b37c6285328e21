package io.alertpilot.console.web;

import io.alertpilot.console.security.ConsoleUser;
import io.alertpilot.console.service.PlaybookGuards;
import io.alertpilot.console.service.PlaybookSummary;
import io.alertpilot.console.service.ServiceClient;
import io.alertpilot.console.service.ServiceRefusedException;
import io.alertpilot.console.service.ServiceUnavailableException;
import io.alertpilot.readmodel.ReadModel;
import io.alertpilot.readmodel.RemediationQuery;
import io.alertpilot.readmodel.RemediationView;
import io.alertpilot.readmodel.TargetGuard;
import java.util.ArrayList;
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
     * @param guards its guards in words: as remediation says they are in force, or else the attempt bound its targets
     *     report
     */
    record PlaybookCard(PlaybookSummary playbook, String guards, List<RemediationView> lastRuns,
            List<TargetGuard> targets) {

        static PlaybookCard of(PlaybookSummary playbook, List<RemediationView> lastRuns, List<TargetGuard> targets) {
            String guards;
            if (playbook.guards() != null) {
                guards = words(playbook.guards());
            } else {
                guards = targets.isEmpty() ? "not reported by remediation"
                        : "attempts per target in the window: at most " + targets.getFirst().maxAttempts();
                if (playbook.approvalRequired()) {
                    guards += "; approval required";
                }
            }
            return new PlaybookCard(playbook, guards, lastRuns, targets);
        }

        /** {@code cooldown 15m; at most 3 attempts per target in 1h; ...}: each guard remediation gave, in words. */
        static String words(PlaybookGuards g) {
            List<String> words = new ArrayList<>();
            if (g.cooldown() != null) {
                words.add("cooldown " + Times.duration(g.cooldown()));
            }
            if (g.maxAttempts() != null) {
                words.add("at most " + g.maxAttempts() + " attempts per target"
                        + (g.window() == null ? "" : " in " + Times.duration(g.window())));
            }
            if (g.flapTransitions() != null) {
                words.add("flapping beyond " + g.flapTransitions() + " changes"
                        + (g.flapWindow() == null ? "" : " in " + Times.duration(g.flapWindow())));
            }
            if (g.minReadyReplicas() != null) {
                words.add("leaves at least " + g.minReadyReplicas() + " ready replicas");
            }
            if (g.maxReplicas() != null) {
                words.add("scales within " + (g.minReplicas() == null ? 1 : g.minReplicas()) + " to "
                        + g.maxReplicas() + " replicas");
            }
            if (g.rateLimit() != null) {
                words.add("at most " + g.rateLimit() + " actions per "
                        + (g.ratePeriod() == null ? "period" : Times.duration(g.ratePeriod())) + " service-wide");
            }
            if (g.approvalRequired()) {
                words.add("approval required" + (g.approvalTimeout() == null ? ""
                        : ", expires after " + Times.duration(g.approvalTimeout())));
            }
            words.add(g.dryRun() ? "dry run" : "live");
            return String.join("; ", words);
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
