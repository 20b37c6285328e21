package io.alertpilot.remediation.it;

import io.alertpilot.config.Durations;
import io.alertpilot.model.kafka.Json;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;

/**
 * The alert sequence of {@code rehearsal/guard-sequence.test.yml}, in the shape of the CLI's playbook test file: the
 * playbooks, the rate limit, the Kubernetes objects, the alerts and a human's approvals at their offsets, and the
 * decisions a live run makes. One place for the sequence, so that the CLI can run the very same file.
 *
 * @param steps the alerts and approvals in time order (an approval after the alerts of its instant)
 * @param expected the live run's decisions, in order
 */
record GuardSequence(Path playbooks, int rateLimit, Duration ratePeriod, List<Map<String, Object>> objects,
        List<Step> steps, List<Decided> expected) {

    static final Path FILE = Path.of("src/test/resources/rehearsal/guard-sequence.test.yml");

    /** An alert or an approval at its offset from the start. */
    sealed interface Step {
        Duration at();
    }

    /** An alert in AlertPilot's generic shape. */
    record AlertStep(Duration at, JsonNode alert) implements Step {
    }

    /** A human approves the waiting remediation of {@code playbook}. */
    record ApprovalStep(Duration at, String playbook, String by) implements Step {
    }

    /**
     * A decision: what the run did about one alert occurrence (STARTED, PLANNED in dry run, SKIPPED, PENDING_APPROVAL).
     *
     * @param target {@code namespace/kind/name}
     * @param reason the SKIPPED reason, {@code approval} for PENDING_APPROVAL, else null
     */
    record Decided(Duration at, String playbook, String target, String phase, String reason) {
    }

    /** Reads the file. */
    @SuppressWarnings("unchecked")
    static GuardSequence read() {
        Map<String, Object> file;
        try {
            file = new Yaml().load(Files.readString(FILE));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Map<String, Object> settings = (Map<String, Object>) file.get("settings");
        Map<String, Object> test = ((List<Map<String, Object>>) file.get("tests")).getFirst();
        List<Step> steps = new ArrayList<>();
        for (Map<String, Object> alert : (List<Map<String, Object>>) test.get("alerts")) {
            Map<String, Object> body = new LinkedHashMap<>(alert);
            Duration at = Durations.parse(String.valueOf(body.remove("at")));
            steps.add(new AlertStep(at, Json.mapper().valueToTree(body)));
        }
        for (Map<String, Object> approval : (List<Map<String, Object>>) test.get("approvals")) {
            steps.add(new ApprovalStep(Durations.parse(String.valueOf(approval.get("at"))),
                    (String) approval.get("playbook"), (String) approval.get("by")));
        }
        // stable: alerts keep their order, and an approval comes after the alerts of its instant
        steps.sort(Comparator.comparing(Step::at));
        List<Decided> expected = ((List<Map<String, Object>>) ((Map<String, Object>) test.get("expect"))
                .get("remediations")).stream()
                .map(r -> new Decided(Durations.parse(String.valueOf(r.get("at"))), (String) r.get("playbook"),
                        (String) r.get("target"), (String) r.get("phase"), (String) r.get("reason")))
                .toList();
        String playbooks = ((List<String>) file.get("playbooks")).getFirst();
        return new GuardSequence(FILE.resolveSibling(playbooks), (Integer) settings.get("rateLimit"),
                Durations.parse(String.valueOf(settings.get("ratePeriod"))),
                (List<Map<String, Object>>) test.get("kubernetes"), steps, expected);
    }

    /**
     * The decisions a dry run makes: PLANNED where the live run has STARTED, and no PENDING_APPROVAL (a dry run plans
     * an action that needs approval as if approved at once).
     */
    List<Decided> expectedInDryRun() {
        return expected.stream().filter(d -> !Objects.equals(d.phase(), "PENDING_APPROVAL"))
                .map(d -> d.phase().equals("STARTED")
                        ? new Decided(d.at(), d.playbook(), d.target(), "PLANNED", d.reason()) : d)
                .toList();
    }
}
