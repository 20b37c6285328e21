package io.alertpilot.remediation.azure;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.Target;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionPlanner;
import io.alertpilot.remediation.action.NamespacePolicy;
import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.playbook.ActionSpec;
import io.alertpilot.remediation.playbook.InvalidPlaybookException;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.PlaybookLoader;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Playbooks with Azure actions as the loader reads them and the planner plans them for an Azure alert. */
class AzurePlaybooksTest {

    static final String AKS = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/"
            + "Microsoft.ContainerService/managedClusters/aks-shop";
    static final String PG = "/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-shop/providers/"
            + "Microsoft.DBforPostgreSQL/flexibleServers/pg-replica";

    private final ActionPlanner planner = new ActionPlanner(new NamespacePolicy(Set.of(), Set.of()), "default");

    private static Playbook playbook(String body) {
        return new PlaybookLoader().load(List.of(new PlaybookLoader.Source("p.yml", """
                playbooks:
                  - name: p
                    match: { alertname: A }
                %s
                """.formatted(body.indent(4)))), Instant.EPOCH).playbooks().getFirst();
    }

    private static AlertEvent alertOn(String resourceId) {
        return Alerts.firing("A").target(new Target("aks-shop", null, null, null, null, null, null, null, resourceId))
                .build();
    }

    @Test
    void plansOnTheAlertsResourceIdUnderAnAzureLedgerKeyBoundedAsWritten() {
        Playbook playbook = playbook("""
                target: { kind: AzureResource, name: "{{ target.azureResourceId }}" }
                actions:
                  - aks-scale-nodepool: { nodePool: user, by: 4, min: 1, max: 5 }
                """);

        Plan plan = planner.plan(playbook, alertOn(AKS));

        assertThat(plan).isInstanceOfSatisfying(Plan.Planned.class, planned -> {
            assertThat(planned.target().key()).isEqualTo("azure/-/AzureResource/" + AKS);
            Action.AksScaleNodePool scale = (Action.AksScaleNodePool) planned.actions().getFirst();
            assertThat(scale.nodePool()).isEqualTo("user");
            assertThat(scale.count().desired(3)).isEqualTo(5);
        });
    }

    @Test
    void refusesAResourceOfAnotherTypeThanTheActionNeeds() {
        Playbook playbook = playbook("""
                target: { kind: AzureResource, name: "{{ target.azureResourceId }}" }
                actions: [aks-start]
                """);

        assertThat(planner.plan(playbook, alertOn(PG))).isInstanceOfSatisfying(Plan.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo("invalid-target");
            assertThat(refused.message()).contains("Microsoft.ContainerService/managedClusters");
        });
        assertThat(planner.plan(playbook, alertOn("aks-shop"))).isInstanceOfSatisfying(Plan.Refused.class,
                refused -> assertThat(refused.message()).contains("is not an Azure resource id"));
    }

    @Test
    void aPromotionNeedsApprovalUnlessThePlaybookSaysNone() {
        String promote = """
                target: { kind: AzureResource, name: "%s" }
                actions: [postgres-promote]
                """.formatted(PG);
        String failover = """
                target: { kind: Service, namespace: shop, name: db }
                actions:
                  - failover: { selector: { role: standby }, promote: { postgresReplica: "%s" } }
                """.formatted(PG);

        assertThat(playbook(promote).approvalRequired()).isTrue();
        assertThat(playbook(failover).approvalRequired()).isTrue();
        assertThat(playbook(promote + "approval: none\n").approvalRequired()).isFalse();
        assertThat(playbook("""
                target: { kind: Service, namespace: shop, name: db }
                actions: [{ failover: { selector: { role: standby } } }]
                """).approvalRequired()).isFalse();
    }

    @Test
    void refusesAzureActionsOnKubernetesTargetsAndThroughputBelowAzuresFloor() {
        assertThatThrownBy(() -> playbook("""
                target: { kind: Deployment, namespace: shop, name: web }
                actions: [aks-start]
                """)).isInstanceOf(InvalidPlaybookException.class).hasMessageContaining("kind AzureResource");
        assertThatThrownBy(() -> playbook("""
                target: { kind: AzureResource, name: "{{ target.azureResourceId }}" }
                actions: [{ cosmos-throughput: { database: orders, to: 500, min: 100, max: 1000 } }]
                """)).isInstanceOf(InvalidPlaybookException.class).hasMessageContaining("at least 400 RU/s");
        assertThatThrownBy(() -> playbook("""
                target: { kind: Service, namespace: shop, name: db }
                actions: [{ failover: { selector: { role: standby }, promote: { webhook: "{{ labels.url }}" } } }]
                """)).isInstanceOf(InvalidPlaybookException.class).hasMessageContaining("promote.webhook");
    }

    @Test
    void refusesThroughputNotInStepsOf100AndAPromoteIdTheRunCouldNotParse() {
        assertThatThrownBy(() -> playbook("""
                target: { kind: AzureResource, name: "{{ target.azureResourceId }}" }
                actions: [{ cosmos-throughput: { database: orders, to: 450, min: 400, max: 1000 } }]
                """)).isInstanceOf(InvalidPlaybookException.class).hasMessageContaining("to")
                .hasMessageContaining("multiple of 100");
        assertThatThrownBy(() -> playbook("""
                target: { kind: AzureResource, name: "{{ target.azureResourceId }}" }
                actions: [{ cosmos-throughput: { database: orders, by: 150, min: 400, max: 1000 } }]
                """)).isInstanceOf(InvalidPlaybookException.class).hasMessageContaining("multiple of 100");
        String odd = PG.replace("00000000-0000-0000-0000-000000000000", "sub_1");
        assertThatThrownBy(() -> playbook("""
                target: { kind: Service, namespace: shop, name: db }
                actions: [{ failover: { selector: { role: standby }, promote: { postgresReplica: "%s" } } }]
                approval: none
                """.formatted(odd))).isInstanceOf(InvalidPlaybookException.class)
                .hasMessageContaining("promote.postgresReplica");
    }

    @Test
    void aPromoteIdThePlannerCannotParseRefusesThePlanInvalidTarget() {
        Playbook loaded = playbook("""
                target: { kind: Service, namespace: shop, name: db }
                actions: [{ failover: { selector: { role: standby }, promote: { postgresReplica: "%s" } } }]
                approval: none
                """.formatted(PG));
        ActionSpec spec = loaded.actions().getFirst();
        java.util.Map<String, String> params = new java.util.HashMap<>(spec.params());
        params.put("promote.postgresReplica", "/subscriptions/sub_1/resourceGroups/rg/providers/x/y/z");
        Playbook broken = new Playbook(loaded.name(), loaded.file(), loaded.match(), loaded.target(),
                List.of(new ActionSpec(spec.type(), params, spec.selector())), loaded.guard(), loaded.dryRun(),
                false, loaded.approvalTimeout(), loaded.verifyTimeout());

        assertThat(planner.plan(broken, Alerts.firing("A").build())).isInstanceOfSatisfying(Plan.Refused.class,
                refused -> {
                    assertThat(refused.reason()).isEqualTo("invalid-target");
                    assertThat(refused.message()).contains("promote.postgresReplica");
                });
    }
}
