package io.alertpilot.remediation.k8s;

import io.alertpilot.model.kafka.Json;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.action.Verification;
import io.fabric8.kubernetes.api.model.GenericKubernetesResource;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.dsl.base.ResourceDefinitionContext;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The {@code scale-keda} action: sets a KEDA ScaledObject's {@code spec.minReplicaCount} and/or
 * {@code spec.maxReplicaCount} with a JSON merge patch on the generic custom resource ({@code keda.sh/v1alpha1},
 * {@code scaledobjects}). The ScaledObject is the one named by the action, or the one whose
 * {@code spec.scaleTargetRef} names the target workload; none is the failure {@code no-scaledobject}. Setting the same
 * values again changes nothing (idempotent). Every call through {@link KubernetesResilience}. Thread safe.
 */
final class KedaScaling {

    static final ResourceDefinitionContext SCALED_OBJECTS = new ResourceDefinitionContext.Builder()
            .withGroup("keda.sh").withVersion("v1alpha1").withKind("ScaledObject").withPlural("scaledobjects")
            .withNamespaced(true).build();
    static final String MIN = "minReplicaCount";
    static final String MAX = "maxReplicaCount";

    private final KubernetesResilience resilience;

    KedaScaling(KubernetesResilience resilience) {
        this.resilience = resilience;
    }

    ActionResult scale(String cluster, KubernetesClient client, ResolvedTarget target, Action.ScaleKeda action) {
        Optional<GenericKubernetesResource> found = find(cluster, client, target, action);
        if (found.isEmpty()) {
            return new ActionResult.Failed("no-scaledobject", noScaledObject(target, action));
        }
        GenericKubernetesResource scaledObject = found.get();
        String name = scaledObject.getMetadata().getName();
        Integer oldMin = count(scaledObject, MIN);
        Integer oldMax = count(scaledObject, MAX);
        Integer newMin = action.min() != null ? action.min() : oldMin;
        Integer newMax = action.max() != null ? action.max() : oldMax;
        if (newMin != null && newMax != null && newMin > newMax) {
            return new ActionResult.Failed("invalid-bounds", "ScaledObject " + target.namespace() + "/" + name
                    + " would get minReplicaCount " + newMin + " above maxReplicaCount " + newMax);
        }
        Map<String, String> details = new LinkedHashMap<>();
        details.put("scaledObject", name);
        details.put("previousMin", String.valueOf(oldMin));
        details.put("previousMax", String.valueOf(oldMax));
        Map<String, Object> spec = new LinkedHashMap<>();
        if (action.min() != null) {
            spec.put(MIN, action.min());
            details.put("min", action.min().toString());
        }
        if (action.max() != null) {
            spec.put(MAX, action.max());
            details.put("max", action.max().toString());
        }
        String what = "ScaledObject " + target.namespace() + "/" + name;
        if (Objects.equals(newMin, oldMin) && Objects.equals(newMax, oldMax)) {
            return new ActionResult.Done(what + " already has minReplicaCount " + oldMin + ", maxReplicaCount "
                    + oldMax, details);
        }
        String patch = Json.writeString(Map.of("spec", spec));
        resilience.call(cluster, () -> scaledObject(client, target.namespace(), name)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch));
        return new ActionResult.Done(what + ": minReplicaCount " + oldMin + " -> " + newMin + ", maxReplicaCount "
                + oldMax + " -> " + newMax, details);
    }

    /** Verified when the ScaledObject's spec shows the values the action set. */
    Verification verify(String cluster, KubernetesClient client, ResolvedTarget target, Action.ScaleKeda action,
            ActionResult.Done done) {
        String name = done.details().get("scaledObject");
        GenericKubernetesResource scaledObject = resilience.call(cluster,
                () -> scaledObject(client, target.namespace(), name).get());
        if (scaledObject == null) {
            return new Verification.Failed("no-scaledobject", "ScaledObject " + target.namespace() + "/" + name
                    + " is gone");
        }
        Integer min = count(scaledObject, MIN);
        Integer max = count(scaledObject, MAX);
        boolean shows = (action.min() == null || action.min().equals(min))
                && (action.max() == null || action.max().equals(max));
        String values = "minReplicaCount " + min + ", maxReplicaCount " + max;
        return shows ? new Verification.Verified("ScaledObject " + name + " has " + values)
                : new Verification.Pending("ScaledObject " + name + " has " + values + ", not yet the values set");
    }

    private Optional<GenericKubernetesResource> find(String cluster, KubernetesClient client, ResolvedTarget target,
            Action.ScaleKeda action) {
        if (action.scaledObject() != null) {
            return Optional.ofNullable(resilience.call(cluster,
                    () -> scaledObject(client, target.namespace(), action.scaledObject()).get()));
        }
        return resilience.call(cluster, () -> client.genericKubernetesResources(SCALED_OBJECTS)
                        .inNamespace(target.namespace()).list().getItems()).stream()
                .filter(so -> scales(so, target))
                .findFirst();
    }

    /** True when {@code scaledObject}'s scaleTargetRef names the target (its kind defaults to Deployment). */
    static boolean scales(GenericKubernetesResource scaledObject, ResolvedTarget target) {
        Object name = scaledObject.get("spec", "scaleTargetRef", "name");
        Object kind = scaledObject.get("spec", "scaleTargetRef", "kind");
        return target.name().equals(name) && target.kind().equals(kind == null ? "Deployment" : kind);
    }

    private static Integer count(GenericKubernetesResource scaledObject, String field) {
        Object value = scaledObject.get("spec", field);
        return value instanceof Number n ? n.intValue() : null;
    }

    private static String noScaledObject(ResolvedTarget target, Action.ScaleKeda action) {
        return action.scaledObject() != null
                ? "ScaledObject " + target.namespace() + "/" + action.scaledObject() + " does not exist"
                : "no ScaledObject in namespace " + target.namespace() + " scales " + target.kind() + " "
                        + target.name();
    }

    private static Resource<GenericKubernetesResource> scaledObject(KubernetesClient client, String namespace,
            String name) {
        return client.genericKubernetesResources(SCALED_OBJECTS).inNamespace(namespace).withName(name);
    }
}
