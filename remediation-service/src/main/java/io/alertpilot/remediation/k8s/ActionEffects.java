package io.alertpilot.remediation.k8s;

import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionExecutor.Effect;
import io.alertpilot.remediation.action.ActionExecutor.ExecutionContext;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Instant;
import java.util.Map;

/**
 * Tells, read-only, whether a Kubernetes action whose intent was found without its done took effect: a restart by
 * the action id in the pod template's annotations, a scale by the action id on the workload (found on the
 * HorizontalPodAutoscaler that owns its replicas instead, it is {@link Effect#UNKNOWN}: the HPA's previous bounds, its
 * way back, are in no record, so a human looks), a delete-pod by the pod: gone, or created after the intent
 * (replaced), is TOOK_EFFECT; the same pod, created before the intent, is NOT_TAKEN. Every other action is
 * {@link Effect#UNKNOWN}. Thread safe.
 */
final class ActionEffects {

    private final KubernetesResilience resilience;
    private final HpaScaler hpas;

    ActionEffects(KubernetesResilience resilience, HpaScaler hpas) {
        this.resilience = resilience;
        this.hpas = hpas;
    }

    /** The action id a workload or HPA carries on its metadata ({@code alertpilot.io/action-id}), or null. */
    static String actionId(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        return annotations == null ? null : annotations.get(ExecutionContext.ACTION_ID);
    }

    Effect tookEffect(String cluster, KubernetesClient client, ResolvedTarget target, Action action,
            ExecutionContext context) {
        String id = context.remediationId();
        return switch (action) {
            case Action.Restart r -> {
                HasMetadata workload = resilience.call(cluster,
                        () -> KubernetesActionExecutor.workload(client, target).get());
                if (workload == null) {
                    yield Effect.UNKNOWN;
                }
                String carried = KubernetesActionExecutor.template(workload)
                        .map(t -> t.getMetadata().getAnnotations().get(ExecutionContext.ACTION_ID)).orElse(null);
                yield id.equals(carried) ? Effect.TOOK_EFFECT : Effect.NOT_TAKEN;
            }
            case Action.Scale s -> {
                HasMetadata workload = resilience.call(cluster,
                        () -> KubernetesActionExecutor.workload(client, target).get());
                if (workload == null) {
                    yield Effect.UNKNOWN;
                }
                if (hpas.targeting(cluster, client, target).map(h -> id.equals(actionId(h))).orElse(false)) {
                    // done through the HPA: its previous bounds (the way back) are in no record, so a human looks
                    yield Effect.UNKNOWN;
                }
                yield id.equals(actionId(workload)) ? Effect.TOOK_EFFECT : Effect.NOT_TAKEN;
            }
            case Action.DeletePod d -> podGone(cluster, client, target, d.pod(), context.decidedAt());
            default -> Effect.UNKNOWN;
        };
    }

    /** The pod is gone or was created after the intent (TOOK_EFFECT), or is the one that was there (NOT_TAKEN). */
    private Effect podGone(String cluster, KubernetesClient client, ResolvedTarget target, String podName,
            Instant decidedAt) {
        Pod pod = resilience.call(cluster, () -> client.pods().inNamespace(target.namespace()).withName(podName).get());
        if (pod == null) {
            return Effect.TOOK_EFFECT;
        }
        String created = pod.getMetadata().getCreationTimestamp();
        if (created == null || decidedAt == null) {
            return Effect.UNKNOWN;
        }
        return Instant.parse(created).isAfter(decidedAt) ? Effect.TOOK_EFFECT : Effect.NOT_TAKEN;
    }
}
