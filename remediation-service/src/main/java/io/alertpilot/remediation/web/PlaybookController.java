package io.alertpilot.remediation.web;

import io.alertpilot.formats.AlertFormats;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import io.alertpilot.remediation.playbook.PlaybookSet;
import io.alertpilot.remediation.run.Evaluation;
import io.alertpilot.remediation.run.Evaluator;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The playbooks in force, and evaluate: what would happen for an alert, without acting. */
@RestController
@RequestMapping("/api/v1/playbooks")
class PlaybookController {

    /** The answer of GET /api/v1/playbooks. */
    record PlaybookList(List<PlaybookSummary> playbooks, List<String> files, Instant loadedAt, String lastReloadError) {
    }

    record PlaybookSummary(String name, String file, List<String> alertNames, List<String> actions,
            boolean approvalRequired, Boolean dryRun) {
    }

    /** The answer of evaluate: one evaluation per alert in the body. */
    record EvaluateResponse(List<Evaluation> evaluations) {
    }

    private final PlaybookLibrary library;
    private final Evaluator evaluator;
    private final Clock clock;
    private final AlertFormats formats;

    /** {@code formats} reads the body of evaluate as ingest's webhooks read theirs, with the same settings. */
    PlaybookController(PlaybookLibrary remediationPlaybookLibrary, Evaluator remediationEvaluator, Clock clock,
            AlertFormats formats) {
        this.library = remediationPlaybookLibrary;
        this.evaluator = remediationEvaluator;
        this.clock = clock;
        this.formats = formats;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    PlaybookList list() {
        PlaybookSet set = library.current();
        return new PlaybookList(set.playbooks().stream().map(PlaybookController::summary).toList(), set.files(),
                set.loadedAt(), library.lastError());
    }

    @PostMapping(path = "/evaluate", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    EvaluateResponse evaluate(@RequestBody JsonNode body) {
        List<AlertEvent> alerts = formats.read(body, clock.instant());
        return new EvaluateResponse(alerts.stream().map(evaluator::evaluate).toList());
    }

    private static PlaybookSummary summary(Playbook p) {
        return new PlaybookSummary(p.name(), p.file(), p.match().alertNames(),
                p.actions().stream().map(a -> a.type().yamlName()).toList(), p.approvalRequired(), p.dryRun());
    }

}
