package io.alertpilot.remediation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alertpilot.formats.AlertFormats;
import io.alertpilot.formats.FormatSettings;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.SeverityMapping;
import io.alertpilot.model.fixtures.Samples;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.WindowMatcher;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.testing.TestClock;
import io.alertpilot.remediation.decide.Decider;
import io.alertpilot.remediation.decide.KnownClusters;
import io.alertpilot.remediation.guard.Guards;
import io.alertpilot.remediation.guard.InMemoryLedger;
import io.alertpilot.remediation.guard.LocalTargetLocks;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.node.ObjectNode;

/**
 * Evaluate says what the run does: for every shipped playbook file (the service's examples, compose's, the Helm
 * chart's) x every alert sample x FIRING and RESOLVED, in dry
 * run and live, each occurrence is evaluated and then handled on the same in-memory ledger, locks and clock, and the
 * playbook, the outcome, the guard that blocks and whether it acts must be what the run's events and executor show.
 * Each alert goes through RESOLVED (nothing fired yet), FIRING, FIRING a minute later (the guards now see the first
 * action), RESOLVED, and that RESOLVED occurrence delivered again.
 */
class EvaluateRunAgreementTest {

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    /** The Helm chart's playbook files, under {@code remediation.playbooks} of its values, one file per key. */
    private static final String HELM_VALUES = "../helm/alertpilot/values.yaml";
    private static final List<String> PLAYBOOK_FILES = List.of("src/main/resources/playbooks/examples.yml",
            "../compose/playbooks/demo.yaml", "src/test/resources/playbooks/resolved-before-firing.yml", HELM_VALUES);

    private final TestClock clock = new TestClock(START);
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final List<RemediationEvent> events = new CopyOnWriteArrayList<>();
    private final RecordingExecutor executor = new RecordingExecutor();
    private final LocalTargetLocks locks = new LocalTargetLocks(clock, "agreement");

    @TempDir
    Path dir;

    @AfterEach
    void stop() {
        scheduler.shutdownNow();
    }

    /**
     * What an evaluation promises, or what the run did, in the same terms.
     *
     * @param steps phase:reason of every event but VERIFIED, in order
     * @param dryRun true when only dry-run PLANNED events follow
     * @param acted true when the executor is (was) called
     */
    record Outcome(String playbook, List<String> steps, boolean dryRun, boolean acted) {
    }

    static Stream<Arguments> everyPlaybookFileAndSample() {
        List<String> samples = Samples.validInbound();
        assertThat(samples).hasSizeGreaterThanOrEqualTo(8);
        List<Arguments> cases = new ArrayList<>();
        for (String playbooks : PLAYBOOK_FILES) {
            for (String sample : samples) {
                for (boolean dryRun : new boolean[] {false, true}) {
                    cases.add(Arguments.of(playbooks, sample, dryRun));
                }
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} x {1}, dry run {2}")
    @MethodSource("everyPlaybookFileAndSample")
    void evaluateSaysWhatTheRunDoes(String playbooks, String sample, boolean dryRun) {
        RemediationRun run = run(playbooks, dryRun);
        for (AlertEvent alert : normalize(sample)) {
            AlertEvent resolved = occurrence(alert, AlertStatus.RESOLVED);
            step(run, occurrence(alert, AlertStatus.RESOLVED));
            step(run, occurrence(alert, AlertStatus.FIRING));
            clock.advance(Duration.ofMinutes(1));
            step(run, occurrence(alert, AlertStatus.FIRING));
            step(run, resolved);
            step(run, resolved);
            clock.advance(Duration.ofMinutes(1));
        }
    }

    @Test
    void aFiringAlertGoesToTheFiringPlaybookListedAfterAResolvedOne() {
        RemediationRun run = run(PLAYBOOK_FILES.get(2), false);
        AlertEvent firing = occurrence(normalize("alertmanager/firing-crashloop.json").getFirst(),
                AlertStatus.FIRING);
        Evaluation evaluation = step(run, firing);
        assertThat(evaluation.playbook()).isEqualTo("restart-crashlooping-pods");
        assertThat(evaluation.wouldAct()).isTrue();
        assertThat(executor.executed).singleElement().extracting(a -> a.type().yamlName()).isEqualTo("restart");

        Evaluation resolved = step(run, occurrence(firing, AlertStatus.RESOLVED));
        assertThat(resolved.playbook()).isEqualTo("note-the-recovery");
        assertThat(resolved.recovery().playbook()).isEqualTo("restart-crashlooping-pods");
        assertThat(executor.executed).extracting(a -> a.type().yamlName()).containsExactly("restart", "webhook");
    }

    @Test
    void inDryRunAPlannedRestartHoldsTheNextOneBackForTheCooldownAsAStartedOneDoesLive() {
        for (boolean dryRun : new boolean[] {true, false}) {
            RemediationRun run = run(PLAYBOOK_FILES.getFirst(), dryRun);
            AlertEvent firing = normalize("alertmanager/firing-crashloop.json").getFirst();
            assertThat(step(run, occurrence(firing, AlertStatus.FIRING)).outcome())
                    .isEqualTo(dryRun ? "dry-run" : "act");
            clock.advance(Duration.ofMinutes(14));
            Evaluation held = step(run, occurrence(firing, AlertStatus.FIRING));
            assertThat(held.outcome()).as("dry run %s", dryRun).isEqualTo("blocked");
            assertThat(held.blockedBy()).isEqualTo(Guards.COOLDOWN);
            clock.advance(Duration.ofMinutes(2));
            assertThat(step(run, occurrence(firing, AlertStatus.FIRING)).outcome())
                    .isEqualTo(dryRun ? "dry-run" : "act");
            clock.advance(Duration.ofHours(3));
        }
        assertThat(executor.executed).as("two live restarts, none in dry run").hasSize(2);
    }

    @Test
    void anAlertNamingAnUnknownClusterIsRefusedByEvaluateAndSkippedByTheRunInDryRunAndLive() {
        for (boolean dryRun : new boolean[] {true, false}) {
            RemediationRun run = run(PLAYBOOK_FILES.getFirst(), dryRun);
            ObjectNode node = Json.mapper().valueToTree(normalize("alertmanager/firing-crashloop.json").getFirst());
            ((ObjectNode) node.get("target")).put("cluster", "nope");
            ((ObjectNode) node.get("labels")).put("cluster", "nope");
            Evaluation evaluation = step(run, occurrence(Json.mapper().treeToValue(node, AlertEvent.class),
                    AlertStatus.FIRING));
            assertThat(evaluation.outcome()).isEqualTo("refused");
            assertThat(evaluation.refusal().reason()).isEqualTo(KnownClusters.UNKNOWN_CLUSTER);
            assertThat(events.getLast().phase()).isEqualTo(RemediationPhase.SKIPPED);
        }
        assertThat(executor.executed).isEmpty();
    }

    @Test
    void aMaintenanceWindowWithoutAutomationSkipsWhatItCoversInEvaluateDryRunAndLiveAndLeavesTheRestAlone() {
        AlertEvent crashloop = normalize("alertmanager/firing-crashloop.json").getFirst();
        String namespace = crashloop.target().namespace();
        MaintenanceWindow window = new MaintenanceWindow("w-1", List.of(WindowMatcher.equal("namespace", namespace)),
                START, null, null, false, true, "node upgrade", "alice", START, null, null);
        ObjectNode elsewhere = Json.mapper().valueToTree(crashloop);
        ((ObjectNode) elsewhere.get("target")).put("namespace", namespace + "-other");
        ((ObjectNode) elsewhere.get("labels")).put("namespace", namespace + "-other");
        ((ObjectNode) elsewhere).put("fingerprint", "elsewhere");
        for (boolean dryRun : new boolean[] {true, false}) {
            RemediationRun run = TestRuns.run(List.of(PLAYBOOK_FILES.getFirst()), dryRun, new InMemoryLedger(), locks,
                    executor, events, scheduler, clock, () -> List.of(window));
            Evaluation held = step(run, occurrence(crashloop, AlertStatus.FIRING));
            assertThat(held.outcome()).isEqualTo("blocked");
            assertThat(held.blockedBy()).isEqualTo(Decider.MAINTENANCE);
            assertThat(events.getLast().message()).contains("w-1", "node upgrade");
            assertThat(step(run, occurrence(Json.mapper().treeToValue(elsewhere, AlertEvent.class),
                    AlertStatus.FIRING)).outcome()).isEqualTo(dryRun ? "dry-run" : "act");
            clock.advance(Duration.ofHours(3));
        }
        assertThat(executor.executed).as("only the alert outside the window, live").hasSize(1);
    }

    /** Evaluates {@code alert}, has the run handle it, and compares; answers the evaluation. */
    private Evaluation step(RemediationRun run, AlertEvent alert) {
        Evaluation evaluation = run.evaluator().evaluate(alert);
        int from = events.size();
        int calls = executor.executed.size();
        run.remediator().handle(alert);
        await().atMost(Duration.ofSeconds(10)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(5))
                .until(() -> verifiedAll()
                        && (evaluation.targetKey() == null || locks.holder(evaluation.targetKey()).isEmpty()));
        List<RemediationEvent> happened = List.copyOf(events.subList(from, events.size()));
        assertThat(done(happened, executor.executed.size() > calls))
                .as("%s %s (%s): %s", alert.name(), alert.status(), alert.fingerprint(), evaluation)
                .isEqualTo(promised(evaluation));
        return evaluation;
    }

    private static Outcome promised(Evaluation evaluation) {
        List<String> steps = new ArrayList<>();
        if (evaluation.recovery() != null) {
            evaluation.recovery().cancels().forEach(id -> steps.add("SKIPPED:resolved"));
            if (evaluation.recovery().revertTo() != null) {
                steps.addAll(List.of("PLANNED:revert", "STARTED:revert", "SUCCEEDED:revert"));
            }
        }
        List<String> actions = evaluation.actions().stream().map(Evaluation.PlannedAction::type).toList();
        switch (evaluation.outcome()) {
            case "no-playbook", "duplicate" -> {
            }
            case "refused" -> steps.add((Set.of(Guards.NAMESPACE, KnownClusters.UNKNOWN_CLUSTER)
                    .contains(evaluation.refusal().reason()) ? "SKIPPED:" : "FAILED:") + evaluation.refusal().reason());
            case "blocked" -> actions.forEach(a -> steps.add("SKIPPED:" + evaluation.blockedBy()));
            case "dry-run" -> actions.forEach(a -> steps.add("PLANNED:null"));
            case "needs-approval" -> steps.addAll(List.of("PLANNED:null", "PENDING_APPROVAL:approval"));
            case "escalate", "act" -> actions.forEach(a -> steps.addAll(a.equals("escalate")
                    ? List.of("PLANNED:null", "SKIPPED:escalate") : List.of("PLANNED:null", "STARTED:null",
                            "SUCCEEDED:null")));
            default -> throw new AssertionError("unknown outcome " + evaluation.outcome());
        }
        boolean planned = !List.of("no-playbook", "duplicate").contains(evaluation.outcome());
        return new Outcome(planned ? evaluation.playbook() : null, steps, evaluation.outcome().equals("dry-run"),
                evaluation.wouldAct());
    }

    private static Outcome done(List<RemediationEvent> happened, boolean acted) {
        List<RemediationEvent> own = happened.stream()
                .filter(e -> !"resolved".equals(e.reason()) && !"revert".equals(e.reason())).toList();
        List<String> steps = happened.stream().filter(e -> e.phase() != RemediationPhase.VERIFIED)
                .map(e -> e.phase() + ":" + e.reason()).toList();
        String playbook = own.stream().map(RemediationEvent::playbook).distinct()
                .reduce((a, b) -> a + "," + b).orElse(null);
        boolean dryRun = !own.isEmpty() && own.stream().allMatch(RemediationEvent::dryRun)
                && own.stream().allMatch(e -> e.phase() == RemediationPhase.PLANNED);
        return new Outcome(playbook, steps, dryRun, acted);
    }

    private boolean verifiedAll() {
        long succeeded = events.stream().filter(e -> e.phase() == RemediationPhase.SUCCEEDED).count();
        long ended = events.stream().filter(e -> e.phase() == RemediationPhase.VERIFIED
                || e.phase() == RemediationPhase.FAILED && Objects.equals(e.reason(), "verify-timeout")).count();
        return succeeded == ended;
    }

    private RemediationRun run(String playbooks, boolean dryRun) {
        String location = playbooks.equals(HELM_VALUES) ? helmPlaybooks() : playbooks;
        return TestRuns.run(List.of(location), dryRun, new InMemoryLedger(), locks, executor, events, scheduler, clock);
    }

    /** The chart's playbook files written into a directory, as the chart mounts them. */
    @SuppressWarnings("unchecked")
    private String helmPlaybooks() {
        Yaml yaml = new Yaml();
        try {
            Map<String, Object> values = yaml.load(Files.readString(Path.of(HELM_VALUES)));
            Map<String, Object> files = (Map<String, Object>) ((Map<String, Object>) values.get("remediation"))
                    .get("playbooks");
            assertThat(files).isNotEmpty();
            for (Map.Entry<String, Object> file : files.entrySet()) {
                Files.writeString(dir.resolve(file.getKey()), file.getValue() instanceof String text ? text
                        : yaml.dump(file.getValue()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return dir.toString();
    }

    /**
     * The alerts of a sample, normalized as evaluate normalizes them.
     */
    private static List<AlertEvent> normalize(String sample) {
        return new AlertFormats(new FormatSettings(SeverityMapping.defaults(), 1000)).read(Samples.json(sample), START);
    }

    /** A new occurrence of {@code alert} with {@code status}. */
    private static AlertEvent occurrence(AlertEvent alert, AlertStatus status) {
        ObjectNode node = Json.mapper().valueToTree(alert);
        node.put("status", status.name());
        node.put("eventId", UUID.randomUUID().toString());
        return Json.mapper().treeToValue(node, AlertEvent.class);
    }
}
