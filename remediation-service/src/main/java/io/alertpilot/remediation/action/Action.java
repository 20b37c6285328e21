package io.alertpilot.remediation.action;

import io.alertpilot.remediation.playbook.ActionType;
import java.net.URI;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One action with every parameter substituted and checked: what will be sent to Kubernetes, Azure or the webhook.
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

    /**
     * Switches a Service's selector; with {@code revertOnRecovery} the old selector returns when the alert resolves.
     *
     * @param promote the standby to promote after the switch, or null
     */
    record Failover(Map<String, String> selector, boolean revertOnRecovery, Promote promote) implements Action {
        public Failover {
            selector = Map.copyOf(selector);
        }

        /** A failover that promotes nothing. */
        public Failover(Map<String, String> selector, boolean revertOnRecovery) {
            this(selector, revertOnRecovery, null);
        }

        public ActionType type() {
            return ActionType.FAILOVER;
        }

        public Map<String, String> parameters() {
            Map<String, String> map = new LinkedHashMap<>();
            selector.forEach((k, v) -> map.put("selector." + k, v));
            map.put("revertOnRecovery", Boolean.toString(revertOnRecovery));
            if (promote != null && promote.postgresReplica() != null) {
                map.put("promote.postgresReplica", promote.postgresReplica().id());
            } else if (promote != null) {
                map.put("promote.webhook", promote.webhook().toString());
            }
            return map;
        }
    }

    /**
     * What a failover promotes after its selector switch: exactly one of an Azure PostgreSQL flexible server replica
     * or a webhook (POSTed to, as the webhook action does).
     */
    record Promote(AzureResourceId postgresReplica, URI webhook) {
        public Promote {
            if ((postgresReplica == null) == (webhook == null)) {
                throw new IllegalArgumentException("promote needs exactly one of postgresReplica or webhook");
            }
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

    /**
     * Calls an HTTP endpoint: the rendered {@code body} (the alert as JSON when null) with the rendered
     * {@code headers}, and {@code Authorization: Bearer} with the content of {@code tokenFile} when given (read at
     * call time). The body and the token never appear in {@link #parameters()}, so never in events.
     *
     * @param body the body as rendered from the alert; null sends the alert as JSON
     * @param headers header name -> value as rendered (printable ASCII only); may hold Content-Type
     * @param tokenFile the absolute path of a mounted file holding the bearer token; null sends no Authorization
     */
    record Webhook(URI url, String method, String body, Map<String, String> headers, String tokenFile)
            implements Action {

        public Webhook {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(method, "method");
            headers = headers == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(headers));
        }

        /** A webhook that sends the alert as JSON with no further headers (the shape before body and headers). */
        public Webhook(URI url, String method) {
            this(url, method, null, Map.of(), null);
        }

        public ActionType type() {
            return ActionType.WEBHOOK;
        }

        public Map<String, String> parameters() {
            Map<String, String> parameters = new LinkedHashMap<>();
            parameters.put("url", url.toString());
            parameters.put("method", method);
            if (!headers.isEmpty()) {
                parameters.put("headers", String.join(",", headers.keySet()));
            }
            if (tokenFile != null) {
                parameters.put("tokenFile", tokenFile);
            }
            return parameters;
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

    /** Starts a stopped AKS cluster (the target's managedClusters id). */
    record AksStart() implements Action {
        public ActionType type() {
            return ActionType.AKS_START;
        }

        public Map<String, String> parameters() {
            return Map.of();
        }
    }

    /** Sets the node count of one node pool of an AKS cluster, bounded as a {@link Scale} is. */
    record AksScaleNodePool(String nodePool, Scale count) implements Action {
        public AksScaleNodePool {
            Objects.requireNonNull(nodePool, "nodePool");
            Objects.requireNonNull(count, "count");
        }

        public ActionType type() {
            return ActionType.AKS_SCALE_NODEPOOL;
        }

        public Map<String, String> parameters() {
            Map<String, String> map = new LinkedHashMap<>();
            map.put("nodePool", nodePool);
            map.putAll(count.parameters());
            return map;
        }
    }

    /**
     * Sets the manual throughput (RU/s) of a Cosmos DB SQL database, or of one of its containers, bounded as a
     * {@link Scale} is.
     *
     * @param container null for the database's shared throughput
     */
    record CosmosThroughput(String database, String container, Scale throughput) implements Action {
        public CosmosThroughput {
            Objects.requireNonNull(database, "database");
            Objects.requireNonNull(throughput, "throughput");
        }

        public ActionType type() {
            return ActionType.COSMOS_THROUGHPUT;
        }

        public Map<String, String> parameters() {
            Map<String, String> map = new LinkedHashMap<>();
            map.put("database", database);
            if (container != null) {
                map.put("container", container);
            }
            map.putAll(throughput.parameters());
            return map;
        }
    }

    /** Promotes an Azure PostgreSQL flexible server read replica (the target) to a standalone server. */
    record PostgresPromote() implements Action {
        public ActionType type() {
            return ActionType.POSTGRES_PROMOTE;
        }

        public Map<String, String> parameters() {
            return Map.of();
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

    /**
     * Sets the bounds of the HorizontalPodAutoscaler {@code hpa}, or of the one whose {@code scaleTargetRef} names the
     * target when {@code hpa} is null. A bound not given stays, unless the other needs it moved to fit
     * ({@code min <= max}).
     *
     * @param revertOnRecovery the previous bounds return when the alert resolves
     */
    record PatchHpa(String hpa, Integer min, Integer max, boolean revertOnRecovery) implements Action {
        public PatchHpa {
            if (min == null && max == null) {
                throw new IllegalArgumentException("patch-hpa needs min or max");
            }
        }

        /**
         * The bounds to set on an HPA that has {@code currentMin}..{@code currentMax} now: those given, the others
         * kept; when only one is given and they would cross, the other moves to it.
         */
        public Bounds boundsFrom(int currentMin, int currentMax) {
            int newMin = min != null ? min : currentMin;
            int newMax = max != null ? max : currentMax;
            if (newMin > newMax) {
                return min != null && max == null ? new Bounds(newMin, newMin) : new Bounds(newMax, newMax);
            }
            return new Bounds(newMin, newMax);
        }

        /** An HPA's minReplicas and maxReplicas. */
        public record Bounds(int min, int max) {
        }

        public ActionType type() {
            return ActionType.PATCH_HPA;
        }

        public Map<String, String> parameters() {
            Map<String, String> map = new LinkedHashMap<>();
            if (hpa != null) {
                map.put("hpa", hpa);
            }
            if (min != null) {
                map.put("min", min.toString());
            }
            if (max != null) {
                map.put("max", max.toString());
            }
            map.put("revertOnRecovery", Boolean.toString(revertOnRecovery));
            return map;
        }
    }

    /**
     * Cuts a workload's pods off the network: a deny-all NetworkPolicy {@link #policyName named for the workload}
     * that selects its pods, for {@code ingress} and/or {@code egress}.
     *
     * @param removeOnRecovery the policy is deleted when the alert resolves
     */
    record Isolate(boolean ingress, boolean egress, boolean removeOnRecovery) implements Action {
        public Isolate {
            if (!ingress && !egress) {
                throw new IllegalArgumentException("isolate needs ingress or egress");
            }
        }

        /**
         * The name of the NetworkPolicy that isolates the workload {@code kind}/{@code workload}, e.g.
         * {@code alertpilot-isolate-deployment-web}: the kind keeps a Deployment and a StatefulSet of one name apart.
         */
        public static String policyName(String kind, String workload) {
            return KubernetesNames.withPrefix("alertpilot-isolate-", kind.toLowerCase(java.util.Locale.ROOT) + "-"
                    + workload);
        }

        /** The policy types this isolation lists: {@code Ingress} and/or {@code Egress}, in that order. */
        public List<String> policyTypes() {
            return ingress && egress ? List.of("Ingress", "Egress") : List.of(ingress ? "Ingress" : "Egress");
        }

        public ActionType type() {
            return ActionType.ISOLATE;
        }

        public Map<String, String> parameters() {
            return Map.of("ingress", Boolean.toString(ingress), "egress", Boolean.toString(egress),
                    "removeOnRecovery", Boolean.toString(removeOnRecovery));
        }
    }

    /** The way back of an {@link Isolate}: deletes the NetworkPolicy {@code policy} (its events say {@code isolate}). */
    record EndIsolation(String policy) implements Action {
        public EndIsolation {
            Objects.requireNonNull(policy, "policy");
        }

        public ActionType type() {
            return ActionType.ISOLATE;
        }

        public Map<String, String> parameters() {
            return Map.of("policy", policy, "remove", "true");
        }
    }

    /** Gathers a read-only diagnosis of a workload or pod, keeping the last {@code logLines} of the crashed log. */
    record Diagnose(int logLines) implements Action {
        public ActionType type() {
            return ActionType.DIAGNOSE;
        }

        public Map<String, String> parameters() {
            return Map.of("logLines", Integer.toString(logLines));
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
