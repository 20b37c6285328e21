package io.alertpilot.remediation.k8s;

import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.guard.GuardCheckUnavailableException;
import io.alertpilot.remediation.guard.TargetInspector;
import io.alertpilot.remediation.guard.WorkloadState;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Reads what the blast-radius guards need: whether the target exists, its rollout state, its ready replicas and the
 * PodDisruptionBudgets that cover its pods (by {@code matchLabels}). Read-only; every call through
 * {@link KubernetesResilience}. Thread safe.
 */
public final class KubernetesInspector implements TargetInspector {

    private final KubernetesClusters clusters;
    private final KubernetesResilience resilience;

    public KubernetesInspector(KubernetesClusters clusters, KubernetesResilience resilience) {
        this.clusters = clusters;
        this.resilience = resilience;
    }

    @Override
    public WorkloadState inspect(ResolvedTarget target, Action action) {
        try {
            String cluster = clusters.resolve(target.cluster());
            KubernetesClient client = clusters.client(target.cluster());
            return switch (target.kind()) {
                case "Deployment", "StatefulSet", "DaemonSet" -> workload(cluster, client, target, action);
                case "Pod" -> pod(cluster, client, target.namespace(), target.name());
                case "Service" -> exists(call(cluster, () -> client.services().inNamespace(target.namespace())
                        .withName(target.name()).get()));
                case "Node" -> exists(call(cluster, () -> client.nodes().withName(
                        action instanceof Action.Cordon c ? c.node()
                                : action instanceof Action.Drain d ? d.node() : target.name()).get()));
                case "CronJob" -> exists(call(cluster, () -> client.batch().v1().cronjobs()
                        .inNamespace(target.namespace()).withName(target.name()).get()));
                default -> WorkloadState.plain();
            };
        } catch (CircuitOpenException e) {
            throw new GuardCheckUnavailableException("circuit-open", e.getMessage(), e);
        } catch (UnknownClusterException e) {
            throw new GuardCheckUnavailableException(e.reason(), e.getMessage(), e);
        } catch (ClusterCallException e) {
            throw new GuardCheckUnavailableException("inspect-failed", "cannot read the target: " + e.reason() + " "
                    + e.getMessage(), e);
        }
    }

    private WorkloadState workload(String cluster, KubernetesClient client, ResolvedTarget target, Action action) {
        HasMetadata workload = call(cluster, () -> switch (target.kind()) {
            case "Deployment" -> client.apps().deployments().inNamespace(target.namespace()).withName(target.name()).get();
            case "StatefulSet" -> client.apps().statefulSets().inNamespace(target.namespace()).withName(target.name()).get();
            default -> client.apps().daemonSets().inNamespace(target.namespace()).withName(target.name()).get();
        });
        if (workload == null) {
            return new WorkloadState(false, null, null, false, null, null, null);
        }
        if (action instanceof Action.DeletePod delete) {
            WorkloadState pod = pod(cluster, client, target.namespace(), delete.pod());
            if (!pod.exists()) {
                return pod;
            }
        }
        RolloutStatus status = RolloutStatus.of(workload);
        Map<String, String> podLabels = podLabels(workload);
        Optional<PodDisruptionBudget> budget = tightestBudget(cluster, client, target.namespace(), podLabels);
        return new WorkloadState(true, status.desired(), status.ready(), !status.complete() && !status.failed(),
                status.message(), budget.map(KubernetesInspector::allowed).orElse(null),
                budget.map(b -> b.getMetadata().getName()).orElse(null));
    }

    private WorkloadState pod(String cluster, KubernetesClient client, String namespace, String name) {
        Pod pod = call(cluster, () -> client.pods().inNamespace(namespace).withName(name).get());
        if (pod == null) {
            return new WorkloadState(false, null, null, false, null, null, null);
        }
        Map<String, String> labels = Objects.requireNonNullElse(pod.getMetadata().getLabels(), Map.of());
        Optional<PodDisruptionBudget> budget = tightestBudget(cluster, client, namespace, labels);
        Integer ready = null;
        if (budget.isPresent() && budget.get().getStatus() != null) {
            ready = budget.get().getStatus().getCurrentHealthy();
        }
        return new WorkloadState(true, null, ready, false, null, budget.map(KubernetesInspector::allowed).orElse(null),
                budget.map(b -> b.getMetadata().getName()).orElse(null));
    }

    private Optional<PodDisruptionBudget> tightestBudget(String cluster, KubernetesClient client, String namespace,
            Map<String, String> podLabels) {
        if (podLabels.isEmpty()) {
            return Optional.empty();
        }
        List<PodDisruptionBudget> budgets = call(cluster, () -> client.policy().v1().podDisruptionBudget()
                .inNamespace(namespace).list().getItems());
        return budgets.stream()
                .filter(b -> covers(b.getSpec().getSelector(), podLabels))
                .min(Comparator.comparingInt(KubernetesInspector::allowed));
    }

    private static boolean covers(LabelSelector selector, Map<String, String> labels) {
        if (selector == null || selector.getMatchLabels() == null || selector.getMatchLabels().isEmpty()) {
            return false;
        }
        return selector.getMatchLabels().entrySet().stream()
                .allMatch(e -> e.getValue().equals(labels.get(e.getKey())));
    }

    private static int allowed(PodDisruptionBudget budget) {
        return budget.getStatus() == null || budget.getStatus().getDisruptionsAllowed() == null ? 0
                : budget.getStatus().getDisruptionsAllowed();
    }

    private static Map<String, String> podLabels(HasMetadata workload) {
        PodTemplateSpec template = switch (workload) {
            case Deployment d -> d.getSpec().getTemplate();
            case StatefulSet s -> s.getSpec().getTemplate();
            case DaemonSet d -> d.getSpec().getTemplate();
            default -> null;
        };
        if (template == null || template.getMetadata() == null || template.getMetadata().getLabels() == null) {
            return Map.of();
        }
        return template.getMetadata().getLabels();
    }

    private static WorkloadState exists(HasMetadata object) {
        return object == null ? new WorkloadState(false, null, null, false, null, null, null) : WorkloadState.plain();
    }

    private <T> T call(String cluster, Supplier<T> call) {
        return resilience.call(cluster, call);
    }
}
