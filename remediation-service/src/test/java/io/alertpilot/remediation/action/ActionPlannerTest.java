package io.alertpilot.remediation.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.PlaybookLoader;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ActionPlannerTest {

    private final ActionPlanner planner = new ActionPlanner(new NamespacePolicy(Set.of("shop", "payments"),
            Set.of("kube-system")), "default");

    static Playbook playbook(String target, String action) {
        return new PlaybookLoader().load(List.of(new PlaybookLoader.Source("p.yml", """
                playbooks:
                  - name: p
                    match: { alertname: A }
                    target: %s
                    actions: [ %s ]
                """.formatted(target, action))), Instant.EPOCH).playbooks().getFirst();
    }

    private static final Playbook RESTART = playbook(
            "{ kind: Deployment, namespace: \"{{ labels.namespace }}\", name: \"{{ labels.deployment }}\" }", "restart");

    private static AlertEvent alert(String namespace, String deployment) {
        Map<String, String> labels = new HashMap<>();
        labels.put("namespace", namespace);
        labels.put("deployment", deployment);
        labels.put("cluster", "aks-shop-prod-weu");
        return Alerts.firing("A", labels).build();
    }

    @Test
    void substitutesLabelsIntoTargetAndActions() {
        Plan plan = planner.plan(RESTART, alert("shop", "checkout-api"));
        assertThat(plan).isInstanceOf(Plan.Planned.class);
        Plan.Planned planned = (Plan.Planned) plan;
        assertThat(planned.target()).isEqualTo(new ResolvedTarget("aks-shop-prod-weu", "Deployment", "shop", "checkout-api"));
        assertThat(planned.target().key()).isEqualTo("aks-shop-prod-weu/shop/Deployment/checkout-api");
        assertThat(planned.actions()).containsExactly(new Action.Restart());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../x", "a/b", "web\nkubectl delete ns prod", "Checkout", "a..b", "-a", "a b", "x;y", ""})
    void refusesHostileNamesBeforeAnyApiCall(String hostile) {
        Plan plan = planner.plan(RESTART, alert("shop", hostile));
        assertThat(plan).isInstanceOf(Plan.Refused.class);
        Plan.Refused refused = (Plan.Refused) plan;
        assertThat(refused.reason()).isEqualTo("invalid-target");
        assertThat(refused.field()).isEqualTo("target.name");
        assertThat(refused.message()).doesNotContain("\n");
    }

    @Test
    void refusesANameOf300Characters() {
        Plan plan = planner.plan(RESTART, alert("shop", "a".repeat(300)));
        assertThat(plan).isInstanceOf(Plan.Refused.class);
        assertThat(((Plan.Refused) plan).message()).contains("(300 characters)");
    }

    @Test
    void refusesANamespaceOutsideTheAllowList() {
        Plan plan = planner.plan(RESTART, alert("prod-db", "checkout-api"));
        assertThat(plan).isInstanceOf(Plan.Refused.class);
        assertThat(((Plan.Refused) plan).reason()).isEqualTo("namespace");
        assertThat(((Plan.Refused) plan).message()).contains("prod-db");
    }

    @Test
    void refusesADeniedNamespaceAndATraversingOne() {
        ActionPlanner open = new ActionPlanner(new NamespacePolicy(Set.of(), Set.of("kube-system")), "default");
        assertThat(((Plan.Refused) open.plan(RESTART, alert("kube-system", "coredns"))).reason()).isEqualTo("namespace");
        assertThat(((Plan.Refused) open.plan(RESTART, alert("../kube-system", "coredns"))).reason())
                .isEqualTo("invalid-target");
    }

    @Test
    void aMissingLabelIsRefusedNotLeftEmpty() {
        Plan plan = planner.plan(RESTART, Alerts.firing("A", Map.of("namespace", "shop")).build());
        assertThat(((Plan.Refused) plan).message()).contains("labels.deployment");
    }

    @Test
    void aSubstitutedValueIsNotSubstitutedAgain() {
        Templates templates = new Templates();
        AlertEvent alert = Alerts.firing("A", Map.of("a", "{{ labels.b }}", "b", "x")).build();
        assertThat(templates.substitute("{{ labels.a }}", alert, "f")).isEqualTo("{{ labels.b }}");
    }

    @Test
    void deletePodAndCordonTakeTheirNameFromTemplates() {
        Playbook delete = playbook("{ kind: Deployment, namespace: \"{{ labels.namespace }}\", name: \"{{ labels.deployment }}\" }",
                "{ delete-pod: { pod: \"{{ labels.pod }}\" } }");
        Map<String, String> labels = new HashMap<>(Map.of("namespace", "shop", "deployment", "api", "pod", "api-7d-x2"));
        Plan.Planned planned = (Plan.Planned) planner.plan(delete, Alerts.firing("A", labels).build());
        assertThat(planned.actions()).containsExactly(new Action.DeletePod("api-7d-x2"));

        labels.put("pod", "../../etc");
        assertThat(planner.plan(delete, Alerts.firing("A", labels).build())).isInstanceOf(Plan.Refused.class);

        Playbook cordon = playbook("{ kind: Node, name: \"{{ labels.node }}\" }", "cordon");
        Plan.Planned node =
                (Plan.Planned) planner.plan(cordon, Alerts.firing("A", Map.of("node", "aks-pool-1")).build());
        assertThat(node.actions()).containsExactly(new Action.Cordon("aks-pool-1"));
        assertThat(node.target().namespace()).isNull();
    }

    @Test
    void scaleStaysInsideMinAndMax() {
        Action.Scale scale = new Action.Scale(null, 4, 2, 10);
        assertThat(scale.desired(3)).isEqualTo(7);
        assertThat(scale.desired(8)).isEqualTo(10);
        assertThat(new Action.Scale(null, -5, 2, 10).desired(3)).isEqualTo(2);
        assertThat(new Action.Scale(6, null, 1, 5).desired(1)).isEqualTo(5);
    }

    @Test
    void anInvalidClusterLabelIsRefused() {
        Map<String, String> labels = new HashMap<>(Map.of("namespace", "shop", "deployment", "api", "cluster", "../x"));
        assertThat(planner.plan(RESTART, Alerts.firing("A", labels).build())).isInstanceOf(Plan.Refused.class);
    }
}
