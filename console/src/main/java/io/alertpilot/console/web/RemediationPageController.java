package io.alertpilot.console.web;

import io.alertpilot.console.security.ConsoleUser;
import io.alertpilot.console.service.ServiceClient;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.readmodel.ListAnswer;
import io.alertpilot.readmodel.ReadModel;
import io.alertpilot.readmodel.RemediationQuery;
import io.alertpilot.readmodel.RemediationView;
import io.alertpilot.support.web.Role;
import java.util.Map;
import java.util.Optional;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** The remediations page: those waiting for approval first, with approve and reject, then the history. */
@Controller
class RemediationPageController {

    private static final int LIMIT = 500;

    private final ReadModel readModel;
    private final ServiceClient services;

    RemediationPageController(ReadModel readModel, ServiceClient services) {
        this.readModel = readModel;
        this.services = services;
    }

    @GetMapping("/remediations")
    String list(@RequestParam(required = false) String phase, @RequestParam(required = false) String playbook,
            @RequestParam(required = false) String namespace, Model model) {
        RemediationPhase wanted = InvalidFilterException.parse(RemediationPhase.class, "phase", phase);
        String playbookName = blankToNull(playbook);
        String namespaceName = blankToNull(namespace);
        ListAnswer<RemediationView> pending = readModel.remediations(new RemediationQuery(
                RemediationPhase.PENDING_APPROVAL, playbookName, null, namespaceName, null, null, LIMIT));
        ListAnswer<RemediationView> history = readModel.remediations(new RemediationQuery(wanted, playbookName, null,
                namespaceName, null, null, LIMIT));
        model.addAttribute("pending", pending.items());
        model.addAttribute("history", history.items().stream()
                .filter(r -> r.phase() != RemediationPhase.PENDING_APPROVAL).toList());
        model.addAttribute("historyTotal", history.total());
        model.addAttribute("phases", RemediationPhase.values());
        model.addAttribute("pageUrl", UriComponentsBuilder.fromPath("/remediations")
                .queryParamIfPresent("phase", Optional.ofNullable(blankToNull(phase)))
                .queryParamIfPresent("playbook", Optional.ofNullable(playbookName))
                .queryParamIfPresent("namespace", Optional.ofNullable(namespaceName)).encode().build().toUriString());
        model.addAttribute("filter", Map.of("phase", phase == null ? "" : phase,
                "playbook", playbook == null ? "" : playbook, "namespace", namespace == null ? "" : namespace));
        return "remediations";
    }

    @PostMapping("/remediations/{id}/approve")
    String approve(@PathVariable String id, @AuthenticationPrincipal ConsoleUser user, RedirectAttributes redirect) {
        IncidentPageController.requireRole(user, Role.APPROVER);
        return Commands.run(redirect, "/remediations", "Approved by " + user.name(),
                () -> services.approve(user, id));
    }

    @PostMapping("/remediations/{id}/reject")
    String reject(@PathVariable String id, @AuthenticationPrincipal ConsoleUser user, RedirectAttributes redirect) {
        IncidentPageController.requireRole(user, Role.APPROVER);
        return Commands.run(redirect, "/remediations", "Rejected by " + user.name(), () -> services.reject(user, id));
    }

    static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
