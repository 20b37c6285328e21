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
}
