package io.alertpilot.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.remediation.action.ActionPlanner;
import io.alertpilot.remediation.action.KubernetesNames;
import io.alertpilot.remediation.action.NamespacePolicy;
import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.match.PlaybookMatcher;
import io.alertpilot.remediation.playbook.InvalidPlaybookException;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.PlaybookLoader;
import io.alertpilot.remediation.playbook.PlaybookSet;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Any playbook file either loads or is refused with {@link InvalidPlaybookException}; a playbook that loads can be
 * matched and planned against alerts, and planning refuses (never throws) what it cannot substitute. A plan only
 * names valid Kubernetes names in an allowed namespace. Seeds: the shipped example playbooks.
 */
class PlaybookFuzzTest {

    private static final Instant NOW = Instant.parse("2026-11-23T08:00:00Z");
    private static final NamespacePolicy NAMESPACES = new NamespacePolicy(Set.of(), Set.of("kube-system"));
    private static final List<AlertEvent> ALERTS = List.of(
            Alerts.firing("KubePodCrashLooping", Map.of("namespace", "shop", "deployment", "checkout-api",
                    "pod", "checkout-api-1", "severity", "critical")).build(),
            Alerts.firing("HighLatencyP95", Map.of("namespace", "../kube-system", "deployment", "a/b",
                    "node", "%2e%2e", "service", "x\ny")).build(),
            Alerts.firing("KubeNodeNotReady", Map.of("node", "node-1", "cluster", "aks-prod")).build());

    private final PlaybookLoader loader = new PlaybookLoader();
    private final ActionPlanner planner = new ActionPlanner(NAMESPACES, "default");

    @FuzzTest(maxDuration = "30s")
    void loadAndPlan(byte[] data) {
        String yaml = new String(data, StandardCharsets.UTF_8);
        PlaybookSet set;
        try {
            set = loader.load(List.of(new PlaybookLoader.Source("fuzz.yml", yaml)), NOW);
        } catch (InvalidPlaybookException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        PlaybookMatcher matcher = new PlaybookMatcher();
        for (AlertEvent alert : ALERTS) {
            matcher.match(set, alert);
            matcher.matchIgnoringStatus(set, alert);
            for (Playbook playbook : set.playbooks()) {
                Plan plan = planner.plan(playbook, alert);
                if (plan instanceof Plan.Planned planned && planned.target().namespace() != null) {
                    assertThat(KubernetesNames.isLabel(planned.target().namespace())).isTrue();
                    assertThat(NAMESPACES.allows(planned.target().namespace())).isTrue();
                }
                if (plan instanceof Plan.Planned planned && planned.target().name() != null) {
                    assertThat(KubernetesNames.isSubdomain(planned.target().name())).isTrue();
                }
            }
        }
    }
}
