package io.alertpilot.remediation.k8s;

import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.Verification;
import io.fabric8.kubernetes.api.model.DeleteOptionsBuilder;
import io.fabric8.kubernetes.api.model.Node;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.policy.v1.Eviction;
import io.fabric8.kubernetes.api.model.policy.v1.EvictionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The {@code drain} action, as {@code kubectl drain} without {@code --force} or {@code --disable-eviction}: cordons
 * the node, then evicts its pods through the Eviction API ({@code policy/v1}), so that PodDisruptionBudgets hold.
 * DaemonSet pods and mirror (static) pods are left alone. An eviction a budget refuses (429) is tried again until the
 * action's {@code evictionTimeout}; the pods still refused then make the failure {@code pdb-blocked}, which names them.
 * A pod is never deleted directly. Each eviction carries the pod's uid as a precondition, so a retried eviction never
 * hits a pod that replaced it. Blocks the calling thread for at most the eviction timeout. Thread safe.
 */
final class NodeDrain {

    static final String MIRROR = "kubernetes.io/config.mirror";
    private static final Duration LONGEST_PAUSE = Duration.ofSeconds(5);
    private static final Duration SHORTEST_PAUSE = Duration.ofMillis(20);
    private static final int NAMES_SHOWN = 10;

    private final KubernetesResilience resilience;

    NodeDrain(KubernetesResilience resilience) {
        this.resilience = resilience;
    }

    ActionResult drain(String cluster, KubernetesClient client, Action.Drain action) {
        String nodeName = action.node();
        Node node = resilience.call(cluster, () -> client.nodes().withName(nodeName).get());
        if (node == null) {
            return new ActionResult.Failed("http-404", "node " + nodeName + " does not exist");
        }
        if (!Boolean.TRUE.equals(node.getSpec().getUnschedulable())) {
            resilience.call(cluster, () -> client.nodes().withName(nodeName).edit(n -> {
                n.getSpec().setUnschedulable(true);
                return n;
            }));
        }
        long deadline = System.nanoTime() + action.evictionTimeout().toNanos();
        Duration pause = pause(action.evictionTimeout());
        List<String> evicted = new ArrayList<>();
        List<Pod> blocked = evictAll(cluster, client, nodeName, evicted);
        // a refused eviction is tried again at least once, then until the deadline
        boolean retried = false;
        while (!blocked.isEmpty() && (!retried || System.nanoTime() + pause.toNanos() < deadline)) {
            try {
                Thread.sleep(pause);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            blocked = evictAll(cluster, client, nodeName, evicted);
            retried = true;
        }
        if (!blocked.isEmpty()) {
            return new ActionResult.Failed("pdb-blocked", "node " + nodeName + " is cordoned; a PodDisruptionBudget "
                    + "still refuses the eviction of " + names(blocked.stream().map(NodeDrain::name).toList())
                    + " after " + action.evictionTimeout() + " (nothing was forced); evicted: "
                    + (evicted.isEmpty() ? "none" : names(evicted)));
        }
        return new ActionResult.Done("drained node " + nodeName + ": evicted " + evicted.size() + " pods"
                + (evicted.isEmpty() ? "" : " (" + names(evicted) + ")"),
                Map.of("node", nodeName, "evicted", Integer.toString(evicted.size())));
    }

    /** Tries to evict every evictable pod of the node once; answers those a budget refused. */
    private List<Pod> evictAll(String cluster, KubernetesClient client, String node, List<String> evicted) {
        List<Pod> blocked = new ArrayList<>();
        for (Pod pod : evictable(cluster, client, node)) {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            if (evict(cluster, client, pod)) {
                evicted.add(name(pod));
            } else {
                blocked.add(pod);
            }
        }
        return blocked;
    }

    /** True when evicted (or gone, or replaced meanwhile); false when a PodDisruptionBudget refused it (429). */
    private boolean evict(String cluster, KubernetesClient client, Pod pod) {
        Eviction eviction = new EvictionBuilder()
                .withNewMetadata().withName(pod.getMetadata().getName())
                    .withNamespace(pod.getMetadata().getNamespace()).endMetadata()
                .withDeleteOptions(new DeleteOptionsBuilder().withNewPreconditions()
                        .withUid(pod.getMetadata().getUid()).endPreconditions().build())
                .build();
        try {
            return resilience.call(cluster, () -> client.pods().inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName()).evict(eviction));
        } catch (ClusterCallException e) {
            if (e.reason().equals("http-404") || e.reason().equals("http-409")) {
                return true;
            }
            throw e;
        }
    }

    /** Verified when no evictable pod is left on the node (pods still terminating count as left). */
    Verification verify(String cluster, KubernetesClient client, Action.Drain action) {
        List<Pod> left = evictable(cluster, client, action.node());
        return left.isEmpty() ? new Verification.Verified("no evictable pod is left on node " + action.node())
                : new Verification.Pending(left.size() + " pods are still on node " + action.node() + ": "
                        + names(left.stream().map(NodeDrain::name).toList()));
    }

    /** The node's pods a drain evicts: all but DaemonSet pods and mirror pods. */
    List<Pod> evictable(String cluster, KubernetesClient client, String node) {
        List<Pod> pods = resilience.call(cluster, () -> client.pods().inAnyNamespace()
                .withField("spec.nodeName", node).list().getItems());
        return pods.stream()
                .filter(p -> p.getSpec() != null && node.equals(p.getSpec().getNodeName()))
                .filter(p -> !mirror(p) && !daemonSetPod(p))
                .toList();
    }

    static boolean mirror(Pod pod) {
        return pod.getMetadata().getAnnotations() != null && pod.getMetadata().getAnnotations().containsKey(MIRROR);
    }

    static boolean daemonSetPod(Pod pod) {
        return pod.getMetadata().getOwnerReferences() != null && pod.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> "DaemonSet".equals(o.getKind()));
    }

    /** A tenth of the timeout, between 20ms and 5s: a few tries within any timeout, no busy loop. */
    static Duration pause(Duration timeout) {
        Duration tenth = timeout.dividedBy(10);
        return tenth.compareTo(LONGEST_PAUSE) > 0 ? LONGEST_PAUSE
                : tenth.compareTo(SHORTEST_PAUSE) < 0 ? SHORTEST_PAUSE : tenth;
    }

    private static String name(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private static String names(List<String> names) {
        return names.size() <= NAMES_SHOWN ? String.join(", ", names)
                : String.join(", ", names.subList(0, NAMES_SHOWN)) + " and " + (names.size() - NAMES_SHOWN)
                        + " more";
    }
}
