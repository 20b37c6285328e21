package io.alertpilot.remediation.k8s;

import io.alertpilot.remediation.action.ResolvedTarget;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.ControllerRevision;
import io.fabric8.kubernetes.api.model.apps.ReplicaSet;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A workload's rollout history, oldest first, one line per revision: a Deployment's ReplicaSets (by the
 * {@code deployment.kubernetes.io/revision} annotation, with their images and replicas), a StatefulSet's or
 * DaemonSet's ControllerRevisions. A Pod has none. Read-only; each method is one list call.
 */
final class RolloutHistory {

    private final KubernetesClient client;
    private final ResolvedTarget target;

    RolloutHistory(KubernetesClient client, ResolvedTarget target) {
        this.client = client;
        this.target = target;
    }

    /** One line per revision of {@code owned}, oldest first. */
    static List<String> lines(List<? extends HasMetadata> owned) {
        return owned.stream().map(RolloutHistory::line).toList();
    }

    /** The objects that hold the history (ReplicaSets, ControllerRevisions), oldest revision first. */
    List<? extends HasMetadata> owned() {
        String ns = target.namespace();
        List<? extends HasMetadata> items = switch (target.kind()) {
            case "Deployment" -> client.apps().replicaSets().inNamespace(ns).list().getItems();
            case "StatefulSet", "DaemonSet" -> client.apps().controllerRevisions().inNamespace(ns).list().getItems();
            default -> List.of();
        };
        return items.stream().filter(this::ownedByTarget)
                .sorted(Comparator.comparingLong(RolloutHistory::revision)).toList();
    }

    private boolean ownedByTarget(HasMetadata object) {
        return object.getMetadata().getOwnerReferences() != null && object.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> target.kind().equals(o.getKind()) && target.name().equals(o.getName()));
    }

    private static long revision(HasMetadata object) {
        if (object instanceof ControllerRevision revision && revision.getRevision() != null) {
            return revision.getRevision();
        }
        return KubernetesActionExecutor.revision(object);
    }

    private static String line(HasMetadata object) {
        String name = object.getMetadata().getName();
        if (object instanceof ReplicaSet rs) {
            String images = rs.getSpec() == null || rs.getSpec().getTemplate() == null ? ""
                    : rs.getSpec().getTemplate().getSpec().getContainers().stream().map(Container::getImage)
                            .collect(Collectors.joining(", "));
            Integer replicas = rs.getSpec() == null ? null : rs.getSpec().getReplicas();
            return "revision " + revision(rs) + ": " + images + " (ReplicaSet " + name
                    + (replicas == null ? "" : ", " + replicas + " replicas") + ")";
        }
        return "revision " + revision(object) + " (ControllerRevision " + name + ")";
    }
}
