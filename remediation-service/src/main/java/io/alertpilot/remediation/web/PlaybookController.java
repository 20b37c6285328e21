package io.alertpilot.remediation.web;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.alertpilot.formats.AlertFormats;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.formats.InvalidAlertException;
import io.alertpilot.remediation.RemediationProperties;
import io.alertpilot.remediation.guard.GuardSettings;
import io.alertpilot.remediation.playbook.ActionSpec;
import io.alertpilot.remediation.playbook.ActionType;
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
import java.util.Optional;
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

    /**
     * The answer of GET /api/v1/playbooks: the list shape of every list answer ({@code items}, {@code total}), with
     * where the playbooks were loaded from, when, and the last reload's error.
     */
    record PlaybookList(List<PlaybookSummary> items, long total, List<String> files, Instant loadedAt,
            String lastReloadError) {
    }

    /**
     * One playbook in force.
     *
     * @param dryRun the playbook's own setting: true forces dry run, null follows the service
     * @param guards the guards in force for it, its own settings over the service's defaults
     * @param order where it is tried (ascending; the list is in the order playbooks are tried)
     * @param continueMatching {@code continue} in JSON: true when the search goes on after it matched
     */
    record PlaybookSummary(String name, String file, List<String> alertNames, List<String> actions,
            boolean approvalRequired, Boolean dryRun, PlaybookGuards guards, int order,
            @JsonProperty("continue") boolean continueMatching) {
    }

    /**
     * The guards a playbook's next action meets, as they are in force (its own {@code guard} settings over the
     * service's {@code alertpilot.remediation.guard.*}); durations in ISO-8601 ({@code PT15M}).
     *
     * @param cooldown the least time between two actions on one target
     * @param maxAttempts the most actions on one target within {@code window}
     * @param flapTransitions more FIRING/RESOLVED changes than this within {@code flapWindow} make the alert flapping
     * @param minReadyReplicas the blast-radius bound: the fewest ready replicas a restart or pod deletion may leave
     * @param minReplicas the fewest replicas its scale action may leave (1 when the action says none); null when it
     *     does not scale
     * @param maxReplicas the most replicas its scale action may reach; null when it does not scale
     * @param rateLimit the most actions the whole service starts per {@code ratePeriod} (every playbook together)
     * @param approvalTimeout how long an approval may wait, when one is required; else null
     * @param dryRun true when its actions are only planned (the playbook or the service says dry run)
     */
    record PlaybookGuards(String cooldown, int maxAttempts, String window, int flapTransitions, String flapWindow,
            int minReadyReplicas, Integer minReplicas, Integer maxReplicas, int rateLimit, String ratePeriod, boolean approvalRequired, String approvalTimeout,
            boolean dryRun) {

        static PlaybookGuards of(Playbook playbook, RemediationProperties properties) {
            GuardSettings settings = GuardSettings.of(properties.guardDefaults(), playbook.guard());
            String approvalTimeout = !playbook.approvalRequired() ? null : (playbook.approvalTimeout() != null
                    ? playbook.approvalTimeout() : properties.runSettings().approvalTimeout()).toString();
            Optional<ActionSpec> scale = playbook.actions().stream().filter(a -> a.type() == ActionType.SCALE)
                    .findFirst();
            return new PlaybookGuards(settings.cooldown().toString(), settings.maxAttempts(),
                    settings.window().toString(), settings.flapTransitions(), settings.flapWindow().toString(),
                    settings.minReadyReplicas(),
                    scale.map(a -> a.param("min") == null ? 1 : Integer.parseInt(a.param("min"))).orElse(null),
                    scale.map(a -> a.param("max")).map(Integer::valueOf).orElse(null), properties.guard().rateLimit(), properties.guard().ratePeriod()
                            .toString(), playbook.approvalRequired(), approvalTimeout,
                    properties.dryRun() || Boolean.TRUE.equals(playbook.dryRun()));
        }
    }

    /** The answer of evaluate: one evaluation per alert in the body. */
    record EvaluateResponse(List<Evaluation> evaluations) {
    }

    /** The body key of draft playbooks, and the file name their problems are reported under. */
    static final String DRAFT = "playbooks";
    static final String DRAFT_FILE = "draft";

    private final PlaybookLoader loader;
    private final PlaybookLibrary library;
    private final Evaluator evaluator;
    private final Clock clock;
    private final AlertFormats formats;
    private final TargetGuards targets;
    private final RemediationProperties properties;

    /** {@code formats} reads the body of evaluate as ingest's webhooks read theirs, with the same settings. */
    PlaybookController(PlaybookLibrary remediationPlaybookLibrary, Evaluator remediationEvaluator, Clock clock,
            AlertFormats formats, TargetGuards remediationTargetGuards, RemediationProperties properties) {
        this.library = remediationPlaybookLibrary;
        this.evaluator = remediationEvaluator;
        this.clock = clock;
        this.formats = formats;
        this.targets = remediationTargetGuards;
        this.properties = properties;
        this.loader = new PlaybookLoader(properties.lock().ttl());
    }

    @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
    PlaybookList list() {
        PlaybookSet set = library.current();
        return new PlaybookList(set.playbooks().stream().map(this::summary).toList(), set.playbooks().size(),
                set.files(), set.loadedAt(), library.lastError());
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

    private PlaybookSummary summary(Playbook p) {
        return new PlaybookSummary(p.name(), p.file(), p.match().alertNames(),
                p.actions().stream().map(a -> a.type().yamlName()).toList(), p.approvalRequired(), p.dryRun(),
                PlaybookGuards.of(p, properties), p.order(), p.continueMatching());
    }

}
