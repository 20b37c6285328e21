package io.alertpilot.remediation.k8s;

import io.alertpilot.model.kafka.Json;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionExecutor.ExecutionContext;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code restart} and {@code scale} actions of a workload, each carrying its action id to the target
 * ({@code alertpilot.io/action-id}) in the same patch as its change, so that a retry is a no-op and a look after a
 * crash ({@link ActionEffects}) can tell whether it took effect. Thread safe.
 */
final class WorkloadActions {

    private static final String RESTARTED_AT = KubernetesActionExecutor.RESTARTED_AT;

    private final KubernetesResilience resilience;
    private final HpaScaler hpas;

    WorkloadActions(KubernetesResilience resilience, HpaScaler hpas) {
        this.resilience = resilience;
        this.hpas = hpas;
    }

    /**
     * What {@code kubectl rollout restart} does, with the time decided once per action (its intent's {@code at}): a
     * call that timed out may have been applied, and its retry, or the same action carried out after a crash, then
     * sets the same value again, which starts no second rollout (a fresh value on every attempt, as fabric8's
     * {@code rolling().restart()} writes, would restart the workload twice). The action id goes in the same patch
     * ({@code alertpilot.io/action-id} in the pod template's annotations), so a look after a crash can tell.
     */
    ActionResult restart(String cluster, KubernetesClient client, ResolvedTarget target,
            ExecutionContext context) {
        String restartedAt = context.decidedOrNow().toString();
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(RESTARTED_AT, restartedAt);
        if (context.remediationId() != null) {
            annotations.put(ExecutionContext.ACTION_ID, context.remediationId());
        }
        String patch = Json.writeString(Map.of("spec", Map.of("template", Map.of("metadata",
                Map.of("annotations", annotations)))));
        HasMetadata restarted = resilience.call(cluster, () -> KubernetesActionExecutor.workload(client, target)
                .patch(PatchContext.of(PatchType.JSON_MERGE), patch));
        String at = restarted == null ? null : KubernetesActionExecutor.template(restarted).map(t -> t.getMetadata().getAnnotations())
                .map(a -> a.get(RESTARTED_AT)).orElse(null);
        return new ActionResult.Done("rollout restart of " + target.kind() + " " + target.namespace() + "/"
                + target.name(), at == null ? Map.of() : Map.of("restartedAt", at));
    }

    ActionResult scale(String cluster, KubernetesClient client, ResolvedTarget target, Action.Scale scale,
            String actionId) {
        HasMetadata current = resilience.call(cluster, () -> KubernetesActionExecutor.workload(client, target).get());
        if (current == null) {
            return KubernetesActionExecutor.notFound(target);
        }
        int replicas = KubernetesActionExecutor.replicas(current);
        Optional<HorizontalPodAutoscaler> hpa = hpas.targeting(cluster, client, target);
        if (hpa.isPresent()) {
            return hpas.scale(cluster, client, target, hpa.get(), replicas, scale, actionId);
        }
        int desired = scale.desired(replicas);
        if (desired == replicas) {
            return new ActionResult.Done(target.kind() + " " + target.name() + " stays at " + replicas
                    + " replicas (limit " + scale.min() + ".." + scale.max() + ")",
                    Map.of("previous", Integer.toString(replicas), "replicas", Integer.toString(desired)));
        }
        // every attempt (a 409 is retried) reads again and writes against what it read
        resilience.call(cluster, () -> setReplicas(client, target, desired, actionId));
        return new ActionResult.Done("scaled " + target.kind() + " " + target.namespace() + "/" + target.name()
                + " from " + replicas + " to " + desired + " replicas",
                Map.of("previous", Integer.toString(replicas), "replicas", Integer.toString(desired)));
    }

    /**
     * Writes {@code replicas} and the action id ({@code alertpilot.io/action-id} on the workload's metadata) in one
     * merge patch whose precondition is the {@code resourceVersion} just read; nothing when the workload already
     * carries the id (an earlier attempt was applied).
     */
    private static HasMetadata setReplicas(KubernetesClient client, ResolvedTarget target, int replicas,
            String actionId) {
        HasMetadata read = KubernetesActionExecutor.workload(client, target).get();
        if (read == null || actionId != null && actionId.equals(ActionEffects.actionId(read))) {
            return read;
        }
        Map<String, Object> metadata = new LinkedHashMap<>();
        metadata.put("resourceVersion", read.getMetadata().getResourceVersion());
        if (actionId != null) {
            metadata.put("annotations", Map.of(ExecutionContext.ACTION_ID, actionId));
        }
        String patch = Json.writeString(Map.of("metadata", metadata, "spec", Map.of("replicas", replicas)));
        return KubernetesActionExecutor.workload(client, target).patch(PatchContext.of(PatchType.JSON_MERGE), patch);
    }
}
