package io.alertpilot.cli.rehearse;

import io.alertpilot.model.remediation.Diagnosis;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionExecutor;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.action.Verification;
import io.alertpilot.remediation.guard.TargetInspector;
import io.alertpilot.remediation.guard.WorkloadState;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A cluster made of {@link SimulatedObject}s, seen by the blast-radius guards (as a {@link TargetInspector}) and
 * changed by actions (as an {@link ActionExecutor}): a scale sets the replicas, a failover the selector; a restart or
 * a rollback rolls out at once; a {@code patch-hpa} sets the bounds of a stand-in HorizontalPodAutoscaler
 * ({@link SimulatedAutoscalers}), an {@code isolate} makes (and its way back removes) a stand-in NetworkPolicy.
 * Verification sees the change, unless the object is {@code stuck} or {@code missing}. Objects not listed exist and
 * are healthy; an Azure resource is an object of kind {@code AzureResource} named by its id, whose {@code replicas}
 * stand for a node pool's count or a Cosmos DB throughput. Nothing leaves the process: a webhook action is not called,
 * no Azure API either. Not thread
 * safe: a rehearsal runs on one thread.
 */
public final class SimulatedCluster implements TargetInspector, ActionExecutor {

    private final Map<String, SimulatedObject> objects = new LinkedHashMap<>();
    private final SimulatedAutoscalers autoscalers = new SimulatedAutoscalers();
    private final Set<String> carriedOut = new HashSet<>();

    public SimulatedCluster(List<SimulatedObject> objects) {
        objects.forEach(o -> this.objects.put(o.key(), o));
    }

    /** The object as it is now, after the actions so far; a healthy stand-in for an object not listed. */
    public SimulatedObject object(String kind, String namespace, String name) {
        return objects.getOrDefault(SimulatedObject.key(kind, namespace, name),
                SimulatedObject.of(kind, namespace, name));
    }

    private SimulatedObject object(ResolvedTarget target) {
        return object(target.kind(), target.namespace(), target.name());
    }

    @Override
    public WorkloadState inspect(ResolvedTarget target, Action action) {
        SimulatedObject o = object(target);
        if (o.missing()) {
            return new WorkloadState(false, null, null, false, null, null, null);
        }
        return new WorkloadState(true, o.replicas(), o.readyReplicas(), o.rolloutInProgress(),
                o.rolloutInProgress() ? "simulated rollout in progress" : null, o.disruptionsAllowed(), o.budget());
    }

    @Override
    public ActionResult execute(ResolvedTarget target, Action action, ExecutionContext context) {
        ActionResult result = carryOut(target, action, context);
        if (result instanceof ActionResult.Done && context.remediationId() != null) {
            carriedOut.add(context.remediationId());
        }
        return result;
    }

    /** An action this cluster carried out took effect; any other did not (the simulation keeps every action id). */
    @Override
    public Effect tookEffect(ResolvedTarget target, Action action, ExecutionContext context) {
        return carriedOut.contains(context.remediationId()) ? Effect.TOOK_EFFECT : Effect.NOT_TAKEN;
    }

    private ActionResult carryOut(ResolvedTarget target, Action action, ExecutionContext context) {
        if (action instanceof Action.Webhook webhook) {
            // a webhook has no object to change, and a playbook without a target has none at all
            return new ActionResult.Done("the webhook " + webhook.url() + " is not called in a rehearsal", Map.of());
        }
        SimulatedObject o = object(target);
        String what = target.kind() + " " + (target.namespace() == null ? "" : target.namespace() + "/")
                + target.name();
        if (o.missing()) {
            return new ActionResult.Failed("http-404", what + " does not exist");
        }
        if (o.failWith() != null) {
            return new ActionResult.Failed(o.failWith(), what + ": the simulated API answers " + o.failWith());
        }
        return switch (action) {
            case Action.Restart restart -> new ActionResult.Done("rollout restart of " + what, Map.of());
            case Action.Rollback rollback -> new ActionResult.Done("rolled back " + what, Map.of());
            case Action.DeletePod delete -> new ActionResult.Done("deleted pod " + delete.pod(), Map.of());
            case Action.Cordon cordon -> new ActionResult.Done("cordoned node " + cordon.node(), Map.of());
            case Action.Scale scale -> scale(o, scale, what);
            case Action.Failover failover -> {
                change(o, o.withSelector(failover.selector()));
                yield new ActionResult.Done("switched " + what + " to selector " + failover.selector(),
                        Map.of("originalSelector", o.selector().toString()));
            }
            case Action.Webhook webhook -> throw new IllegalStateException("a webhook is answered before any object");
            case Action.Escalate escalate -> new ActionResult.Failed("unsupported", "escalate is not a cluster action");
            case Action.ScaleKeda keda -> new ActionResult.Done("set the ScaledObject of " + what + " to "
                    + keda.parameters(), keda.parameters());
            case Action.RunJob job -> new ActionResult.Done("created a Job from CronJob " + job.cronJob(),
                    Map.of("cronJob", job.cronJob()));
            case Action.Drain drain -> new ActionResult.Done("drained node " + drain.node(),
                    Map.of("node", drain.node()));
            case Action.PatchHpa patch -> autoscalers.patch(target, patch);
            case Action.Isolate isolate -> new ActionResult.Done("isolated " + what + " with NetworkPolicy "
                    + Action.Isolate.policyName(target.kind(), target.name()),
                    Map.of("policy", Action.Isolate.policyName(target.kind(), target.name()), "created", "true",
                            "types", String.join(",", isolate.policyTypes())));
            case Action.EndIsolation end -> new ActionResult.Done("removed NetworkPolicy " + end.policy(),
                    Map.of("policy", end.policy()));
            case Action.AksStart start -> new ActionResult.Done("started the simulated AKS cluster " + what, Map.of());
            case Action.AksScaleNodePool pool -> scale(o, pool.count(), what + " node pool " + pool.nodePool());
            case Action.CosmosThroughput cosmos -> scale(o, cosmos.throughput(), what + " database "
                    + cosmos.database() + (cosmos.container() == null ? "" : " container " + cosmos.container()));
            case Action.PostgresPromote promote -> new ActionResult.Done("promoted the simulated replica " + what,
                    Map.of());
            case Action.Diagnose diagnose -> new ActionResult.Done("diagnosed " + what, Map.of(), diagnosis(o));
        };
    }

    /** What a diagnosis would find: the object's replicas as pods, ready or not, and its state as events. */
    private Diagnosis diagnosis(SimulatedObject o) {
        int replicas = o.replicas() == null ? 1 : o.replicas();
        int ready = o.readyReplicas() == null ? replicas : o.readyReplicas();
        List<Diagnosis.PodState> pods = new ArrayList<>();
        for (int i = 0; i < replicas; i++) {
            boolean up = i < ready;
            pods.add(new Diagnosis.PodState(o.name() + "-" + i, "Running", up, up ? 0 : 3,
                    up ? null : "CrashLoopBackOff", "simulated-node"));
        }
        List<String> events = new ArrayList<>();
        if (ready < replicas) {
            events.add("Pod/" + o.name() + "-" + ready + " BackOff: Back-off restarting failed container (simulated)");
        }
        if (o.rolloutInProgress()) {
            events.add(o.kind() + "/" + o.name() + " ScalingReplicaSet: rollout in progress (simulated)");
        }
        return new Diagnosis(pods, events, null, List.of(), List.of(),
                List.of("simulated: no cluster is asked in a rehearsal"), null);
    }

    private ActionResult scale(SimulatedObject o, Action.Scale scale, String what) {
        int current = o.replicas() == null ? 1 : o.replicas();
        int wanted = scale.desired(current);
        change(o, o.withReplicas(wanted));
        return new ActionResult.Done("scaled " + what + " from " + current + " to " + wanted,
                Map.of("replicas", current + " -> " + wanted));
    }

    /** A stuck object takes no change. */
    private void change(SimulatedObject before, SimulatedObject after) {
        if (!before.stuck()) {
            objects.put(after.key(), after);
        }
    }

    @Override
    public Verification verify(ResolvedTarget target, Action action, ActionResult.Done done) {
        if (action instanceof Action.Webhook) {
            return new Verification.Verified("the webhook answered (not called in a rehearsal)");
        }
        SimulatedObject o = object(target);
        if (o.missing()) {
            return new Verification.Failed("target-missing", target.kind() + " " + target.name() + " is gone");
        }
        if (o.stuck()) {
            return new Verification.Pending("the simulated " + target.kind() + " " + target.name()
                    + " does not take the change (stuck)");
        }
        return new Verification.Verified(action.type().yamlName() + " took effect on the simulated " + target.kind()
                + " " + target.name());
    }
}
