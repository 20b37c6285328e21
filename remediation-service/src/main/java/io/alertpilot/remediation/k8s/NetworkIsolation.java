package io.alertpilot.remediation.k8s;

import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.action.Verification;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicyBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.dsl.Resource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Isolates a workload's pods with a deny-all NetworkPolicy ({@code alertpilot-isolate-<name>}): it selects the pods
 * of the workload's own selector, lists {@code Ingress} and/or {@code Egress} in its policy types and has no rules,
 * so nothing may reach the pods or leave them (in the directions chosen). Labelled
 * {@code app.kubernetes.io/managed-by: alertpilot} and annotated with the remediation id. Idempotent: a policy of
 * that name that exists already (from an earlier attempt or step) is the isolation, and removing one that is gone is
 * done. Every call goes through {@link KubernetesResilience}; thread safe.
 *
 * <p>Done details: {@code policy}, and {@code created} ({@code false} when it existed already).
 */
final class NetworkIsolation {

    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String REMEDIATION_ID = "alertpilot.io/remediation-id";

    private final KubernetesResilience resilience;

    NetworkIsolation(KubernetesResilience resilience) {
        this.resilience = resilience;
    }

    /** Creates the policy that isolates {@code target}'s pods, unless it exists. */
    ActionResult isolate(String cluster, KubernetesClient client, ResolvedTarget target, Action.Isolate isolate,
            String remediationId) {
        HasMetadata workload = call(cluster, () -> KubernetesActionExecutor.workload(client, target).get());
        if (workload == null) {
            return new ActionResult.Failed("http-404", target.kind() + " " + target.namespace() + "/" + target.name()
                    + " does not exist");
        }
        LabelSelector selector = selector(workload);
        if (selector == null || (isEmpty(selector.getMatchLabels()) && isEmpty(selector.getMatchExpressions()))) {
            return new ActionResult.Failed("invalid-target", target.kind() + " " + target.name() + " has no pod "
                    + "selector: an empty podSelector would isolate every pod of namespace " + target.namespace());
        }
        String name = Action.Isolate.policyName(target.name());
        String what = target.kind() + " " + target.namespace() + "/" + target.name();
        if (call(cluster, () -> policy(client, target.namespace(), name).get()) != null) {
            return new ActionResult.Done(what + " is isolated already by NetworkPolicy " + name,
                    Map.of("policy", name, "created", "false"));
        }
        List<String> types = new ArrayList<>();
        if (isolate.ingress()) {
            types.add("Ingress");
        }
        if (isolate.egress()) {
            types.add("Egress");
        }
        NetworkPolicy policy = new NetworkPolicyBuilder()
                .withNewMetadata().withName(name).withNamespace(target.namespace())
                    .addToLabels(MANAGED_BY, "alertpilot")
                    .addToAnnotations(REMEDIATION_ID, remediationId)
                    .addToAnnotations("alertpilot.io/isolates", target.kind() + "/" + target.name())
                .endMetadata()
                .withNewSpec().withPodSelector(selector).withPolicyTypes(types).endSpec()
                .build();
        boolean created = call(cluster, () -> {
            try {
                client.network().v1().networkPolicies().inNamespace(target.namespace()).resource(policy).create();
                return true;
            } catch (KubernetesClientException e) {
                if (e.getCode() == 409) {
                    return false; // an earlier attempt whose answer was lost made it: the isolation is in place
                }
                throw e;
            }
        });
        return new ActionResult.Done(created ? "isolated " + what + ": NetworkPolicy " + name + " denies all "
                + String.join(" and ", types).toLowerCase(java.util.Locale.ROOT) + " of its pods"
                : what + " is isolated already by NetworkPolicy " + name,
                Map.of("policy", name, "created", Boolean.toString(created)));
    }

    /** Deletes the policy of {@code end}; done also when it is gone already. */
    ActionResult end(String cluster, KubernetesClient client, ResolvedTarget target, Action.EndIsolation end) {
        boolean existed = call(cluster, () -> policy(client, target.namespace(), end.policy()).get()) != null;
        if (existed) {
            call(cluster, () -> policy(client, target.namespace(), end.policy()).delete());
        }
        return new ActionResult.Done((existed ? "removed NetworkPolicy " : "NetworkPolicy was removed already: ")
                + target.namespace() + "/" + end.policy() + "; " + target.kind() + " " + target.name()
                + " is no longer isolated", Map.of("policy", end.policy()));
    }

    /** Verified when the policy exists ({@code present}) or is gone (not {@code present}). */
    Verification verify(String cluster, KubernetesClient client, String namespace, String name, boolean present) {
        boolean exists = call(cluster, () -> policy(client, namespace, name).get()) != null;
        if (exists == present) {
            return new Verification.Verified("NetworkPolicy " + namespace + "/" + name
                    + (present ? " is in place" : " is gone"));
        }
        return new Verification.Pending("NetworkPolicy " + namespace + "/" + name
                + (present ? " is not there" : " is still there"));
    }

    private static LabelSelector selector(HasMetadata workload) {
        return switch (workload) {
            case Deployment d -> d.getSpec().getSelector();
            case StatefulSet s -> s.getSpec().getSelector();
            case DaemonSet d -> d.getSpec().getSelector();
            default -> null;
        };
    }

    private static boolean isEmpty(Object collection) {
        return collection == null || collection instanceof Map<?, ?> m && m.isEmpty()
                || collection instanceof List<?> l && l.isEmpty();
    }

    private static Resource<NetworkPolicy> policy(KubernetesClient client, String namespace, String name) {
        return client.network().v1().networkPolicies().inNamespace(namespace).withName(name);
    }

    private <T> T call(String cluster, Supplier<T> call) {
        return resilience.call(cluster, call);
    }
}
