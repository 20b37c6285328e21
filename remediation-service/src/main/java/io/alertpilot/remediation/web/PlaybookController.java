package io.alertpilot.remediation.web;

import io.alertpilot.formats.AlertFormats;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.formats.InvalidAlertException;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.PlaybookLoader;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import io.alertpilot.remediation.playbook.PlaybookSet;
import io.alertpilot.remediation.run.Evaluation;
import io.alertpilot.remediation.run.Evaluator;
import io.alertpilot.remediation.run.TargetGuards;
import io.alertpilot.readmodel.ListAnswer;
import io.alertpilot.readmodel.TargetGuard;
import io.alertpilot.support.web.QueryParameters;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.springframework.http.MediaType;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import tools.jackson.databind.JsonNode;

/** The playbooks in force, and evaluate: what would happen for an alert, with them or with drafts, without acting. */
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

    /** The body key of draft playbooks, and the file name their problems are reported under. */
    static final String DRAFT = "playbooks";
    static final String DRAFT_FILE = "draft";

    private final PlaybookLoader loader = new PlaybookLoader();
    private final PlaybookLibrary library;
    private final Evaluator evaluator;
    private final Clock clock;
    private final AlertFormats formats;
    private final TargetGuards targets;

    /** {@code formats} reads the body of evaluate as ingest's webhooks read theirs, with the same settings. */
    PlaybookController(PlaybookLibrary remediationPlaybookLibrary, Evaluator remediationEvaluator, Clock clock,
            AlertFormats formats, TargetGuards remediationTargetGuards) {
        this.library = remediationPlaybookLibrary;
        this.evaluator = remediationEvaluator;
        this.clock = clock;
        this.formats = formats;
        this.targets = remediationTargetGuards;
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    PlaybookList list() {
        PlaybookSet set = library.current();
        return new PlaybookList(set.playbooks().stream().map(PlaybookController::summary).toList(), set.files(),
                set.loadedAt(), library.lastError());
    }

    /**
     * {@code GET /api/v1/playbooks/targets?playbook=}: per loaded playbook (or only {@code playbook}) and target it
     * touched, the guard state its next alert would meet (cooldown, attempts in the window and the bound, flapping
     * count, lock holder, last phase, last action).
     */
    @GetMapping(path = "/targets", produces = MediaType.APPLICATION_JSON_VALUE)
    ListAnswer<TargetGuard> targets(@RequestParam(required = false) String playbook) {
        return targets.of(QueryParameters.text(playbook));
    }

    /**
     * What would happen for the alert(s) in the body: any alert format, or {@code {"playbooks": "<YAML text of a
     * playbook file>", "alerts": <any alert format>}} to try draft playbooks instead of the loaded ones, on the
     * service's current state, without loading them.
     *
     * @throws io.alertpilot.remediation.playbook.InvalidPlaybookException when the draft is not a valid playbook file
     */
    @PostMapping(path = "/evaluate", consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    EvaluateResponse evaluate(@RequestBody JsonNode body) {
        Instant now = clock.instant();
        if (body.isObject() && body.path(DRAFT).isString()) {
            PlaybookSet drafts = loader.load(List.of(new PlaybookLoader.Source(DRAFT_FILE,
                    body.get(DRAFT).asString())), now);
            JsonNode alerts = body.path("alerts");
            if (alerts.isMissingNode() || alerts.isNull()) {
                throw new InvalidAlertException("alerts", "a body with draft playbooks needs the alert(s) to try "
                        + "them on in 'alerts', in any alert format");
            }
            return new EvaluateResponse(formats.read(alerts, now).stream()
                    .map(alert -> evaluator.evaluate(drafts, alert)).toList());
        }
        List<AlertEvent> alerts = formats.read(body, now);
        return new EvaluateResponse(alerts.stream().map(evaluator::evaluate).toList());
    }

    private static PlaybookSummary summary(Playbook p) {
        return new PlaybookSummary(p.name(), p.file(), p.match().alertNames(),
                p.actions().stream().map(a -> a.type().yamlName()).toList(), p.approvalRequired(), p.dryRun());
    }

}
