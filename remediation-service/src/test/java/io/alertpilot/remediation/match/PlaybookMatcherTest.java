package io.alertpilot.remediation.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.PlaybookLoader;
import io.alertpilot.remediation.playbook.PlaybookSet;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class PlaybookMatcherTest {

    private final PlaybookMatcher matcher = new PlaybookMatcher();
    private final PlaybookSet set = new PlaybookLoader().load(List.of(new PlaybookLoader.Source("m.yml", """
            playbooks:
              - name: crash
                match:
                  alertname: KubePodCrashLooping
                  severity: [CRITICAL, HIGH]
                  labels: { namespace: "shop|payments" }
                target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                actions: [ restart ]
              - name: latency
                match: { alertname: [HighLatencyP95, HighRequestLatency], source: alertmanager }
                target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                actions: [ { scale: { by: 1, max: 5 } } ]
              - name: catch-all-crash
                match: { alertname: KubePodCrashLooping }
                actions: [ escalate ]
            """)), Instant.EPOCH);

    private Optional<String> match(AlertEvent alert) {
        return matcher.match(set, alert).map(Playbook::name);
    }

    /** A firing alert whose severity comes from its {@code severity} label, CRITICAL without one. */
    private static AlertEvent firing(String name, Map<String, String> labels) {
        Alerts.Builder alert = Alerts.firing(name, labels);
        return labels.containsKey("severity") ? alert.build() : alert.severity(Severity.CRITICAL).build();
    }

    @Test
    void matchesNameSeverityAndAnchoredLabels() {
        assertThat(match(firing("KubePodCrashLooping", Map.of("namespace", "shop", "deployment", "a"))))
                .contains("crash");
        assertThat(match(firing("KubePodCrashLooping", Map.of("namespace", "payments", "deployment", "a"))))
                .contains("crash");
    }

    @Test
    void labelPatternsAreAnchored() {
        assertThat(match(firing("KubePodCrashLooping", Map.of("namespace", "shop-staging"))))
                .contains("catch-all-crash");
        assertThat(match(firing("KubePodCrashLooping", Map.of("namespace", "myshop"))))
                .contains("catch-all-crash");
    }

    @Test
    void aMissingLabelReadsAsTheEmptyString() {
        assertThat(match(firing("KubePodCrashLooping", Map.of()))).contains("catch-all-crash");
        PlaybookSet optional = new PlaybookLoader().load(List.of(new PlaybookLoader.Source("o.yml", """
                playbooks:
                  - name: no-team-or-shop
                    match: { alertname: KubePodCrashLooping, labels: { team: "|shop" } }
                    actions: [ escalate ]
                """)), Instant.EPOCH);
        assertThat(matcher.match(optional, firing("KubePodCrashLooping", Map.of()))).isPresent();
        assertThat(matcher.match(optional, firing("KubePodCrashLooping", Map.of("team", "ops"))))
                .isEmpty();
    }

    @Test
    void severityOutsideTheListFallsThrough() {
        assertThat(match(firing("KubePodCrashLooping", Map.of("namespace", "shop", "severity", "warning"))))
                .contains("catch-all-crash");
    }

    @Test
    void alertNameListAndSource() {
        assertThat(match(firing("HighRequestLatency", Map.of()))).contains("latency");
        assertThat(match(firing("HighLatency", Map.of()))).isEmpty();
    }

    @Test
    void resolvedAlertsMatchOnlyWhenStatusIsIgnored() {
        AlertEvent resolved = Alerts.resolved("KubePodCrashLooping", Map.of("namespace", "shop")).fingerprint("f")
                .severity(Severity.CRITICAL).build();
        assertThat(match(resolved)).isEmpty();
        assertThat(matcher.matchIgnoringStatus(set, resolved).map(Playbook::name)).contains("crash");
    }

    private static PlaybookSet load(String... files) {
        List<PlaybookLoader.Source> sources = new java.util.ArrayList<>();
        for (int i = 0; i < files.length; i++) {
            sources.add(new PlaybookLoader.Source("f" + i + ".yml", files[i]));
        }
        return new PlaybookLoader().load(sources, Instant.EPOCH);
    }

    private List<String> matchAll(PlaybookSet playbooks, AlertEvent alert) {
        return matcher.matchAll(playbooks, alert).stream().map(Playbook::name).toList();
    }

    @Test
    void matchersAndAnnotationMatchersMustAllHold() {
        PlaybookSet playbooks = load("""
                playbooks:
                  - name: web-outside-infra
                    match:
                      alertname: ServiceDown
                      matchers: ['team!=infra', 'env=~"prod|staging"', 'pod!~"canary-.*"', tier=web]
                      annotations: ['runbook_url=~".+"']
                    actions: [ escalate ]
                """);
        Alerts.Builder alert = Alerts.firing("ServiceDown", Map.of("team", "shop", "env", "prod", "pod", "web-1",
                "tier", "web")).annotation("runbook_url", "https://runbooks/service-down");
        assertThat(matcher.match(playbooks, alert.build())).isPresent();
        assertThat(matcher.match(playbooks, alert.label("team", "infra").build())).isEmpty();
        assertThat(matcher.match(playbooks, alert.label("team", "shop").label("env", "dev").build())).isEmpty();
        assertThat(matcher.match(playbooks, alert.label("env", "staging").label("pod", "canary-1").build()))
                .isEmpty();
        assertThat(matcher.match(playbooks, alert.label("pod", "web-1").label("tier", "api").build())).isEmpty();
        assertThat(matcher.match(playbooks, alert.label("tier", "web").build())).isPresent();
        assertThat(matcher.match(playbooks, Alerts.firing("ServiceDown", Map.of("env", "prod", "tier", "web"))
                .build())).as("no runbook_url annotation reads as the empty string").isEmpty();
        assertThat(matcher.match(playbooks, Alerts.firing("ServiceDown", Map.of("env", "prod", "tier", "web"))
                .annotation("runbook_url", "x").build())).as("a missing team is not infra").isPresent();
    }

    @Test
    void rawPriorityMatchesTheSourceSeverityOrThePriorityLabelInAnySpelling() {
        PlaybookSet playbooks = load("""
                playbooks:
                  - name: top-priority
                    match: { alertname: ServiceDown, priority: [P0, SEV-1] }
                    actions: [ escalate ]
                """);
        assertThat(matcher.match(playbooks, Alerts.firing("ServiceDown").sourceSeverity("Sev1").build())).isPresent();
        assertThat(matcher.match(playbooks, Alerts.firing("ServiceDown").sourceSeverity("sev 1").build()))
                .isPresent();
        assertThat(matcher.match(playbooks, Alerts.firing("ServiceDown", Map.of("severity", "critical",
                "priority", "p0")).build())).isPresent();
        assertThat(matcher.match(playbooks, Alerts.firing("ServiceDown", Map.of("severity", "critical",
                "priority", "P2")).build())).isEmpty();
        assertThat(matcher.match(playbooks, Alerts.firing("ServiceDown", Map.of("severity", "critical",
                "priority", "SEV_1")).sourceSeverity("critical").build()))
                .as("Alertmanager: the severity label is the source severity, the priority label counts beside it, "
                        + "spelled as the notifier's policies read it").isPresent();
        assertThat(matcher.match(playbooks, Alerts.firing("ServiceDown").sourceSeverity("Sev2").build())).isEmpty();
        assertThat(matcher.match(playbooks, Alerts.firing("ServiceDown", Map.of("severity", "critical")).build()))
                .as("the normalized severity is not a raw priority").isEmpty();
    }

    @Test
    void playbooksAreTriedByOrderAndEqualOrdersKeepFileOrder() {
        PlaybookSet playbooks = load("""
                playbooks:
                  - name: late
                    order: 20
                    match: { alertname: ServiceDown }
                    actions: [ escalate ]
                  - name: first-of-ten
                    order: 10
                    match: { alertname: ServiceDown }
                    actions: [ escalate ]
                """, """
                playbooks:
                  - name: second-of-ten
                    order: 10
                    match: { alertname: ServiceDown }
                    actions: [ escalate ]
                  - name: unordered
                    match: { alertname: ServiceDown }
                    actions: [ escalate ]
                """);
        assertThat(playbooks.playbooks()).extracting(Playbook::name)
                .containsExactly("unordered", "first-of-ten", "second-of-ten", "late");
        assertThat(matcher.match(playbooks, Alerts.firing("ServiceDown").build()).map(Playbook::name))
                .contains("unordered");
    }

    private static final String CONTINUE = """
            playbooks:
              - name: note
                continue: true
                match: { alertname: ServiceDown }
                actions: [ escalate ]
              - name: other-alert
                continue: true
                match: { alertname: DiskFull }
                actions: [ escalate ]
              - name: restart
                order: 5
                match: { alertname: ServiceDown, matchers: [tier=web] }
                actions: [ escalate ]
              - name: ends-the-search
                order: 5
                match: { alertname: ServiceDown }
                actions: [ escalate ]
              - name: never-reached
                order: 9
                match: { alertname: ServiceDown }
                actions: [ escalate ]
            """;

    @Test
    void continueLetsTheSearchGoOnUpToAPlaybookWithoutIt() {
        PlaybookSet playbooks = load(CONTINUE);
        assertThat(matchAll(playbooks, Alerts.firing("ServiceDown", Map.of("tier", "web")).build()))
                .containsExactly("note", "restart");
        assertThat(matchAll(playbooks, Alerts.firing("ServiceDown", Map.of("tier", "db")).build()))
                .containsExactly("note", "ends-the-search");
        assertThat(matchAll(playbooks, Alerts.firing("DiskFull").build())).containsExactly("other-alert");
        assertThat(matchAll(playbooks, Alerts.firing("Unknown").build())).isEmpty();
    }

    @Test
    void aResolvedAlertFindsEveryFiringCounterpartAcrossContinue() {
        PlaybookSet playbooks = load(CONTINUE);
        AlertEvent resolved = Alerts.resolved("ServiceDown", Map.of("tier", "web")).build();
        assertThat(matchAll(playbooks, resolved)).isEmpty();
        assertThat(matcher.firingCounterparts(playbooks, resolved)).extracting(Playbook::name)
                .containsExactly("note", "restart");
    }
}
