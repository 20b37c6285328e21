package io.alertpilot.notifier.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.notifier.escalation.ChannelNames;
import io.alertpilot.notifier.escalation.Contact;
import io.alertpilot.notifier.escalation.Grouping;
import io.alertpilot.notifier.escalation.InvalidPolicyException;
import io.alertpilot.notifier.escalation.Policy;
import io.alertpilot.notifier.escalation.PolicySla;
import io.alertpilot.notifier.escalation.Step;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The policy keys of the runbooks' escalation: raw priorities, levels, service levels and grouping. */
class PolicyEscalationKeysTest {

    private static final String POLICY = """
            policies:
              - name: a
                %s
            """;

    private final PolicyLoader loader = new PolicyLoader(new HashSet<>(ChannelNames.ALL));

    private List<Policy> parse(String text) {
        return loader.parse("p.yaml", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void readsPrioritiesLevelsServiceLevelsAndGrouping() {
        Policy policy = parse("""
                policies:
                  - name: sev1
                    match: { priority: [Sev1, P0], labels: { kind: "security|data" } }
                    steps:
                      - { after: 0s, level: primary, notify: [ { pagerduty: primary } ] }
                      - { after: 30m, level: Secondary, notify: [ { pagerduty: secondary } ] }
                      - { after: 1h, level: incident commander, notify: [ { pagerduty: manager } ] }
                    ackWithin: 5m
                    resolveWithin: 30m
                    updateEvery: 15m
                    breachNotify: [ { email: cto@example.com } ]
                    updateNotify: { slack: incidents }
                    group: alertmanager
                """).getFirst();
        assertThat(policy.steps()).extracting(Step::level).containsExactly("primary", "secondary",
                "incident commander");
        assertThat(policy.sla()).isEqualTo(new PolicySla(Duration.ofMinutes(5), Duration.ofMinutes(30),
                Duration.ofMinutes(15), List.of(new Contact("email", "cto@example.com")),
                List.of(new Contact("slack", "incidents"))));
        assertThat(policy.grouping()).isEqualTo(Grouping.ALERTMANAGER);
        assertThat(policy.match().matches("X", Severity.HIGH, Map.of("kind", "data"), "SEV-1")).isTrue();
        assertThat(policy.match().matches("X", Severity.HIGH, Map.of("kind", "data"), "p 0")).isTrue();
        assertThat(policy.match().matches("X", Severity.HIGH, Map.of("kind", "network"), "Sev1")).isFalse();
        assertThat(policy.match().matches("X", Severity.HIGH, Map.of("kind", "data"), "Sev2")).isFalse();
        assertThat(policy.match().matches("X", Severity.HIGH, Map.of("kind", "data"), null)).isFalse();
    }

    @Test
    void aPriorityLabelCountsBesideTheSourceSeverityAsForAPlaybook() {
        Policy policy = parse(POLICY.formatted("""
                match: { priority: [P1] }
                    steps: [ { notify: [ { log: x } ] } ]""")).getFirst();
        // Alertmanager's source severity is the severity label: the priority label must count too
        assertThat(policy.match().matches("X", Severity.CRITICAL, Map.of("severity", "critical", "priority", "P1"),
                "critical")).isTrue();
        assertThat(policy.match().matches("X", Severity.CRITICAL, Map.of("priority", "p-1"), null)).isTrue();
        assertThat(policy.match().matches("X", Severity.CRITICAL, Map.of("priority", "P2"), "critical")).isFalse();
    }

    @Test
    void alertmanagerMatchersRouteByLabels() {
        Policy policy = parse(POLICY.formatted("""
                match: { matchers: ['team!=infra', 'env=~"prod|staging"', 'pod!~"canary-.*"'] }
                    steps: [ { notify: [ { log: x } ] } ]""")).getFirst();
        assertThat(policy.match().matches("X", Severity.HIGH, Map.of("team", "shop", "env", "prod", "pod", "a-1"),
                null)).isTrue();
        assertThat(policy.match().matches("X", Severity.HIGH, Map.of("env", "staging"), null))
                .as("a missing label reads as \"\"").isTrue();
        assertThat(policy.match().matches("X", Severity.HIGH, Map.of("team", "infra", "env", "prod"), null)).isFalse();
        assertThat(policy.match().matches("X", Severity.HIGH, Map.of("env", "production"), null))
                .as("anchored").isFalse();
        assertThat(policy.match().matches("X", Severity.HIGH, Map.of("env", "prod", "pod", "canary-1"), null))
                .isFalse();
    }

    @Test
    void withoutTheNewKeysAPolicyHasNoServiceLevelAndNoGrouping() {
        Policy policy = parse("""
                policies:
                  - name: a
                    groupBy: [alertname, namespace]
                    steps: [ { notify: [ { log: x } ] } ]
                  - name: b
                    steps: [ { notify: [ { log: x } ] } ]
                """).getLast();
        assertThat(policy.sla()).isEqualTo(PolicySla.NONE);
        assertThat(policy.grouping()).isNull();
        assertThat(policy.steps().getFirst().level()).isNull();
    }

    @Test
    void everyMistakeNamesItsField() {
        assertField("ackWithin: 0s", "ackWithin", "positive");
        assertField("resolveWithin: -5m", "resolveWithin", "");
        assertField("updateEvery: 0", "updateEvery", "positive");
        assertField("breachNotify: [ { log: x } ]", "breachNotify", "ackWithin or resolveWithin");
        assertField("updateNotify: [ { log: x } ]", "updateNotify", "updateEvery");
        assertField("ackWithin: 5m\n    breachNotify: [ { pager: cto } ]", "breachNotify[0]", "unknown");
        assertField("group: prometheus", "group", "alertmanager");
        assertField("group: alertmanager\n    groupBy: [alertname]", "groupBy", "alternatives");
        assertField("groupBy: []", "groupBy", "label names");
        assertField("groupBy: [\"a-b\"]", "groupBy", "label names");
        assertField("match: { priority: [\"\"] }", "match.priority", "raw priorities");
        assertField("matchers: [x]", "matchers", "is not known");
        assertField("match: { matchers: [team] }", "match.matchers[0]", "'team' is not a matcher");
        assertField("match: { matchers: ['a=b', 'env=~\"(prod\"'] }", "match.matchers[1]",
                "'(prod' is not a valid regular expression");
        assertFieldOfStep("level: \"!\"", "steps[0].level", "primary, secondary, lead, manager, executive");
    }

    private void assertField(String key, String field, String problem) {
        check(POLICY.formatted(key + "\n    steps: [ { notify: [ { log: x } ] } ]"), field, problem);
    }

    private void assertFieldOfStep(String key, String field, String problem) {
        check(POLICY.formatted("steps: [ { " + key + ", notify: [ { log: x } ] } ]"), field, problem);
    }

    private void check(String text, String field, String problem) {
        assertThatThrownBy(() -> parse(text))
                .isInstanceOfSatisfying(InvalidPolicyException.class, e -> {
                    assertThat(e.policy()).isEqualTo("a");
                    assertThat(e.field()).isEqualTo(field);
                })
                .hasMessageContaining(problem);
    }
}
