package io.alertpilot.remediation.guard;

/**
 * What the cluster says about a target before an action, for the blast-radius guards.
 *
 * @param exists false when the target is not there
 * @param desiredReplicas the replicas the workload wants; null for objects without replicas
 * @param readyReplicas the replicas ready now; null when unknown
 * @param rolloutInProgress true while a rollout has not finished (and has not failed)
 * @param disruptionsAllowed the smallest {@code disruptionsAllowed} of the PodDisruptionBudgets covering the pods;
 *     null when none covers them
 * @param budgetName the PodDisruptionBudget that allows the fewest disruptions, or null
 */
public record WorkloadState(
        boolean exists,
        Integer desiredReplicas,
        Integer readyReplicas,
        boolean rolloutInProgress,
        String rolloutMessage,
        Integer disruptionsAllowed,
        String budgetName) {

    /** An object that is there and has no replicas to count (a Node, a Service). */
    public static WorkloadState plain() {
        return new WorkloadState(true, null, null, false, null, null, null);
    }
}
