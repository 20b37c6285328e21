package io.alertpilot.console.web;

import io.alertpilot.console.security.ConsoleUser;
import io.alertpilot.console.service.ServiceClient;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.readmodel.ListAnswer;
import io.alertpilot.readmodel.ReadModel;
import io.alertpilot.readmodel.RemediationQuery;
import io.alertpilot.readmodel.RemediationView;
import io.alertpilot.support.web.QueryParameters;
import io.alertpilot.support.web.Role;
import java.time.Clock;
import java.util.Locale;
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

/**
 * The remediations page: those waiting for approval first, with approve and reject, then the history; and one
 * remediation's page (where the notifier's approval links lead) with its events, approve and reject.
 */
@Controller
class RemediationPageController {

    private static final int LIMIT = 500;

    /** The value of the {@code from} form field that sends the browser back to the remediation's own page. */
    static final String FROM_PAGE = "page";

    private final ReadModel readModel;
    private final ServiceClient services;
    private final Clock clock;

    RemediationPageController(ReadModel readModel, ServiceClient services, Clock clock) {
        this.readModel = readModel;
        this.services = services;
        this.clock = clock;
    }

    @GetMapping("/remediations")
    String list(@RequestParam(required = false) String phase, @RequestParam(required = false) String playbook,
            @RequestParam(required = false) String namespace, Model model) {
        RemediationPhase wanted = QueryParameters.enumValue("phase", phase, RemediationPhase.class);
        String playbookName = QueryParameters.text(playbook);
        String namespaceName = QueryParameters.text(namespace);
        ListAnswer<RemediationView> pending = readModel.remediations(new RemediationQuery(
                RemediationPhase.PENDING_APPROVAL, playbookName, null, namespaceName, null, null, LIMIT));
        ListAnswer<RemediationView> history = readModel.remediations(new RemediationQuery(wanted, playbookName, null,
                namespaceName, null, null, LIMIT));
        model.addAttribute("pending", pending.items());
        model.addAttribute("history", history.items().stream()
                .filter(r -> r.phase() != RemediationPhase.PENDING_APPROVAL).toList());
        model.addAttribute("phases", RemediationPhase.values());
        model.addAttribute("pageUrl", UriComponentsBuilder.fromPath("/remediations")
                .queryParamIfPresent("phase", Optional.ofNullable(QueryParameters.text(phase)))
                .queryParamIfPresent("playbook", Optional.ofNullable(playbookName))
                .queryParamIfPresent("namespace", Optional.ofNullable(namespaceName)).encode().build().toUriString());
        model.addAttribute("filter", Map.of("phase", phase == null ? "" : phase,
                "playbook", playbook == null ? "" : playbook, "namespace", namespace == null ? "" : namespace));
        return "remediations";
    }

    /** One remediation: its facts, every event, the link to its incident, approve and reject while it waits. */
    @GetMapping("/remediations/{id}")
    String remediation(@PathVariable String id, Model model) {
        RemediationView remediation = readModel.remediation(id)
                .orElseThrow(() -> new UnknownItemException("remediation", id));
        model.addAttribute("remediation", remediation);
        model.addAttribute("pending", remediation.phase() == RemediationPhase.PENDING_APPROVAL);
        model.addAttribute("decision", decision(remediation));
        model.addAttribute("now", clock.instant());
        return "remediation";
    }

    /**
     * Approves at remediation; the browser goes back to the remediation's page when {@code from} is
     * {@value #FROM_PAGE}, else to the list.
     */
    @PostMapping("/remediations/{id}/approve")
    String approve(@PathVariable String id, @RequestParam(required = false) String from,
            @AuthenticationPrincipal ConsoleUser user, RedirectAttributes redirect) {
        IncidentPageController.requireRole(user, Role.APPROVER);
        return Commands.run(redirect, back(id, from), "Approved by " + user.name(),
                () -> services.approve(user, id));
    }

    /** Rejects at remediation; where the browser goes next as for {@link #approve}. */
    @PostMapping("/remediations/{id}/reject")
    String reject(@PathVariable String id, @RequestParam(required = false) String from,
            @AuthenticationPrincipal ConsoleUser user, RedirectAttributes redirect) {
        IncidentPageController.requireRole(user, Role.APPROVER);
        return Commands.run(redirect, back(id, from), "Rejected by " + user.name(),
                () -> services.reject(user, id));
    }

    private static String back(String id, String from) {
        return FROM_PAGE.equals(from)
                ? UriComponentsBuilder.fromPath("/remediations/{id}").buildAndExpand(id).encode().toUriString()
                : "/remediations";
    }

    /**
     * Who approved or rejected it, in words ({@code Approved by arno}), from the first event that names someone and
     * the message remediation gave it; null when nobody has.
     */
    static String decision(RemediationView remediation) {
        for (RemediationEvent event : remediation.events()) {
            if (event.by() != null) {
                String message = event.message() == null ? "" : event.message().toLowerCase(Locale.ROOT);
                String verb = message.contains("rejected by") || "rejected".equals(event.reason()) ? "Rejected"
                        : message.contains("approved by") ? "Approved" : "Decided";
                return verb + " by " + event.by();
            }
        }
        return null;
    }
}
