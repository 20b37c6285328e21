package io.alertpilot.notifier.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.config.ConfigProblem;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.notifier.escalation.ChannelNames;
import io.alertpilot.notifier.escalation.Contact;
import io.alertpilot.notifier.escalation.InvalidPolicyException;
import io.alertpilot.notifier.escalation.Policy;
import io.alertpilot.notifier.escalation.PolicySet;
import io.alertpilot.notifier.escalation.Step;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyLoaderTest {

    private final PolicyLoader loader = new PolicyLoader(new HashSet<>(ChannelNames.ALL));

    private static ByteArrayInputStream yaml(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void shippedPoliciesPageCriticalAndSendTheRestToChat() {
        PolicySet set = loader.load(null, true);
        Policy critical = set.route("Anything", Severity.CRITICAL, Map.of());
        assertThat(critical.name()).isEqualTo("critical");
        assertThat(critical.steps()).extracting(Step::after)
                .containsExactly(Duration.ZERO, Duration.ofMinutes(5), Duration.ofMinutes(15));
        assertThat(critical.steps().get(0).contacts()).containsExactly(new Contact("pagerduty", "primary"));
        assertThat(critical.steps().get(1).contacts()).containsExactly(new Contact("pagerduty", "secondary"));
        assertThat(critical.steps().get(2).contacts()).contains(new Contact("pagerduty", "manager"));
        assertThat(critical.fallback()).isEqualTo(new Contact("log", "pages"));
        for (Severity lower : new Severity[] {Severity.HIGH, Severity.WARNING, Severity.INFO}) {
            Policy policy = set.route("Anything", lower, Map.of());
            assertThat(policy.steps()).allSatisfy(step -> assertThat(step.contacts())
                    .allSatisfy(contact -> assertThat(contact.channel()).isEqualTo("slack")));
        }
    }

    @Test
    void routesBySeverityLabelsAndAlertNameInFileOrder() {
        var policies = loader.parse("routing.yaml", yaml("""
                policies:
                  - name: payments-team
                    match: { labels: { team: "payments|billing" }, severity: [critical, HIGH] }
                    steps: [ { notify: [ { opsgenie: "team:payments" } ] } ]
                  - name: database
                    match: { alertname: [PostgresPrimaryDown, PostgresReplicationLag] }
                    steps: [ { notify: [ { pagerduty: dba } ] } ]
                  - name: shop-namespace
                    match: { labels: { namespace: shop } }
                    steps: [ { notify: [ { teams: shop } ] } ]
                  - name: rest
                    steps: [ { notify: [ { email: ops@example.com } ] } ]
                """));
        PolicySet set = new PolicySet(policies);
        assertThat(set.route("X", Severity.CRITICAL, Map.of("team", "billing")).name()).isEqualTo("payments-team");
        assertThat(set.route("X", Severity.WARNING, Map.of("team", "billing")).name()).isEqualTo("rest");
        assertThat(set.route("X", Severity.CRITICAL, Map.of("team", "billing-eu")).name()).isEqualTo("rest");
        assertThat(set.route("PostgresPrimaryDown", Severity.INFO, Map.of()).name()).isEqualTo("database");
        assertThat(set.route("X", Severity.INFO, Map.of("namespace", "shop")).name()).isEqualTo("shop-namespace");
        assertThat(set.route("X", Severity.INFO, Map.of("namespace", "shop-dev")).name()).isEqualTo("rest");
    }

    @Test
    void aDirectoryPolicyReplacesTheShippedOneOfTheSameNameAndComesFirst(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("10-critical.yaml"), """
                policies:
                  - name: critical
                    match: { severity: CRITICAL }
                    steps: [ { notify: [ { log: oncall } ] } ]
                """);
        Files.writeString(dir.resolve("README.md"), "not a policy");
        PolicySet set = loader.load(dir, true);
        assertThat(set.policies().getFirst().source()).endsWith("10-critical.yaml");
        assertThat(set.policies()).filteredOn(p -> p.name().equals("critical")).hasSize(1);
        assertThat(set.route("X", Severity.CRITICAL, Map.of()).steps().getFirst().contacts())
                .containsExactly(new Contact("log", "oncall"));
    }

    @Test
    void anInvalidFileIsRefusedWithFilePolicyAndField(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("bad.yaml"), """
                policies:
                  - name: shop
                    steps:
                      - after: 0s
                        notify: [ { pagerduty: primary } ]
                      - after: soon
                        notify: [ { pagerduty: secondary } ]
                """);
        assertThatThrownBy(() -> loader.load(dir, true))
                .isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("bad.yaml")
                .hasMessageContaining("policy 'shop'")
                .hasMessageContaining("field 'steps[1].after'")
                .hasMessageContaining("soon");
    }

    @Test
    void everyKindOfMistakeNamesItsField() {
        assertField("""
                policies:
                  - name: a
                    steps: [ { notify: [ { pager: primary } ] } ]
                """, "a", "steps[0].notify[0]", "channel 'pager' is unknown");
        assertField("""
                policies:
                  - name: a
                    match: { severity: [urgent] }
                    steps: [ { notify: [ { log: x } ] } ]
                """, "a", "match.severity", "urgent");
        assertField("""
                policies:
                  - name: a
                    match: { labels: { team: "(" } }
                    steps: [ { notify: [ { log: x } ] } ]
                """, "a", "match.labels.team", "regular expression");
        assertField("""
                policies:
                  - name: a
                    steps: []
                """, "a", "steps", "non-empty");
        assertField("""
                policies:
                  - name: a
                    steps: [ { after: 5m, notify: [ { log: x } ] }, { after: 1m, notify: [ { log: y } ] } ]
                """, "a", "steps[1].after", "earlier");
        assertField("""
                policies:
                  - name: a
                    repeats: 3
                    steps: [ { notify: [ { log: x } ] } ]
                """, "a", "repeats", "is not known; known are");
        assertField("""
                policies:
                  - steps: [ { notify: [ { log: x } ] } ]
                """, "#0", "name", "required");
        assertField("""
                policies:
                  - name: a
                    repeat: -1
                    steps: [ { notify: [ { log: x } ] } ]
                """, "a", "repeat", "0 to 100");
        assertField("""
                policies:
                  - name: a
                    fallback: log
                    steps: [ { notify: [ { log: x } ] } ]
                """, "a", "fallback", "one channel");
    }

    @Test
    void reportsEveryBadPolicyOfAFileWithItsLine() {
        assertThatThrownBy(() -> loader.parse("p.yaml", yaml("""
                policies:
                  - name: a
                    stepz: [ { notify: [ { log: x } ] } ]
                  - name: fine
                    steps: [ { notify: [ { log: x } ] } ]
                  - name: c
                    steps: [ { after: soon, notify: [ { log: x } ] } ]
                """)))
                .isInstanceOfSatisfying(InvalidPolicyException.class, e -> assertThat(e.problems())
                        .extracting(p -> p.item() + " " + p.field() + " " + p.line())
                        .containsExactly("a stepz 3", "c steps[0].after 7"))
                .hasMessageContaining("'soon' is not a duration");
    }

    @Test
    void reportsEveryProblemOfOnePolicyWithFieldAndLine() {
        assertThatThrownBy(() -> loader.parse("p.yaml", yaml("""
                policies:
                  - name: critical
                    match: { severity: CRITICAL }
                    repeatIntervall: 15m
                    steps:
                      - after: 0s
                        notify: [ { pagerduty: primary } ]
                      - after: later
                        notfy: [ { pagerduty: secondary } ]
                """)))
                .isInstanceOfSatisfying(InvalidPolicyException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::located).containsExactly(
                                "p.yaml:4: critical: repeatIntervall: is not known; known are ackWithin, approvers, "
                                        + "breachNotify, fallback, group, groupBy, info, match, name, "
                                        + "remediationGrace, repeat, repeatInterval, resolveWithin, steps, "
                                        + "updateEvery, updateNotify",
                                "p.yaml:8: critical: steps[1].after: 'later' is not a duration such as 30s, 5m, "
                                        + "1h30m or PT5M",
                                "p.yaml:9: critical: steps[1].notfy: is not known; known are after, level, notify"));
    }

    @Test
    void reportsEveryFailingCheckOfOnePolicy() {
        assertThatThrownBy(() -> loader.parse("p.yaml", yaml("""
                policies:
                  - name: critical
                    match: { severity: [CRITICAL, LOUD] }
                    steps:
                      - after: 5m
                        notify: [ { pager: primary } ]
                      - after: 1m
                        notify: []
                    repeat: 500
                    fallback: { log: "" }
                """)))
                .isInstanceOfSatisfying(InvalidPolicyException.class, e -> assertThat(e.problems())
                        .extracting(ConfigProblem::field).containsExactly("match.severity", "steps[0].notify[0]",
                                "steps[1].after", "steps[1].notify", "repeat", "fallback.log"));
    }

    @Test
    void aMissingLabelReadsAsTheEmptyString() {
        PolicySet set = new PolicySet(loader.parse("p.yaml", yaml("""
                policies:
                  - name: no-team
                    match: { labels: { team: "" } }
                    steps: [ { notify: [ { log: x } ] } ]
                  - name: rest
                    steps: [ { notify: [ { log: y } ] } ]
                """)));
        assertThat(set.route("X", Severity.INFO, Map.of()).name()).isEqualTo("no-team");
        assertThat(set.route("X", Severity.INFO, Map.of("team", "shop")).name()).isEqualTo("rest");
    }

    @Test
    void twoPoliciesOfOneNameAreRefused(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("a.yaml"), """
                policies:
                  - name: same
                    steps: [ { notify: [ { log: x } ] } ]
                  - name: same
                    steps: [ { notify: [ { log: y } ] } ]
                """);
        assertThatThrownBy(() -> loader.load(dir, false)).isInstanceOf(InvalidPolicyException.class)
                .hasMessageContaining("a.yaml").hasMessageContaining("policy 'same'").hasMessageContaining("'name'");
    }

    @Test
    void policiesReadFromAnywhereCombineWithTheShippedOnesAndMustNotShareAName() {
        var critical = loader.parse("values.yaml#notifier.policies", yaml("""
                policies:
                  - name: critical
                    match: { severity: [CRITICAL] }
                    steps: [ { notify: [ { pagerduty: payments } ] } ]
                """));

        PolicySet set = loader.combine(critical, true);

        assertThat(set.route("Anything", Severity.CRITICAL, Map.of()).source()).isEqualTo("values.yaml#notifier.policies");
        assertThat(set.policies()).extracting(Policy::name).contains("critical").doesNotHaveDuplicates();
        assertThatThrownBy(() -> loader.combine(List.of(critical.getFirst(), critical.getFirst()), false))
                .isInstanceOf(InvalidPolicyException.class).hasMessageContaining("policy 'critical'");
    }

    @Test
    void everyNameUsedTwiceIsAClash() {
        var policies = loader.parse("a.yaml", yaml("""
                policies:
                  - name: same
                    steps: [ { notify: [ { log: x } ] } ]
                  - name: same
                    steps: [ { notify: [ { log: y } ] } ]
                  - name: other
                    steps: [ { notify: [ { log: z } ] } ]
                  - name: other
                    steps: [ { notify: [ { log: z } ] } ]
                """));

        assertThat(PolicyLoader.nameClashes(policies)).extracting(problem -> problem.item())
                .containsExactly("same", "other");
        assertThat(PolicyLoader.nameClashes(policies.subList(0, 1))).isEmpty();
    }

    @Test
    void theFilesOfADirectoryAreItsYamlFilesByNameWithoutDotFiles(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("b.yml"), "");
        Files.writeString(dir.resolve("a.yaml"), "");
        Files.writeString(dir.resolve(".hidden.yaml"), "");
        Files.writeString(dir.resolve("notes.txt"), "");

        assertThat(PolicyLoader.files(dir)).containsExactly(dir.resolve("a.yaml"), dir.resolve("b.yml"));
    }

    @Test
    void notYamlIsRefusedWithTheFileName() {
        assertThatThrownBy(() -> loader.parse("broken.yaml", yaml("policies: [ { name: a, steps: [")))
                .isInstanceOf(InvalidPolicyException.class).hasMessageStartingWith("broken.yaml");
    }

    private void assertField(String text, String policy, String field, String problem) {
        assertThatThrownBy(() -> loader.parse("p.yaml", yaml(text)))
                .isInstanceOfSatisfying(InvalidPolicyException.class, e -> {
                    assertThat(e.file()).isEqualTo("p.yaml");
                    assertThat(e.policy()).isEqualTo(policy);
                    assertThat(e.field()).isEqualTo(field);
                })
                .hasMessageContaining(problem);
    }
}
