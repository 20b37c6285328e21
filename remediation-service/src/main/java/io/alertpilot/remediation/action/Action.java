package io.alertpilot.remediation.action;

import io.alertpilot.remediation.playbook.ActionType;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

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

    /** Calls an HTTP endpoint with the alert and the target. */
    record Webhook(URI url, String method) implements Action {
        public ActionType type() {
            return ActionType.WEBHOOK;
        }

        public Map<String, String> parameters() {
            return Map.of("url", url.toString(), "method", method);
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
}
