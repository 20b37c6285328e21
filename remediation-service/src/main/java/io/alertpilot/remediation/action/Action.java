package io.alertpilot.remediation.action;

import io.alertpilot.remediation.playbook.ActionType;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * One action with every parameter substituted and checked: what will be sent to Kubernetes (or the webhook).
 */
public sealed interface Action {

    /** The action's type. */
    ActionType type();

    /** The parameters as text, for events and the evaluate answer. */
    Map<String, String> parameters();

    /** A rollout restart of a Deployment, StatefulSet or DaemonSet. */
    record Restart() implements Action {
        public ActionType type() {
            return ActionType.RESTART;
        }

        public Map<String, String> parameters() {
            return Map.of();
        }
    }

    /** Deletes one pod (its controller makes a new one). */
    record DeletePod(String pod) implements Action {
        public DeletePod {
            Objects.requireNonNull(pod, "pod");
        }

        public ActionType type() {
            return ActionType.DELETE_POD;
        }

        public Map<String, String> parameters() {
            return Map.of("pod", pod);
        }
    }

    /** Scales to {@code to}, or by {@code by}, and never outside {@code min}..{@code max}. */
    record Scale(Integer to, Integer by, int min, int max) implements Action {
        public ActionType type() {
            return ActionType.SCALE;
        }

        /** The replica count to set when there are {@code current} now. */
        public int desired(int current) {
            int wanted = to != null ? to : current + by;
            return Math.max(min, Math.min(max, wanted));
        }

        public Map<String, String> parameters() {
            Map<String, String> map = new LinkedHashMap<>();
            if (to != null) {
                map.put("to", to.toString());
            }
            if (by != null) {
                map.put("by", by.toString());
            }
            map.put("min", Integer.toString(min));
            map.put("max", Integer.toString(max));
            return map;
        }
    }

    /** Back to the previous revision of a Deployment, or to {@code toRevision} when given. */
    record Rollback(Long toRevision) implements Action {
        public ActionType type() {
            return ActionType.ROLLBACK;
        }

        public Map<String, String> parameters() {
            return toRevision == null ? Map.of() : Map.of("toRevision", toRevision.toString());
        }
    }

    /** Switches a Service's selector; with {@code revertOnRecovery} the old selector returns when the alert resolves. */
    record Failover(Map<String, String> selector, boolean revertOnRecovery) implements Action {
        public Failover {
            selector = Map.copyOf(selector);
        }

        public ActionType type() {
            return ActionType.FAILOVER;
        }

        public Map<String, String> parameters() {
            Map<String, String> map = new LinkedHashMap<>();
            selector.forEach((k, v) -> map.put("selector." + k, v));
            map.put("revertOnRecovery", Boolean.toString(revertOnRecovery));
            return map;
        }
    }

    /** Marks a node unschedulable. */
    record Cordon(String node) implements Action {
        public Cordon {
            Objects.requireNonNull(node, "node");
        }

        public ActionType type() {
            return ActionType.CORDON;
        }

        public Map<String, String> parameters() {
            return Map.of("node", node);
        }
    }

    /** Calls an HTTP endpoint with the alert and the target. */
    record Webhook(URI url, String method) implements Action {
        public ActionType type() {
            return ActionType.WEBHOOK;
        }

        public Map<String, String> parameters() {
            return Map.of("url", url.toString(), "method", method);
        }
    }

    /**
     * Sets a KEDA ScaledObject's {@code minReplicaCount} and/or {@code maxReplicaCount}.
     *
     * @param scaledObject the ScaledObject's name; null: the one whose {@code scaleTargetRef} names the target
     * @param min null leaves minReplicaCount as it is
     * @param max null leaves maxReplicaCount as it is
     */
    record ScaleKeda(String scaledObject, Integer min, Integer max) implements Action {
        public ScaleKeda {
            if (min == null && max == null) {
                throw new IllegalArgumentException("scale-keda needs min or max");
            }
        }

        public ActionType type() {
            return ActionType.SCALE_KEDA;
        }

        public Map<String, String> parameters() {
            return given("scaledObject", scaledObject, "min", min, "max", max);
        }
    }

    /** Starts a Job from the CronJob {@code cronJob}'s job template, in the target's namespace. */
    record RunJob(String cronJob) implements Action {
        public RunJob {
            Objects.requireNonNull(cronJob, "cronJob");
        }

        public ActionType type() {
            return ActionType.RUN_JOB;
        }

        public Map<String, String> parameters() {
            return Map.of("cronJob", cronJob);
        }
    }

    /**
     * Cordons {@code node} and evicts its pods through the Eviction API (DaemonSet and mirror pods stay); evictions a
     * PodDisruptionBudget holds back are tried again by the verification's looks, without waiting on any thread, until
     * {@code evictionTimeout} after the action; never deletes a pod.
     */
    record Drain(String node, Duration evictionTimeout) implements Action {
        public Drain {
            Objects.requireNonNull(node, "node");
            Objects.requireNonNull(evictionTimeout, "evictionTimeout");
        }

        public ActionType type() {
            return ActionType.DRAIN;
        }

        public Map<String, String> parameters() {
            return Map.of("node", node, "evictionTimeout", evictionTimeout.toString());
        }
    }

    /** No action: hand the alert to a human at once. */
    record Escalate() implements Action {
        public ActionType type() {
            return ActionType.ESCALATE;
        }

        public Map<String, String> parameters() {
            return Map.of();
        }
    }

    /** The given pairs of name and value whose value is not null, in order, as text. */
    private static Map<String, String> given(Object... namesAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                map.put((String) namesAndValues[i], namesAndValues[i + 1].toString());
            }
        }
        return map;
    }
}
