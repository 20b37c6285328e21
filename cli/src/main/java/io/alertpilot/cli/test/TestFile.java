package io.alertpilot.cli.test;

import io.alertpilot.cli.rehearse.SimulatedObject;
import io.alertpilot.model.remediation.RemediationPhase;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * A playbook test file as bound from YAML ({@code schemas/playbook-test.schema.json} describes it): the playbooks,
 * policies and service settings, and the tests, each a timed sequence of alerts with the decisions and pages it
 * expects. Paths are relative to the file. Immutable.
 *
 * @param playbooks playbook files or directories
 * @param policies escalation policy files or directories; none: the notifier's shipped policies
 * @param settings service settings, as in the services' application.yml under {@code alertpilot.remediation}
 *     ({@code notifier:} for {@code alertpilot.notifier}); default: the services' defaults with dry run off
 */
public record TestFile(List<String> playbooks, List<String> policies, Map<String, Object> settings,
        List<TestCase> tests) {

    public TestFile {
        if (playbooks == null || playbooks.isEmpty()) {
            throw new IllegalArgumentException("playbooks: name at least one playbook file or directory");
        }
        policies = policies == null ? List.of() : List.copyOf(policies);
        playbooks = List.copyOf(playbooks);
        settings = settings == null ? Map.of() : settings;
        if (tests == null || tests.isEmpty()) {
            throw new IllegalArgumentException("tests: the file holds no test");
        }
        tests = List.copyOf(tests);
    }

    /**
     * One test.
     *
     * @param settings settings of this test over the file's
     * @param kubernetes the objects the guards and verification read; objects not listed exist and are healthy
     * @param approvals humans answering approval requests
     * @param until how long after the start the test runs; default: until nothing is due any more
     */
    public record TestCase(String name, Map<String, Object> settings, List<SimulatedObject> kubernetes,
            List<TestAlert> alerts, List<Approval> approvals, Duration until, Expect expect) {

        public TestCase {
            if (name == null || name.isBlank()) {
                throw new IllegalArgumentException("name: every test needs a name");
            }
            settings = settings == null ? Map.of() : settings;
            kubernetes = kubernetes == null ? List.of() : List.copyOf(kubernetes);
            if (alerts == null || alerts.isEmpty()) {
                throw new IllegalArgumentException("alerts: the test sends no alert");
            }
            alerts = List.copyOf(alerts);
            approvals = approvals == null ? List.of() : List.copyOf(approvals);
            if (expect == null) {
                throw new IllegalArgumentException("expect: the test expects nothing");
            }
        }
    }

    /**
     * An alert sent {@code at} after the start: in AlertPilot's generic shape (as {@code POST /webhook/generic}
     * takes one), or a webhook {@code body} of another {@code format} as its tool sends it.
     *
     * @param format with {@code body}: {@code alertmanager}, {@code azure-monitor} or {@code generic}
     * @param body a whole webhook body; then no generic field may be given
     */
    public record TestAlert(Duration at, String name, String status, String severity, Map<String, String> labels,
            Map<String, String> annotations, String fingerprint, String summary, String description,
            String runbookUrl, String generatorUrl, String startsAt, String endsAt, Map<String, String> target,
            String groupKey, String receiver, String externalUrl, String format, JsonNode body) {

        public TestAlert {
            if (at == null) {
                throw new IllegalArgumentException("at: when the alert arrives, after the start (0s, 2m)");
            }
            if (body == null && format != null) {
                throw new IllegalArgumentException("format goes with body, a whole webhook body");
            }
            if (body != null && (name != null || status != null || labels != null)) {
                throw new IllegalArgumentException("give either body (a whole webhook body) or the generic fields "
                        + "(name, status, labels, ...), not both");
            }
        }
    }

    /**
     * A human answering, {@code at} after the start, the oldest approval request of {@code playbook}.
     *
     * @param decision {@code approve} (the default) or {@code reject}
     */
    public record Approval(Duration at, String playbook, String by, String decision) {

        public Approval {
            if (at == null || playbook == null) {
                throw new IllegalArgumentException("at and playbook are required");
            }
            by = by == null ? "tester" : by;
            decision = decision == null ? "approve" : decision.toLowerCase(Locale.ROOT);
            if (!decision.equals("approve") && !decision.equals("reject")) {
                throw new IllegalArgumentException("decision must be approve or reject, not '" + decision + "'");
            }
        }
    }

    /**
     * What a test expects.
     *
     * @param remediations every decision, in order (none listed: no decision at all)
     * @param pages when given, every notification, in order
     * @param breaches when given, every service level missed, in order
     */
    public record Expect(List<ExpectedDecision> remediations, List<ExpectedPage> pages,
            List<ExpectedBreach> breaches) {

        public Expect {
            remediations = remediations == null ? List.of() : List.copyOf(remediations);
            pages = pages == null ? null : List.copyOf(pages);
            breaches = breaches == null ? null : List.copyOf(breaches);
        }

        /** An expectation without breaches. */
        public Expect(List<ExpectedDecision> remediations, List<ExpectedPage> pages) {
            this(remediations, pages, null);
        }
    }

    /**
     * An expected service-level breach; a key left out is not compared.
     *
     * @param kind {@code ack} or {@code resolve}
     */
    public record ExpectedBreach(Duration at, String kind) {
    }

    /**
     * An expected decision; a key left out is not compared.
     *
     * @param target {@code namespace/Kind/name}, {@code Kind/name} without a namespace
     * @param step the 1-based ladder step the decision belongs to ({@code steps}); left out: not compared
     */
    public record ExpectedDecision(Duration at, String playbook, String action, String target, String phase,
            String reason, Boolean dryRun, Integer step) {

        public ExpectedDecision {
            if (phase != null) {
                try {
                    phase = RemediationPhase.valueOf(phase.toUpperCase(Locale.ROOT)).name();
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException("phase must be one of " + List.of(RemediationPhase.values())
                            + ", not '" + phase + "'");
                }
            }
        }
    }

    /**
     * An expected notification; a key left out is not compared.
     *
     * @param to {@code channel:recipient} as the policy names it, e.g. {@code pagerduty:primary}
     * @param kind {@code trigger}, {@code acknowledge}, {@code resolve}, {@code info}, {@code update} or
     *     {@code breach}
     * @param level the on-call level the step pages ({@code primary}, {@code secondary}, ...)
     * @param alerts how many alerts the incident lists when it is sent (a group's; 1 for one alert)
     */
    public record ExpectedPage(Duration at, String to, String kind, String level, Integer alerts) {

        /** A page expectation without level and alerts. */
        public ExpectedPage(Duration at, String to, String kind) {
            this(at, to, kind, null, null);
        }
    }
}
