package io.alertpilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.rbac.ClusterRole;
import io.fabric8.kubernetes.api.model.rbac.ClusterRoleBinding;
import io.fabric8.kubernetes.api.model.rbac.PolicyRule;
import io.fabric8.kubernetes.api.model.rbac.Role;
import io.fabric8.kubernetes.api.model.rbac.RoleBinding;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The remediation ServiceAccount may do exactly what its enabled actions do, per the fabric8 calls of
 * remediation-service's k8s package (KubernetesActionExecutor, KubernetesInspector, LeaseTargetLocks); the other
 * services get no Kubernetes permission and no token.
 */
class RbacTest {

    private static final String ACTIONS = "ClusterRole/alertpilot-remediation-actions ";
    private static final String NODES = "ClusterRole/alertpilot-remediation-nodes ";
    private static final String LOCKS = "Role/alertpilot/alertpilot-remediation-locks ";
    private static final String LEASES = LOCKS + "coordination.k8s.io/leases [create, delete, get, update]";
    private static final List<String> ALL_ACTIONS = List.of("restart", "deletePod", "scale", "rollback", "failover",
            "cordon", "patchHpa", "scaleKeda", "runJob", "drain", "isolate", "diagnose");

    /** The expected table: what each action needs, on top of the lock Leases every install needs. */
    static Stream<Arguments> eachActionAlone() {
        return Stream.of(
                Arguments.of("restart", Set.of(
                        ACTIONS + "apps/deployments [get, patch]",
                        ACTIONS + "apps/statefulsets [get, patch]",
                        ACTIONS + "apps/daemonsets [get, patch]",
                        ACTIONS + "policy/poddisruptionbudgets [list]")),
                Arguments.of("deletePod", Set.of(
                        ACTIONS + "apps/deployments [get]",
                        ACTIONS + "apps/statefulsets [get]",
                        ACTIONS + "apps/daemonsets [get]",
                        ACTIONS + "/pods [delete, get]",
                        ACTIONS + "policy/poddisruptionbudgets [list]")),
                Arguments.of("scale", Set.of(
                        ACTIONS + "apps/deployments [get, patch]",
                        ACTIONS + "apps/statefulsets [get, patch]",
                        ACTIONS + "apps/deployments/scale [get, patch, update]",
                        ACTIONS + "apps/statefulsets/scale [get, patch, update]",
                        ACTIONS + "autoscaling/horizontalpodautoscalers [get, list, patch]",
                        ACTIONS + "policy/poddisruptionbudgets [list]")),
                Arguments.of("rollback", Set.of(
                        ACTIONS + "apps/deployments [get, patch]",
                        ACTIONS + "apps/replicasets [list]",
                        ACTIONS + "policy/poddisruptionbudgets [list]")),
                Arguments.of("failover", Set.of(
                        ACTIONS + "/services [get, patch]")),
                Arguments.of("cordon", Set.of(
                        NODES + "/nodes [get, patch]")),
                Arguments.of("patchHpa", Set.of(
                        ACTIONS + "autoscaling/horizontalpodautoscalers [get, list, patch]")),
                Arguments.of("scaleKeda", Set.of(
                        ACTIONS + "keda.sh/scaledobjects [get, list, patch]")),
                Arguments.of("runJob", Set.of(
                        ACTIONS + "batch/cronjobs [get]",
                        ACTIONS + "batch/jobs [create, get]")),
                Arguments.of("drain", Set.of(
                        NODES + "/nodes [get, patch]",
                        NODES + "/pods [list]",
                        NODES + "/pods/eviction [create]")),
                Arguments.of("isolate", Set.of(
                        ACTIONS + "apps/deployments [get]",
                        ACTIONS + "apps/statefulsets [get]",
                        ACTIONS + "apps/daemonsets [get]",
                        ACTIONS + "networking.k8s.io/networkpolicies [create, delete, get, patch]")),
                Arguments.of("diagnose", Set.of(
                        ACTIONS + "apps/deployments [get]",
                        ACTIONS + "apps/statefulsets [get]",
                        ACTIONS + "apps/daemonsets [get]",
                        ACTIONS + "/pods [get, list]",
                        ACTIONS + "/pods/log [get]",
                        ACTIONS + "/events [list]",
                        ACTIONS + "apps/replicasets [list]",
                        ACTIONS + "apps/controllerrevisions [list]")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("eachActionAlone")
    void eachActionGetsExactlyThePermissionsItsCallsNeed(String action, Set<String> expected) {
        Map<String, Object> sets = new HashMap<>();
        ALL_ACTIONS.forEach(a -> sets.put("remediation.actions." + a, a.equals(action)));

        Set<String> rules = rules(Chart.render(sets));

        Set<String> wanted = new TreeSet<>(expected);
        wanted.add(LEASES);
        assertThat(rules).containsExactlyInAnyOrderElementsOf(wanted);
    }

    @Test
    void noActionEnabledLeavesOnlyTheLockLeases() {
        Map<String, Object> sets = new HashMap<>();
        ALL_ACTIONS.forEach(a -> sets.put("remediation.actions." + a, false));

        assertThat(rules(Chart.render(sets))).containsExactly(LEASES);
    }

    /** Every action's rows, the verbs of the actions that share a resource merged. */
    private static final Set<String> EVERY_ACTION = Set.of(
            ACTIONS + "apps/deployments [get, patch]",
            ACTIONS + "apps/statefulsets [get, patch]",
            ACTIONS + "apps/daemonsets [get, patch]",
            ACTIONS + "apps/deployments/scale [get, patch, update]",
            ACTIONS + "apps/statefulsets/scale [get, patch, update]",
            ACTIONS + "apps/replicasets [list]",
            ACTIONS + "apps/controllerrevisions [list]",
            ACTIONS + "autoscaling/horizontalpodautoscalers [get, list, patch]",
            ACTIONS + "keda.sh/scaledobjects [get, list, patch]",
            ACTIONS + "batch/cronjobs [get]",
            ACTIONS + "batch/jobs [create, get]",
            ACTIONS + "networking.k8s.io/networkpolicies [create, delete, get, patch]",
            ACTIONS + "policy/poddisruptionbudgets [list]",
            ACTIONS + "/pods [delete, get, list]",
            NODES + "/pods/eviction [create]",
            ACTIONS + "/pods/log [get]",
            ACTIONS + "/events [list]",
            ACTIONS + "/services [get, patch]",
            NODES + "/nodes [get, patch]",
            NODES + "/pods [list]",
            LEASES);

    @Test
    void everyActionOnMergesTheVerbsOfTheActionsThatShareAResource() {
        Map<String, Object> sets = new HashMap<>();
        ALL_ACTIONS.forEach(a -> sets.put("remediation.actions." + a, true));

        assertThat(rules(Chart.render(sets))).containsExactlyInAnyOrderElementsOf(EVERY_ACTION);
    }

    @Test
    void defaultValuesGrantEveryActionButDrainAndIsolateClusterWideAndNothingMore() {
        Manifests manifests = Chart.render();

        Set<String> drainAndIsolate = Set.of(NODES + "/pods/eviction [create]", NODES + "/pods [list]",
                ACTIONS + "networking.k8s.io/networkpolicies [create, delete, get, patch]");
        assertThat(rules(manifests)).containsExactlyInAnyOrderElementsOf(EVERY_ACTION.stream()
                .filter(rule -> !drainAndIsolate.contains(rule)).toList());
        assertThat(bindings(manifests)).containsExactlyInAnyOrder(
                "ClusterRoleBinding/alertpilot-remediation-actions -> ClusterRole/alertpilot-remediation-actions"
                        + " for alertpilot/alertpilot-remediation",
                "ClusterRoleBinding/alertpilot-remediation-nodes -> ClusterRole/alertpilot-remediation-nodes"
                        + " for alertpilot/alertpilot-remediation",
                "RoleBinding/alertpilot/alertpilot-remediation-locks -> Role/alertpilot-remediation-locks"
                        + " for alertpilot/alertpilot-remediation");
    }

    @Test
    void allowedNamespacesBindTheActionsThereOnlyAndCordonOffRemovesNodes() {
        Manifests manifests = Chart.render(Path.of(Repository.root().toString(), "helm/values-production.yaml"));

        assertThat(rules(manifests)).doesNotContain(NODES + "/nodes [get, patch]").contains(LEASES)
                .noneMatch(rule -> rule.contains("[*]") || rule.contains("/secrets") || rule.contains("/*"));
        assertThat(bindings(manifests)).containsExactlyInAnyOrder(
                "RoleBinding/shop/alertpilot-remediation-actions -> ClusterRole/alertpilot-remediation-actions"
                        + " for alertpilot/alertpilot-remediation",
                "RoleBinding/payments/alertpilot-remediation-actions -> ClusterRole/alertpilot-remediation-actions"
                        + " for alertpilot/alertpilot-remediation",
                "RoleBinding/alertpilot/alertpilot-remediation-locks -> Role/alertpilot-remediation-locks"
                        + " for alertpilot/alertpilot-remediation");
    }

    @Test
    void onlyRemediationCarriesAServiceAccountToken() {
        for (Path[] values : new Path[][] {{}, {Repository.root().resolve("helm/values-production.yaml")}}) {
            Manifests manifests = Chart.render(values);
            for (String component : ChartTest.COMPONENTS) {
                boolean remediation = component.equals("remediation");
                Deployment deployment = manifests.deployment(component);
                assertThat(deployment.getSpec().getTemplate().getSpec().getServiceAccountName())
                        .isEqualTo("alertpilot-" + component);
                assertThat(deployment.getSpec().getTemplate().getSpec().getAutomountServiceAccountToken())
                        .as(component).isEqualTo(remediation);
                assertThat(manifests.get(ServiceAccount.class, "alertpilot-" + component)
                        .getAutomountServiceAccountToken()).as(component).isEqualTo(remediation);
            }
        }
    }

    @Test
    void rbacCanBeLeftToTheOperator() {
        Manifests manifests = Chart.render(Map.of("rbac.create", false));
        assertThat(rules(manifests)).isEmpty();
        assertThat(bindings(manifests)).isEmpty();
    }

    /** Every RBAC rule as "Kind/[namespace/]name group/resource [verbs]", one entry per resource. */
    static Set<String> rules(Manifests manifests) {
        Set<String> rules = new TreeSet<>();
        for (Role role : manifests.all(Role.class)) {
            role.getRules().forEach(rule -> add(rules, "Role/" + role.getMetadata().getNamespace() + "/"
                    + role.getMetadata().getName() + " ", rule));
        }
        for (ClusterRole role : manifests.all(ClusterRole.class)) {
            role.getRules().forEach(rule -> add(rules, "ClusterRole/" + role.getMetadata().getName() + " ", rule));
        }
        return rules;
    }

    private static void add(Set<String> rules, String owner, PolicyRule rule) {
        assertThat(rule.getResourceNames()).as("resourceNames").isNullOrEmpty();
        assertThat(rule.getNonResourceURLs()).as("nonResourceURLs").isNullOrEmpty();
        for (String group : rule.getApiGroups()) {
            for (String resource : rule.getResources()) {
                rules.add(owner + group + "/" + resource + " " + new TreeSet<>(rule.getVerbs()));
            }
        }
    }

    static Set<String> bindings(Manifests manifests) {
        Set<String> bindings = new TreeSet<>();
        for (RoleBinding binding : manifests.all(RoleBinding.class)) {
            bindings.add("RoleBinding/" + binding.getMetadata().getNamespace() + "/" + binding.getMetadata().getName()
                    + " -> " + binding.getRoleRef().getKind() + "/" + binding.getRoleRef().getName() + " for "
                    + subjects(binding.getSubjects()));
        }
        for (ClusterRoleBinding binding : manifests.all(ClusterRoleBinding.class)) {
            bindings.add("ClusterRoleBinding/" + binding.getMetadata().getName() + " -> "
                    + binding.getRoleRef().getKind() + "/" + binding.getRoleRef().getName() + " for "
                    + subjects(binding.getSubjects()));
        }
        return bindings;
    }

    private static String subjects(List<io.fabric8.kubernetes.api.model.rbac.Subject> subjects) {
        assertThat(subjects).hasSize(1);
        assertThat(subjects.getFirst().getKind()).isEqualTo("ServiceAccount");
        return subjects.getFirst().getNamespace() + "/" + subjects.getFirst().getName();
    }
}
