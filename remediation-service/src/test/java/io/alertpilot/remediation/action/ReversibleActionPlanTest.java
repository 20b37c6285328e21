package io.alertpilot.remediation.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.PlaybookLoader;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** How {@code patch-hpa} and {@code isolate} are planned, and the pure parts of their actions. */
class ReversibleActionPlanTest {

    private final ActionPlanner planner = new ActionPlanner(new NamespacePolicy(Set.of(), Set.of("kube-system")),
            "default");

    private Plan plan(String action, Map<String, String> labels) {
        Playbook playbook = new PlaybookLoader().load(List.of(new PlaybookLoader.Source("p.yml", """
                playbooks:
                  - name: p
                    match: { alertname: A }
                    target: { kind: Deployment, namespace: shop, name: web }
                    actions: [ %s ]
                """.formatted(action))), Instant.EPOCH).playbooks().getFirst();
        return planner.plan(playbook, Alerts.firing("A", labels).build());
    }

    @Test
    void plansPatchHpaWithItsHpaNameSubstituted() {
        Plan plan = plan("{ patch-hpa: { max: 12, hpa: \"{{ labels.hpa }}\", revertOnRecovery: true } }",
                Map.of("hpa", "web-autoscaler"));
        assertThat(plan).isInstanceOfSatisfying(Plan.Planned.class, planned -> assertThat(planned.actions())
                .containsExactly(new Action.PatchHpa("web-autoscaler", null, 12, true)));
        assertThat(plan("{ patch-hpa: { min: 3 } }", Map.of())).isInstanceOfSatisfying(Plan.Planned.class,
                planned -> assertThat(planned.actions()).containsExactly(new Action.PatchHpa(null, 3, null, false)));
    }

    @Test
    void refusesAnHpaNameThatIsNoKubernetesName() {
        assertThat(plan("{ patch-hpa: { min: 3, hpa: \"{{ labels.hpa }}\" } }", Map.of("hpa", "../web")))
                .isInstanceOfSatisfying(Plan.Refused.class, refused -> {
                    assertThat(refused.reason()).isEqualTo("invalid-target");
                    assertThat(refused.field()).isEqualTo("actions[0].patch-hpa.hpa");
                });
    }

    @Test
    void plansIsolateWithItsDirections() {
        assertThat(plan("isolate", Map.of())).isInstanceOfSatisfying(Plan.Planned.class, planned -> assertThat(
                planned.actions()).containsExactly(new Action.Isolate(true, true, false)));
        assertThat(plan("{ isolate: { ingress: false, removeOnRecovery: true } }", Map.of()))
                .isInstanceOfSatisfying(Plan.Planned.class, planned -> assertThat(planned.actions())
                        .containsExactly(new Action.Isolate(false, true, true)));
    }

    @Test
    void theBoundsGivenAreSetAndOneBoundAloneMovesTheOtherOnlyWhenTheyWouldCross() {
        assertThat(new Action.PatchHpa(null, 4, 12, false).boundsFrom(2, 6)).isEqualTo(new Action.PatchHpa.Bounds(4, 12));
        assertThat(new Action.PatchHpa(null, 4, null, false).boundsFrom(2, 6)).isEqualTo(new Action.PatchHpa.Bounds(4, 6));
        assertThat(new Action.PatchHpa(null, 8, null, false).boundsFrom(2, 6)).isEqualTo(new Action.PatchHpa.Bounds(8, 8));
        assertThat(new Action.PatchHpa(null, null, 3, false).boundsFrom(5, 10)).isEqualTo(new Action.PatchHpa.Bounds(3, 3));
        assertThat(new Action.PatchHpa(null, null, 20, false).boundsFrom(5, 10))
                .isEqualTo(new Action.PatchHpa.Bounds(5, 20));
    }

    @Test
    void theIsolationPolicyIsNamedForTheWorkloadAndItsKindAndStaysAValidName() {
        assertThat(Action.Isolate.policyName("Deployment", "cart")).isEqualTo("alertpilot-isolate-deployment-cart");
        assertThat(Action.Isolate.policyName("StatefulSet", "cart")).isEqualTo("alertpilot-isolate-statefulset-cart");
        String longName = "a".repeat(250);
        String policy = Action.Isolate.policyName("Deployment", longName);
        assertThat(KubernetesNames.isSubdomain(policy)).as(policy).isTrue();
        assertThat(policy).isEqualTo(Action.Isolate.policyName("Deployment", longName))
                .isNotEqualTo(Action.Isolate.policyName("Deployment", "b" + "a".repeat(249)));
    }
}
