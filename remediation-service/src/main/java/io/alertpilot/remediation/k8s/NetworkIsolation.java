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
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;

/**
 * Isolates a workload's pods with a deny-all NetworkPolicy ({@code alertpilot-isolate-<kind>-<name>}): it selects the
 * pods of the workload's own selector, lists {@code Ingress} and/or {@code Egress} in its policy types and has no
 * rules, so nothing may reach the pods or leave them (in the directions chosen). Labelled
 * {@code app.kubernetes.io/managed-by: alertpilot}, annotated with the remediation id and
 * {@code alertpilot.io/isolates: <kind>/<name>}. Idempotent: a policy of that name that exists already with that
 * annotation and the policy types asked for is the isolation; one that differs (an earlier step isolated ingress
 * only) is patched to what is asked; removing one that is gone is done. Every call goes through
 * {@link KubernetesResilience}; thread safe.
 *
 * <p>Done details: {@code policy}, {@code types} (comma separated) and {@code created} ({@code false} when it existed
 * already, patched or not).
 */
final class NetworkIsolation {

    static final String MANAGED_BY = "app.kubernetes.io/managed-by";
    static final String REMEDIATION_ID = "alertpilot.io/remediation-id";
    static final String ISOLATES = "alertpilot.io/isolates";

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
        String name = Action.Isolate.policyName(target.kind(), target.name());
        String what = target.kind() + " " + target.namespace() + "/" + target.name();
        String isolates = target.kind() + "/" + target.name();
        List<String> types = isolate.policyTypes();
        String denied = String.join(" and ", types).toLowerCase(Locale.ROOT);
        Map<String, String> details = Map.of("policy", name, "created", "false", "types", String.join(",", types));
        NetworkPolicy existing = call(cluster, () -> policy(client, target.namespace(), name).get());
        if (existing != null) {
            if (isolates.equals(annotation(existing)) && types.equals(existing.getSpec().getPolicyTypes())) {
                return new ActionResult.Done(what + " is isolated already by NetworkPolicy " + name, details);
            }
            // an earlier step isolated other directions (or the policy speaks of another workload): made as asked
            call(cluster, () -> policy(client, target.namespace(), name).edit(p -> new NetworkPolicyBuilder(p)
                    .editMetadata().addToAnnotations(ISOLATES, isolates).addToAnnotations(REMEDIATION_ID,
                            remediationId).endMetadata()
                    .editSpec().withPodSelector(selector).withPolicyTypes(types).endSpec().build()));
            return new ActionResult.Done("isolated " + what + ": NetworkPolicy " + name + " now denies all " + denied
                    + " of its pods (it listed " + existing.getSpec().getPolicyTypes() + ")", details);
        }
        NetworkPolicy policy = new NetworkPolicyBuilder()
                .withNewMetadata().withName(name).withNamespace(target.namespace())
                    .addToLabels(MANAGED_BY, "alertpilot")
                    .addToAnnotations(REMEDIATION_ID, remediationId)
                    .addToAnnotations(ISOLATES, isolates)
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
                + denied + " of its pods" : what + " is isolated already by NetworkPolicy " + name,
                Map.of("policy", name, "created", Boolean.toString(created), "types", String.join(",", types)));
    }

    private static String annotation(NetworkPolicy policy) {
        Map<String, String> annotations = policy.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(ISOLATES);
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

    /**
     * Verified when the policy exists listing the policy {@code types} (comma separated; null: any), or is gone
     * ({@code types} absent, for the way back).
     */
    Verification verify(String cluster, KubernetesClient client, String namespace, String name, String types) {
        boolean present = types != null;
        NetworkPolicy policy = call(cluster, () -> policy(client, namespace, name).get());
        boolean shows = present ? policy != null && (types.isEmpty()
                || List.of(types.split(",")).equals(policy.getSpec().getPolicyTypes())) : policy == null;
        if (shows) {
            return new Verification.Verified("NetworkPolicy " + namespace + "/" + name
                    + (present ? " is in place" : " is gone"));
        }
        return new Verification.Pending("NetworkPolicy " + namespace + "/" + name
                + (present ? " is not there with policy types " + types : " is still there"));
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
