package io.alertpilot.remediation.k8s;

import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.apps.DaemonSet;
import io.fabric8.kubernetes.api.model.apps.DaemonSetStatus;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentStatus;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.apps.StatefulSetStatus;
import java.util.Objects;

/**
 * The rollout state of a workload, judged like {@code kubectl rollout status}: complete when the controller saw the
 * latest spec and every replica runs the new template with no old one left; failed when a Deployment's progress
 * deadline passed. Availability is separate ({@code allReady}): a crash-looping workload has a finished rollout but
 * not all replicas ready.
 *
 * @param desired the replicas wanted
 */
record RolloutStatus(boolean complete, boolean failed, boolean allReady, int desired, int ready, String message) {

    static RolloutStatus of(HasMetadata workload) {
        Long generation = workload.getMetadata().getGeneration();
        return switch (workload) {
            case Deployment d -> {
                DeploymentStatus s = d.getStatus() == null ? new DeploymentStatus() : d.getStatus();
                int desired = or(d.getSpec().getReplicas(), 1);
                boolean observed = generation == null || s.getObservedGeneration() == null
                        || s.getObservedGeneration() >= generation;
                int updated = or(s.getUpdatedReplicas(), 0);
                int total = or(s.getReplicas(), 0);
                int ready = or(s.getReadyReplicas(), 0);
                int available = or(s.getAvailableReplicas(), 0);
                boolean failed = s.getConditions() != null && s.getConditions().stream().anyMatch(c ->
                        "Progressing".equals(c.getType()) && "False".equals(c.getStatus())
                                && "ProgressDeadlineExceeded".equals(c.getReason()));
                boolean complete = observed && updated >= desired && total <= updated;
                yield new RolloutStatus(complete, failed, ready >= desired && available >= desired, desired, ready,
                        updated + " of " + desired + " replicas updated, " + ready + " ready, " + available
                                + " available" + (observed ? "" : ", spec change not yet observed")
                                + (failed ? ", progress deadline exceeded" : ""));
            }
            case StatefulSet st -> {
                StatefulSetStatus s = st.getStatus() == null ? new StatefulSetStatus() : st.getStatus();
                int desired = or(st.getSpec().getReplicas(), 1);
                boolean observed = generation == null || s.getObservedGeneration() == null
                        || s.getObservedGeneration() >= generation;
                int updated = or(s.getUpdatedReplicas(), 0);
                int ready = or(s.getReadyReplicas(), 0);
                boolean revisions = s.getUpdateRevision() == null
                        || Objects.equals(s.getUpdateRevision(), s.getCurrentRevision());
                boolean complete = observed && updated >= desired && revisions;
                yield new RolloutStatus(complete, false, ready >= desired, desired, ready,
                        updated + " of " + desired + " replicas updated, " + ready + " ready");
            }
            case DaemonSet ds -> {
                DaemonSetStatus s = ds.getStatus() == null ? new DaemonSetStatus() : ds.getStatus();
                int desired = or(s.getDesiredNumberScheduled(), 0);
                boolean observed = generation == null || s.getObservedGeneration() == null
                        || s.getObservedGeneration() >= generation;
                int updated = or(s.getUpdatedNumberScheduled(), 0);
                int ready = or(s.getNumberReady(), 0);
                yield new RolloutStatus(observed && updated >= desired, false, ready >= desired, desired, ready,
                        updated + " of " + desired + " pods updated, " + ready + " ready");
            }
            default -> new RolloutStatus(true, false, true, 0, 0, workload.getKind() + " has no rollout");
        };
    }

    private static int or(Integer value, int fallback) {
        return value == null ? fallback : value;
    }
}
