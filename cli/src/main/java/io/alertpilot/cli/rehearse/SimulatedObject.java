package io.alertpilot.cli.rehearse;

import java.util.Map;

/**
 * One object of a simulated cluster, as the guards and verification read it. Objects a rehearsal does not list are
 * taken to exist and be healthy.
 *
 * @param kind {@code Deployment}, {@code StatefulSet}, {@code DaemonSet}, {@code Pod}, {@code Node}, {@code Service}
 * @param namespace null for a Node
 * @param replicas the replicas the workload wants; null for objects without replicas
 * @param readyReplicas the replicas ready now; null when unknown (then {@code replicas})
 * @param rolloutInProgress true while a rollout has not finished: restart, scale and rollback are held back
 * @param disruptionsAllowed what the PodDisruptionBudget covering the pods allows now; null when none covers them
 * @param budget the name of that PodDisruptionBudget
 * @param missing true: the object does not exist (target-missing)
 * @param failWith a reason code (e.g. {@code http-403}): every action on the object fails with it
 * @param stuck true: actions are accepted but never take effect, so verification times out
 * @param selector a Service's selector
 */
public record SimulatedObject(
        String kind,
        String namespace,
        String name,
        Integer replicas,
        Integer readyReplicas,
        Boolean rolloutInProgress,
        Integer disruptionsAllowed,
        String budget,
        Boolean missing,
        String failWith,
        Boolean stuck,
        Map<String, String> selector) {

    public SimulatedObject {
        if (kind == null || name == null) {
            throw new IllegalArgumentException("an object needs its kind and name");
        }
        selector = selector == null ? Map.of() : Map.copyOf(selector);
        rolloutInProgress = Boolean.TRUE.equals(rolloutInProgress);
        missing = Boolean.TRUE.equals(missing);
        stuck = Boolean.TRUE.equals(stuck);
        if (readyReplicas == null) {
            readyReplicas = replicas;
        }
    }

    /** A healthy object with no replicas to count. */
    public static SimulatedObject of(String kind, String namespace, String name) {
        return new SimulatedObject(kind, namespace, name, null, null, false, null, null, false, null, false, null);
    }

    /** A healthy workload with {@code replicas} all ready. */
    public static SimulatedObject workload(String kind, String namespace, String name, int replicas) {
        return new SimulatedObject(kind, namespace, name, replicas, replicas, false, null, null, false, null, false,
                null);
    }

    /** {@code kind/namespace/name} ({@code kind//name} without a namespace): how the cluster finds the object. */
    public String key() {
        return key(kind, namespace, name);
    }

    static String key(String kind, String namespace, String name) {
        return kind + "/" + (namespace == null ? "" : namespace) + "/" + name;
    }

    SimulatedObject withReplicas(int wanted) {
        return new SimulatedObject(kind, namespace, name, wanted, wanted, false, disruptionsAllowed, budget, missing,
                failWith, stuck, selector);
    }

    SimulatedObject withSelector(Map<String, String> wanted) {
        return new SimulatedObject(kind, namespace, name, replicas, readyReplicas, rolloutInProgress,
                disruptionsAllowed, budget, missing, failWith, stuck, wanted);
    }
}
