package io.alertpilot.remediation.k8s;

import io.alertpilot.model.kafka.Json;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionExecutor;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.action.Verification;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.CrossVersionObjectReference;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.Resource;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * HorizontalPodAutoscalers ({@code autoscaling/v2}) of workloads: finds the one whose {@code scaleTargetRef} names a
 * workload, scales through it (a {@code scale} of a workload an HPA owns raises the HPA's {@code minReplicas}, since
 * the HPA would undo a change of the workload's replicas within seconds; a scale to 0 scales the workload itself, as
 * an HPA does not act on a target at 0 replicas), sets its bounds for {@code patch-hpa}, and
 * reads them back for verification. Bounds are written with a JSON merge patch of absolute values, so a retried call
 * changes nothing more. Every call goes through {@link KubernetesResilience}; thread safe.
 *
 * <p>Done details: {@code hpa}, {@code previousMin}, {@code previousMax}, {@code minReplicas}, {@code maxReplicas}
 * (a missing {@code minReplicas} reads as 1, the API's default), and for a scale {@code previous} and
 * {@code replicas} (the workload's replicas then, and the count asked for).
 */
final class HpaScaler {

    static final String NO_HPA = "no-hpa";
    /** The Done detail of a scale to zero past an HPA: the HPA's name. */
    static final String ZERO_PAST = "zeroPastHpa";

    private final KubernetesResilience resilience;

    HpaScaler(KubernetesResilience resilience) {
        this.resilience = resilience;
    }

    /** The HPA whose scaleTargetRef names {@code target} (kind and name); the first by name if several do. */
    Optional<HorizontalPodAutoscaler> targeting(String cluster, KubernetesClient client, ResolvedTarget target) {
        return call(cluster, () -> client.autoscaling().v2().horizontalPodAutoscalers()
                .inNamespace(target.namespace()).list().getItems()).stream()
                .filter(h -> names(h.getSpec().getScaleTargetRef(), target))
                .min(Comparator.comparing(h -> h.getMetadata().getName()));
    }

    /**
     * Scales {@code workload} (now at {@code replicas}) through {@code hpa}: its minReplicas goes to the count the
     * scale asks for (inside the action's min..max); a scale up never lowers it, a scale down never raises it (nor
     * below 1); maxReplicas is raised only when the new minimum needs it. The workload itself is not touched.
     */
    ActionResult scale(String cluster, KubernetesClient client, ResolvedTarget target, HorizontalPodAutoscaler hpa,
            int replicas, Action.Scale scale, String actionId) {
        int previousMin = min(hpa);
        int previousMax = hpa.getSpec().getMaxReplicas();
        int desired = scale.desired(replicas);
        if (desired == 0) {
            return toZero(cluster, client, target, hpa, replicas);
        }
        int min = Math.max(1, desired >= replicas ? Math.max(previousMin, desired) : Math.min(previousMin, desired));
        int max = Math.max(previousMax, min);
        Map<String, String> details = details(hpa, previousMin, previousMax, min, max);
        details.put("previous", Integer.toString(replicas));
        details.put("replicas", Integer.toString(desired));
        String name = hpa.getMetadata().getName();
        if (min == previousMin && max == previousMax) {
            return new ActionResult.Done(target.kind() + " " + target.namespace() + "/" + target.name()
                    + " stays as HorizontalPodAutoscaler " + name + " keeps it: minReplicas " + min + ", maxReplicas "
                    + max + " (asked for " + desired + " replicas, limit " + scale.min() + ".." + scale.max() + ")",
                    details);
        }
        setBounds(cluster, client, target.namespace(), name, min, max, actionId);
        return new ActionResult.Done("scaled " + target.kind() + " " + target.namespace() + "/" + target.name()
                + " through HorizontalPodAutoscaler " + name + ": minReplicas " + previousMin + " -> " + min
                + ", maxReplicas " + previousMax + " -> " + max + " (the HPA owns the replicas, now " + replicas
                + ")", details);
    }

    /**
     * A scale to zero of a workload an HPA owns: the HPA cannot hold fewer than one replica, but it leaves a target
     * at 0 replicas alone, so the workload itself goes to 0. Done details {@code zeroPast} (the HPA), {@code previous},
     * {@code replicas} 0.
     */
    private ActionResult toZero(String cluster, KubernetesClient client, ResolvedTarget target,
            HorizontalPodAutoscaler hpa, int replicas) {
        String name = hpa.getMetadata().getName();
        Map<String, String> details = Map.of(ZERO_PAST, name, "previous", Integer.toString(replicas), "replicas",
                "0");
        String what = target.kind() + " " + target.namespace() + "/" + target.name();
        if (replicas == 0) {
            return new ActionResult.Done(what + " stays at 0 replicas (HorizontalPodAutoscaler " + name
                    + " leaves a workload at 0 alone)", details);
        }
        call(cluster, () -> KubernetesActionExecutor.workload(client, target).scale(0));
        return new ActionResult.Done("scaled " + what + " from " + replicas + " to 0 replicas itself: "
                + "HorizontalPodAutoscaler " + name + " keeps at least one replica but does not act on a workload at "
                + "0", details);
    }

    /** A scale to zero past an HPA: verified when the workload asks for 0 replicas and none is left. */
    Verification verifyZero(ResolvedTarget target, HasMetadata workload, ActionResult.Done done) {
        String what = target.kind() + " " + target.namespace() + "/" + target.name();
        Integer[] counts = switch (workload) {
            case Deployment d -> new Integer[] {d.getSpec().getReplicas(), d.getStatus() == null ? null
                    : d.getStatus().getReplicas()};
            case StatefulSet st -> new Integer[] {st.getSpec().getReplicas(), st.getStatus() == null ? null
                    : st.getStatus().getReplicas()};
            case null, default -> null;
        };
        if (counts == null) {
            return new Verification.Failed("http-404", what + " does not exist");
        }
        int wanted = counts[0] == null ? 1 : counts[0];
        int running = counts[1] == null ? 0 : counts[1];
        if (wanted != 0) {
            return new Verification.Failed("scaled-up", what + " asks for " + wanted + " replicas again, not 0 ("
                    + "HorizontalPodAutoscaler " + done.details().get(ZERO_PAST) + " or someone scaled it up)");
        }
        return running == 0 ? new Verification.Verified(what + " has 0 replicas")
                : new Verification.Pending(what + " still runs " + running + " replicas");
    }

    /** Sets the bounds of the HPA of {@code patch}; FAILED {@code no-hpa} when there is none. */
    ActionResult patch(String cluster, KubernetesClient client, ResolvedTarget target, Action.PatchHpa patch) {
        Optional<HorizontalPodAutoscaler> found = patch.hpa() != null
                ? Optional.ofNullable(call(cluster, () -> hpa(client, target.namespace(), patch.hpa()).get()))
                : targeting(cluster, client, target);
        if (found.isEmpty()) {
            return new ActionResult.Failed(NO_HPA, patch.hpa() != null
                    ? "HorizontalPodAutoscaler " + target.namespace() + "/" + patch.hpa() + " does not exist"
                    : "no HorizontalPodAutoscaler in namespace " + target.namespace() + " targets " + target.kind()
                            + " " + target.name());
        }
        HorizontalPodAutoscaler hpa = found.get();
        int previousMin = min(hpa);
        int previousMax = hpa.getSpec().getMaxReplicas();
        Action.PatchHpa.Bounds bounds = patch.boundsFrom(previousMin, previousMax);
        int min = bounds.min();
        int max = bounds.max();
        String name = hpa.getMetadata().getName();
        if (min != previousMin || max != previousMax) {
            setBounds(cluster, client, target.namespace(), name, min, max, null);
        }
        return new ActionResult.Done("set HorizontalPodAutoscaler " + target.namespace() + "/" + name
                + " to minReplicas " + min + " (was " + previousMin + "), maxReplicas " + max + " (was " + previousMax
                + ")", details(hpa, previousMin, previousMax, min, max));
    }

    /** Verified when the HPA named in {@code done} has the bounds it set (a scale: at least its minimum). */
    Verification verifyBounds(String cluster, KubernetesClient client, String namespace, ActionResult.Done done,
            boolean atLeast) {
        String name = done.details().get("hpa");
        int min = Integer.parseInt(done.details().get("minReplicas"));
        int max = Integer.parseInt(done.details().get("maxReplicas"));
        HorizontalPodAutoscaler hpa = call(cluster, () -> hpa(client, namespace, name).get());
        if (hpa == null) {
            return new Verification.Failed(NO_HPA, "HorizontalPodAutoscaler " + namespace + "/" + name + " is gone");
        }
        int nowMin = min(hpa);
        int nowMax = hpa.getSpec().getMaxReplicas();
        boolean shows = atLeast ? nowMin >= min : nowMin == min && nowMax == max;
        String bounds = "minReplicas " + nowMin + ", maxReplicas " + nowMax;
        return shows ? new Verification.Verified("HorizontalPodAutoscaler " + name + " has " + bounds)
                : new Verification.Pending("HorizontalPodAutoscaler " + name + " has " + bounds + ", not yet "
                        + "minReplicas " + min + ", maxReplicas " + max);
    }

    /**
     * A scale through an HPA: the HPA shows the new minimum, the HPA scaled the workload to at least it, and every
     * replica is ready.
     */
    Verification verifyScale(String cluster, KubernetesClient client, ResolvedTarget target, HasMetadata workload,
            ActionResult.Done done) {
        Verification bounds = verifyBounds(cluster, client, target.namespace(), done, true);
        if (!(bounds instanceof Verification.Verified)) {
            return bounds;
        }
        int min = Integer.parseInt(done.details().get("minReplicas"));
        Integer replicas = switch (workload) {
            case Deployment d -> d.getSpec().getReplicas();
            case StatefulSet s -> s.getSpec().getReplicas();
            case null, default -> null;
        };
        if (workload != null && replicas != null && replicas < min) {
            return new Verification.Pending("waiting for HorizontalPodAutoscaler " + done.details().get("hpa")
                    + " to scale " + target.kind() + " " + target.name() + " to " + min + " (now " + replicas + ")");
        }
        return KubernetesActionExecutor.rolledOut(workload, target);
    }

    /** Sets the HPA's bounds; with the action id ({@code alertpilot.io/action-id}) in the same patch when not null. */
    private void setBounds(String cluster, KubernetesClient client, String namespace, String name, int min, int max,
            String actionId) {
        Map<String, Object> body = new LinkedHashMap<>();
        if (actionId != null) {
            body.put("metadata", Map.of("annotations", Map.of(ActionExecutor.ExecutionContext.ACTION_ID, actionId)));
        }
        body.put("spec", Map.of("minReplicas", min, "maxReplicas", max));
        String patch = Json.writeString(body);
        call(cluster, () -> hpa(client, namespace, name).patch(PatchContext.of(PatchType.JSON_MERGE), patch));
    }

    private static Map<String, String> details(HorizontalPodAutoscaler hpa, int previousMin, int previousMax, int min,
            int max) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("hpa", hpa.getMetadata().getName());
        details.put("previousMin", Integer.toString(previousMin));
        details.put("previousMax", Integer.toString(previousMax));
        details.put("minReplicas", Integer.toString(min));
        details.put("maxReplicas", Integer.toString(max));
        return details;
    }

    private static boolean names(CrossVersionObjectReference ref, ResolvedTarget target) {
        return ref != null && target.kind().equals(ref.getKind()) && target.name().equals(ref.getName());
    }

    private static int min(HorizontalPodAutoscaler hpa) {
        Integer min = hpa.getSpec().getMinReplicas();
        return min == null ? 1 : min;
    }

    private static Resource<HorizontalPodAutoscaler> hpa(KubernetesClient client, String namespace, String name) {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).withName(name);
    }

    private <T> T call(String cluster, Supplier<T> call) {
        return resilience.call(cluster, call);
    }
}
