package io.alertpilot.remediation.k8s;

import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionExecutor;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.action.Verification;
import io.alertpilot.model.remediation.Diagnosis;
import io.alertpilot.remediation.diagnose.DiagnoseSettings;
import io.alertpilot.remediation.diagnose.Diagnoser;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.dsl.RollableScalableResource;
import java.time.Clock;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Carries out Kubernetes actions with fabric8, each call through {@link KubernetesResilience}. Uses only operations a
 * real API server and fabric8's mock server both support: rollout restart (an annotation on the pod template),
 * scale, edit (JSON patch), JSON merge patch, create, delete. A scale of a workload that a HorizontalPodAutoscaler
 * targets goes through the HPA ({@link HpaScaler}); {@code isolate} is a NetworkPolicy ({@link NetworkIsolation}).
 * Answers with a value, never throws for a failed call. Thread safe.
 */
public final class KubernetesActionExecutor implements ActionExecutor {

    static final String REVISION = "deployment.kubernetes.io/revision";
    static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";

    private final KubernetesClusters clusters;
    private final KubernetesResilience resilience;
    private final PodDeletion podDeletion;
    private final KedaScaling keda;
    private final JobLauncher jobs;
    private final NodeDrain drain;
    private final HpaScaler hpas;
    private final NetworkIsolation isolation;
    private final Diagnoser diagnoser;
    private final ActionEffects effects;
    private final WorkloadActions workloads;

    /** An executor whose {@code diagnose} uses the default bounds and redaction. */
    public KubernetesActionExecutor(KubernetesClusters clusters, KubernetesResilience resilience) {
        this(clusters, resilience, new Diagnostician(clusters, resilience, DiagnoseSettings.DEFAULTS,
                Clock.systemUTC()));
    }

    /** @param diagnoser gathers what a {@code diagnose} action reports */
    public KubernetesActionExecutor(KubernetesClusters clusters, KubernetesResilience resilience, Diagnoser diagnoser) {
        this.clusters = clusters;
        this.resilience = resilience;
        this.podDeletion = new PodDeletion(resilience);
        this.keda = new KedaScaling(resilience);
        this.jobs = new JobLauncher(resilience);
        this.drain = new NodeDrain(resilience, Clock.systemUTC());
        this.hpas = new HpaScaler(resilience);
        this.isolation = new NetworkIsolation(resilience);
        this.diagnoser = diagnoser;
        this.effects = new ActionEffects(resilience, hpas);
        this.workloads = new WorkloadActions(resilience, hpas);
    }

    @Override
    public ActionResult execute(ResolvedTarget target, Action action, ExecutionContext context) {
        try {
            String cluster = clusters.resolve(target.cluster());
            KubernetesClient client = clusters.client(target.cluster());
            return switch (action) {
                case Action.Restart restart -> workloads.restart(cluster, client, target, context);
                case Action.DeletePod delete -> podDeletion.delete(cluster, client, target, delete.pod());
                case Action.Scale scale -> workloads.scale(cluster, client, target, scale, context.remediationId());
                case Action.Rollback rollback -> rollback(cluster, client, target, rollback.toRevision());
                case Action.Failover failover -> failover(cluster, client, target, failover, context.revertSelector());
                case Action.Cordon cordon -> cordon(cluster, client, cordon.node());
                case Action.Webhook webhook -> new ActionResult.Failed("unsupported", "webhook is not a Kubernetes action");
                case Action.Escalate escalate -> new ActionResult.Failed("unsupported", "escalate is not a Kubernetes action");
                case Action.ScaleKeda scaleKeda -> keda.scale(cluster, client, target, scaleKeda);
                case Action.RunJob runJob -> jobs.run(cluster, client, target, runJob, context.remediationId());
                case Action.Drain nodeDrain -> drain.drain(cluster, client, nodeDrain);
                case Action.PatchHpa patch -> hpas.patch(cluster, client, target, patch);
                case Action.Isolate isolate -> isolation.isolate(cluster, client, target, isolate,
                        context.remediationId());
                case Action.EndIsolation end -> isolation.end(cluster, client, target, end);
                case Action.AksStart a -> azureOnly(a);
                case Action.AksScaleNodePool a -> azureOnly(a);
                case Action.CosmosThroughput a -> azureOnly(a);
                case Action.PostgresPromote a -> azureOnly(a);
                case Action.Diagnose diagnose -> diagnosed(target, diagnoser.diagnose(target, diagnose.logLines()));
            };
        } catch (CircuitOpenException e) {
            return new ActionResult.CircuitOpen(e.cluster());
        } catch (ClusterCallException e) {
            return new ActionResult.Failed(e.reason(), e.getMessage());
        }
    }

    /** An Azure action that reached this executor (the router sends them to Azure). */
    private static ActionResult.Failed azureOnly(Action action) {
        return new ActionResult.Failed("unsupported", action.type().yamlName() + " is an Azure action, not a "
                + "Kubernetes one");
    }

    /** A diagnosis is always done: what could not be gathered is in its notes. */
    static ActionResult.Done diagnosed(ResolvedTarget target, Diagnosis diagnosis) {
        long restarts = diagnosis.pods().stream().mapToInt(Diagnosis.PodState::restarts).sum();
        return new ActionResult.Done("diagnosed " + target.kind() + " " + target.namespace() + "/" + target.name()
                + ": " + diagnosis.pods().size() + " pods, " + restarts + " restarts, " + diagnosis.events().size()
                + " events" + (diagnosis.notes().isEmpty() ? "" : ", " + diagnosis.notes().size() + " notes"),
                Map.of(), diagnosis);
    }

    private ActionResult rollback(String cluster, KubernetesClient client, ResolvedTarget target, Long toRevision) {
        Deployment deployment = call(cluster, () -> client.apps().deployments().inNamespace(target.namespace())
                .withName(target.name()).get());
        if (deployment == null) {
            return notFound(target);
        }
        List<ReplicaSet> owned = call(cluster, () -> client.apps().replicaSets().inNamespace(target.namespace())
                .list().getItems()).stream()
                .filter(rs -> rs.getMetadata().getOwnerReferences() != null && rs.getMetadata().getOwnerReferences()
                        .stream().anyMatch(o -> "Deployment".equals(o.getKind()) && target.name().equals(o.getName())))
                .filter(rs -> revision(rs) > 0)
                .sorted(Comparator.comparingLong(KubernetesActionExecutor::revision))
                .toList();
        long current = revision(deployment) > 0 ? revision(deployment)
                : owned.isEmpty() ? 0 : revision(owned.getLast());
        Optional<ReplicaSet> previous = toRevision != null
                ? owned.stream().filter(rs -> revision(rs) == toRevision).findFirst()
                : owned.stream().filter(rs -> revision(rs) < current).reduce((a, b) -> b);
        if (previous.isEmpty()) {
            return new ActionResult.Failed("no-previous-revision", "Deployment " + target.namespace() + "/"
                    + target.name() + " has no " + (toRevision != null ? "revision " + toRevision
                            : "revision before " + current));
        }
        PodTemplateSpec template = previous.get().getSpec().getTemplate();
        Map<String, String> labels = new HashMap<>(Objects.requireNonNullElse(template.getMetadata().getLabels(), Map.of()));
        labels.remove("pod-template-hash");
        template.getMetadata().setLabels(labels);
        long to = revision(previous.get());
        call(cluster, () -> client.apps().deployments().inNamespace(target.namespace()).withName(target.name())
                .edit(d -> {
                    d.getSpec().setTemplate(template);
                    return d;
                }));
        return new ActionResult.Done("rolled Deployment " + target.namespace() + "/" + target.name()
                + " back from revision " + current + " to revision " + to,
                Map.of("fromRevision", Long.toString(current), "toRevision", Long.toString(to)));
    }

    private ActionResult failover(String cluster, KubernetesClient client, ResolvedTarget target,
            Action.Failover failover, Map<String, String> revertTo) {
        Service service = call(cluster, () -> client.services().inNamespace(target.namespace())
                .withName(target.name()).get());
        if (service == null) {
            return notFound(target);
        }
        Map<String, String> previous = new LinkedHashMap<>(Objects.requireNonNullElse(service.getSpec().getSelector(),
                Map.of()));
        Map<String, String> next;
        if (revertTo != null) {
            next = new LinkedHashMap<>(revertTo);
        } else {
            next = new LinkedHashMap<>(previous);
            next.putAll(failover.selector());
        }
        call(cluster, () -> client.services().inNamespace(target.namespace()).withName(target.name()).edit(s -> {
            s.getSpec().setSelector(next);
            return s;
        }));
        Map<String, String> details = new LinkedHashMap<>();
        previous.forEach((k, v) -> details.put("previous." + k, v));
        next.forEach((k, v) -> details.put("selector." + k, v));
        return new ActionResult.Done("switched Service " + target.namespace() + "/" + target.name() + " from selector "
                + previous + " to " + next, details);
    }

    private ActionResult cordon(String cluster, KubernetesClient client, String nodeName) {
        Node node = call(cluster, () -> client.nodes().withName(nodeName).get());
        if (node == null) {
            return new ActionResult.Failed("http-404", "node " + nodeName + " does not exist");
        }
        call(cluster, () -> client.nodes().withName(nodeName).edit(n -> {
            n.getSpec().setUnschedulable(true);
            return n;
        }));
        return new ActionResult.Done("cordoned node " + nodeName, Map.of("node", nodeName));
    }

    @Override
    public Effect tookEffect(ResolvedTarget target, Action action, ExecutionContext context) {
        try {
            String cluster = clusters.resolve(target.cluster());
            return effects.tookEffect(cluster, clusters.client(target.cluster()), target, action, context);
        } catch (CircuitOpenException | ClusterCallException e) {
            return Effect.UNKNOWN;
        }
    }

    @Override
    public Verification verify(ResolvedTarget target, Action action, ActionResult.Done done) {
        try {
            String cluster = clusters.resolve(target.cluster());
            KubernetesClient client = clusters.client(target.cluster());
            return switch (action) {
                case Action.Restart r -> rolledOut(call(cluster, () -> workload(client, target).get()), target);
                case Action.Scale s when done.details().containsKey(HpaScaler.ZERO_PAST) -> hpas.verifyZero(target,
                        call(cluster, () -> workload(client, target).get()), done);
                case Action.Scale s -> done.details().containsKey("hpa")
                        ? hpas.verifyScale(cluster, client, target, call(cluster, () -> workload(client, target).get()),
                                done)
                        : rolledOut(call(cluster, () -> workload(client, target).get()), target);
                case Action.Rollback r -> rolledOut(call(cluster, () -> workload(client, target).get()), target);
                case Action.DeletePod d -> podDeletion.verify(cluster, client, target, d.pod(), done);
                case Action.Failover f -> {
                    Service service = call(cluster, () -> client.services().inNamespace(target.namespace())
                            .withName(target.name()).get());
                    Map<String, String> wanted = new HashMap<>();
                    done.details().forEach((k, v) -> {
                        if (k.startsWith("selector.")) {
                            wanted.put(k.substring("selector.".length()), v);
                        }
                    });
                    yield service != null && wanted.equals(service.getSpec().getSelector())
                            ? new Verification.Verified("Service selector is " + wanted)
                            : new Verification.Pending("Service selector is not yet " + wanted);
                }
                case Action.Cordon c -> {
                    Node node = call(cluster, () -> client.nodes().withName(c.node()).get());
                    yield node != null && Boolean.TRUE.equals(node.getSpec().getUnschedulable())
                            ? new Verification.Verified("node " + c.node() + " is unschedulable")
                            : new Verification.Pending("node " + c.node() + " is still schedulable");
                }
                case Action.Webhook w -> new Verification.Verified("webhook answered");
                case Action.Escalate e -> new Verification.Verified("escalated");
                case Action.ScaleKeda k -> keda.verify(cluster, client, target, k, done);
                case Action.RunJob j -> jobs.verify(cluster, client, target, done);
                case Action.Drain d -> drain.verify(cluster, client, d, done);
                case Action.PatchHpa p -> hpas.verifyBounds(cluster, client, target.namespace(), done, false);
                case Action.Isolate i -> isolation.verify(cluster, client, target.namespace(),
                        done.details().get("policy"), done.details().getOrDefault("types", ""));
                case Action.EndIsolation e -> isolation.verify(cluster, client, target.namespace(), e.policy(), null);
                case Action.AksStart a -> new Verification.Failed("unsupported", azureOnly(a).message());
                case Action.AksScaleNodePool a -> new Verification.Failed("unsupported", azureOnly(a).message());
                case Action.CosmosThroughput a -> new Verification.Failed("unsupported", azureOnly(a).message());
                case Action.PostgresPromote a -> new Verification.Failed("unsupported", azureOnly(a).message());
                case Action.Diagnose d -> new Verification.Verified("read-only: the diagnosis is on the SUCCEEDED event");
            };
        } catch (UnknownClusterException e) {
            return new Verification.Failed(e.reason(), e.getMessage());
        } catch (CircuitOpenException | ClusterCallException e) {
            return new Verification.Pending("cannot look at the target: " + e.getMessage());
        }
    }

    /** Rollout finished and every replica ready, as {@code kubectl rollout status} judges it. */
    static Verification rolledOut(HasMetadata workload, ResolvedTarget target) {
        if (workload == null) {
            return new Verification.Failed("target-missing", target.kind() + " " + target.name() + " is gone");
        }
        RolloutStatus status = RolloutStatus.of(workload);
        if (status.failed()) {
            return new Verification.Failed("rollout-failed", status.message());
        }
        return status.complete() && status.allReady() ? new Verification.Verified(status.message())
                : new Verification.Pending(status.message());
    }

    @SuppressWarnings("unchecked")
    static RollableScalableResource<? extends HasMetadata> workload(KubernetesClient client,
            ResolvedTarget target) {
        return switch (target.kind()) {
            case "Deployment" -> client.apps().deployments().inNamespace(target.namespace()).withName(target.name());
            case "StatefulSet" -> client.apps().statefulSets().inNamespace(target.namespace()).withName(target.name());
            case "DaemonSet" -> (RollableScalableResource<? extends HasMetadata>) (Object) client.apps().daemonSets()
                    .inNamespace(target.namespace()).withName(target.name());
            default -> throw new ClusterCallException("unsupported", target.kind() + " is not a workload", null);
        };
    }

    static Optional<PodTemplateSpec> template(HasMetadata workload) {
        return Optional.ofNullable(switch (workload) {
            case Deployment d -> d.getSpec().getTemplate();
            case StatefulSet s -> s.getSpec().getTemplate();
            case DaemonSet d -> d.getSpec().getTemplate();
            default -> null;
        }).filter(t -> t.getMetadata() != null && t.getMetadata().getAnnotations() != null);
    }

    static int replicas(HasMetadata workload) {
        Integer replicas = switch (workload) {
            case Deployment d -> d.getSpec().getReplicas();
            case StatefulSet s -> s.getSpec().getReplicas();
            default -> null;
        };
        return replicas == null ? 1 : replicas;
    }

    static long revision(HasMetadata object) {
        Map<String, String> annotations = object.getMetadata().getAnnotations();
        if (annotations == null || annotations.get(REVISION) == null) {
            return 0;
        }
        try {
            return Long.parseLong(annotations.get(REVISION));
        } catch (NumberFormatException e) {
            return 0;
        }
    }

    static ActionResult.Failed notFound(ResolvedTarget target) {
        return new ActionResult.Failed("http-404", target.kind() + " " + target.namespace() + "/" + target.name()
                + " does not exist");
    }

    private <T> T call(String cluster, Supplier<T> call) {
        return resilience.call(cluster, call);
    }
}
