package io.alertpilot.remediation.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.remediation.playbook.Playbook;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The plans of scale-keda, run-job and drain: templates substituted and checked as Kubernetes names. */
class WorkActionsPlannerTest {

    private final ActionPlanner planner = new ActionPlanner(new NamespacePolicy(Set.of("shop", "db"), Set.of()),
            "default");

    private static Playbook playbook(String target, String action) {
        return ActionPlannerTest.playbook(target, action);
    }

    private Plan plan(Playbook playbook, Map<String, String> labels) {
        return planner.plan(playbook, Alerts.firing("A", labels).build());
    }

    @Test
    void scaleKedaFindsTheScaledObjectOfTheTargetOrTheNamedOne() {
        Playbook byTarget = playbook("{ kind: Deployment, namespace: shop, name: \"{{ labels.deployment }}\" }",
                "{ scale-keda: { max: 30 } }");
        assertThat(((Plan.Planned) plan(byTarget, Map.of("deployment", "orders"))).actions())
                .containsExactly(new Action.ScaleKeda(null, null, 30));

        Playbook named = playbook("{ kind: Deployment, namespace: shop, name: orders }",
                "{ scale-keda: { min: 2, scaledObject: \"{{ labels.so }}\" } }");
        assertThat(((Plan.Planned) plan(named, Map.of("so", "orders-queue"))).actions())
                .containsExactly(new Action.ScaleKeda("orders-queue", 2, null));
        assertThat(plan(named, Map.of("so", "../x"))).isInstanceOf(Plan.Refused.class);
    }

    @Test
    void runJobTakesTheTargetCronJobOrTheNamedOne() {
        Playbook onCronJob = playbook("{ kind: CronJob, namespace: db, name: \"{{ labels.cronjob }}\" }", "run-job");
        Plan.Planned planned = (Plan.Planned) plan(onCronJob, Map.of("cronjob", "nightly-backup"));
        assertThat(planned.target()).isEqualTo(new ResolvedTarget("default", "CronJob", "db", "nightly-backup"));
        assertThat(planned.actions()).containsExactly(new Action.RunJob("nightly-backup"));

        Playbook named = playbook("{ kind: Deployment, namespace: shop, name: web }",
                "{ run-job: { cronJob: security-scan } }");
        assertThat(((Plan.Planned) plan(named, Map.of())).actions()).containsExactly(new Action.RunJob("security-scan"));
    }

    @Test
    void drainTakesTheNodeAndItsEvictionTimeout() {
        Playbook drain = playbook("{ kind: Node, name: \"{{ labels.node }}\" }", "{ drain: { evictionTimeout: 90s } }");
        Plan.Planned planned = (Plan.Planned) plan(drain, Map.of("node", "aks-pool-1"));
        assertThat(planned.actions()).containsExactly(new Action.Drain("aks-pool-1", Duration.ofSeconds(90)));
        assertThat(planned.actions().getFirst().parameters()).containsEntry("evictionTimeout", "PT1M30S");
        assertThat(plan(drain, Map.of("node", "a b"))).isInstanceOf(Plan.Refused.class);
    }
}
