package io.alertpilot.console.web;

import io.alertpilot.console.security.ConsoleUser;
import io.alertpilot.console.service.ServiceClient;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.remediation.Diagnosis;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.readmodel.IncidentQuery;
import io.alertpilot.readmodel.IncidentView;
import io.alertpilot.readmodel.ReadModel;
import io.alertpilot.readmodel.RemediationQuery;
import io.alertpilot.readmodel.RemediationView;
import io.alertpilot.support.web.QueryParameters;
import io.alertpilot.support.web.Role;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.springframework.http.ContentDisposition;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;
import org.springframework.web.util.UriComponentsBuilder;

/** The incidents page (live), one incident with its timeline, its post-incident report, acknowledge and resolve. */
@Controller
class IncidentPageController {

    private static final int LIMIT = 500;
    private static final int REMEDIATIONS_PER_REPORT = 1000;
    private static final MediaType MARKDOWN = new MediaType("text", "markdown", StandardCharsets.UTF_8);

    private final ReadModel readModel;
    private final ServiceClient services;
    private final Clock clock;

    IncidentPageController(ReadModel readModel, ServiceClient services, Clock clock) {
        this.readModel = readModel;
        this.services = services;
        this.clock = clock;
    }

    @GetMapping("/incidents")
    String list(@RequestParam(required = false) String state, @RequestParam(required = false) String severity,
            @RequestParam(required = false) String namespace, @RequestParam(required = false) String cluster,
            @RequestParam(required = false) String q, Model model) {
        rows(state, severity, namespace, cluster, q, model);
        model.addAttribute("filter", Map.of("state", blank(state), "severity", blank(severity),
                "namespace", blank(namespace), "cluster", blank(cluster), "q", blank(q)));
        model.addAttribute("states", IncidentState.values());
        model.addAttribute("severities", Severity.values());
        model.addAttribute("rowsUrl", UriComponentsBuilder.fromPath("/incidents/rows")
                .queryParamIfPresent("state", present(state)).queryParamIfPresent("severity", present(severity))
                .queryParamIfPresent("namespace", present(namespace))
                .queryParamIfPresent("cluster", present(cluster)).queryParamIfPresent("q", present(q))
                .encode().build().toUriString());
        return "incidents";
    }

    /** The rows of the incidents table (and the counts, out of band): what htmx reloads on every change. */
    @GetMapping("/incidents/rows")
    String rows(@RequestParam(required = false) String state, @RequestParam(required = false) String severity,
            @RequestParam(required = false) String namespace, @RequestParam(required = false) String cluster,
            @RequestParam(required = false) String q, Model model) {
        IncidentQuery query = new IncidentQuery(QueryParameters.enumValue("state", state, IncidentState.class),
                QueryParameters.enumValue("severity", severity, Severity.class), QueryParameters.text(namespace),
                QueryParameters.text(cluster), QueryParameters.text(q), LIMIT);
        model.addAttribute("incidents", readModel.incidents(query));
        model.addAttribute("counts", readModel.incidentCounts());
        return "incidents :: rows";
    }

    @GetMapping("/incidents/{id}")
    String incident(@PathVariable String id, Model model) {
        IncidentView incident = readModel.incident(id).orElseThrow(() -> new UnknownItemException("incident", id));
        List<AlertEvent> alerts = readModel.alerts(id);
        AlertEvent latest = alerts.isEmpty() ? null : alerts.getLast();
        model.addAttribute("incident", incident);
        model.addAttribute("timeline", readModel.timeline(id));
        model.addAttribute("annotations", latest == null || latest.annotations() == null ? Map.of()
                : latest.annotations());
        model.addAttribute("runbook", Links.safe(incident.runbookUrl()));
        model.addAttribute("generator", Links.safe(incident.generatorUrl()));
        model.addAttribute("diagnosis", diagnosis(incident));
        return "incident";
    }

    /**
     * The newest diagnosis of the incident's target: the one the notifier keeps on the incident, or a newer one on a
     * remediation event of its alert (a {@code diagnose} action, {@code diagnose: true}); null when none was gathered.
     */
    private Diagnosis diagnosis(IncidentView incident) {
        Diagnosis newest = incident.diagnosis();
        for (RemediationView remediation : readModel.remediations(new RemediationQuery(null, null,
                incident.fingerprint(), null, null, null, REMEDIATIONS_PER_REPORT)).items()) {
            for (RemediationEvent event : remediation.events()) {
                Diagnosis d = event.diagnosis();
                if (d != null && (newest == null || newest.gatheredAt() == null
                        || (d.gatheredAt() != null && d.gatheredAt().isAfter(newest.gatheredAt())))) {
                    newest = d;
                }
            }
        }
        return newest;
    }

    @GetMapping("/incidents/{id}/report.md")
    ResponseEntity<String> report(@PathVariable String id) {
        IncidentView incident = readModel.incident(id).orElseThrow(() -> new UnknownItemException("incident", id));
        String markdown = IncidentReport.markdown(incident, readModel.timeline(id),
                readModel.remediations(new RemediationQuery(null, null, incident.fingerprint(), null, null, null,
                        REMEDIATIONS_PER_REPORT)).items(), clock.instant());
        return ResponseEntity.ok().contentType(MARKDOWN)
                .header(HttpHeaders.CONTENT_DISPOSITION, ContentDisposition.inline()
                        .filename("incident-" + id + ".md", StandardCharsets.UTF_8).build().toString())
                .body(markdown);
    }

    @PostMapping("/incidents/{id}/acknowledge")
    String acknowledge(@PathVariable String id, @AuthenticationPrincipal ConsoleUser user,
            RedirectAttributes redirect) {
        requireRole(user, Role.RESPONDER);
        return Commands.run(redirect, page(id), "Acknowledged by " + user.name(),
                () -> services.acknowledge(user, id));
    }

    @PostMapping("/incidents/{id}/resolve")
    String resolve(@PathVariable String id, @AuthenticationPrincipal ConsoleUser user, RedirectAttributes redirect) {
        requireRole(user, Role.RESPONDER);
        return Commands.run(redirect, page(id), "Resolved by " + user.name(), () -> services.resolve(user, id));
    }

    private static String page(String id) {
        return UriComponentsBuilder.fromPath("/incidents/{id}").buildAndExpand(id).encode().toUriString();
    }

    /** The security chain checks the role already; this keeps the check beside the command it guards. */
    static void requireRole(ConsoleUser user, Role role) {
        if (user == null || !user.has(role)) {
            throw new org.springframework.security.access.AccessDeniedException("needs role " + role.configName());
        }
    }

    private static String blank(String value) {
        return value == null ? "" : value;
    }

    private static java.util.Optional<String> present(String value) {
        return java.util.Optional.ofNullable(QueryParameters.text(value));
    }
}
