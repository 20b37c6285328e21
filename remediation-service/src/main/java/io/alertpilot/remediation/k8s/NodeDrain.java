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
import java.time.Clock;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code drain} action, as {@code kubectl drain} without {@code --force} or {@code --disable-eviction}: cordons
 * the node, then evicts its pods through the Eviction API ({@code policy/v1}), so that PodDisruptionBudgets hold.
 * DaemonSet pods and mirror (static) pods are left alone. A pod is never deleted directly. Each eviction carries the
 * pod's uid as a precondition, so a repeated eviction never hits a pod that replaced it.
 *
 * <p>It never waits: {@link #drain} cordons and makes one eviction pass, remembering the evictions a budget refused
 * (429) and the deadline ({@code evictionTimeout} from now) in its details; each {@link #verify} makes another pass
 * over the pods left, until none is left (verified) or the deadline passed with evictions still refused ({@code
 * pdb-blocked}, naming the pods). The Verifier's polls, on its own scheduler, drive the passes. Thread safe.
 */
final class NodeDrain {

    static final String MIRROR = "kubernetes.io/config.mirror";
    private static final Logger log = LoggerFactory.getLogger(NodeDrain.class);
    private static final int NAMES_SHOWN = 10;

    private final KubernetesResilience resilience;
    private final Clock clock;

    NodeDrain(KubernetesResilience resilience, Clock clock) {
        this.resilience = resilience;
        this.clock = clock;
    }

    /** Cordons the node and makes the first eviction pass; Done even when a budget refused evictions (see verify). */
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
        Instant deadline = clock.instant().plus(action.evictionTimeout());
        List<String> evicted = new ArrayList<>();
        List<String> blocked = evictPass(cluster, client, evictable(cluster, client, nodeName), evicted);
        return new ActionResult.Done("cordoned node " + nodeName + ": evicted " + evicted.size() + " pods"
                + (evicted.isEmpty() ? "" : " (" + names(evicted) + ")")
                + (blocked.isEmpty() ? "" : "; a PodDisruptionBudget refuses the eviction of " + names(blocked)
                        + " for now: tried again until " + deadline),
                Map.of("node", nodeName, "evicted", Integer.toString(evicted.size()),
                        "blocked", Integer.toString(blocked.size()), ActionResult.Done.DEADLINE, deadline.toString()));
    }

    /**
     * Verified when no evictable pod is left on the node (pods still terminating count as left); otherwise makes
     * another eviction pass over the pods left. Failed {@code pdb-blocked} when a budget still refuses an eviction
     * after the drain's deadline. Acts only through the Eviction API and is idempotent (a terminating pod is not
     * evicted again; a pod gone or replaced meanwhile counts as evicted).
     */
    Verification verify(String cluster, KubernetesClient client, Action.Drain action, ActionResult.Done done) {
        List<Pod> left = evictable(cluster, client, action.node());
        if (left.isEmpty()) {
            return new Verification.Verified("no evictable pod is left on node " + action.node());
        }
        List<String> evicted = new ArrayList<>();
        List<String> blocked = evictPass(cluster, client, left, evicted);
        if (!evicted.isEmpty()) {
            log.info("drain of node {} evicted {} more pods: {}", action.node(), evicted.size(), names(evicted));
        }
        Instant deadline = deadline(done);
        if (!blocked.isEmpty() && deadline != null && !clock.instant().isBefore(deadline)) {
            return new Verification.Failed("pdb-blocked", "node " + action.node() + " is cordoned; a "
                    + "PodDisruptionBudget still refuses the eviction of " + names(blocked) + " after "
                    + action.evictionTimeout() + " (nothing was forced)");
        }
        return new Verification.Pending(left.size() - evicted.size() + " pods are still on node " + action.node()
                + ": " + names(left.stream().map(NodeDrain::name).filter(n -> !evicted.contains(n)).toList())
                + (blocked.isEmpty() ? "" : "; a PodDisruptionBudget refuses the eviction of " + names(blocked)
                        + " for now"));
    }

    private static Instant deadline(ActionResult.Done done) {
        String at = done.details().get(ActionResult.Done.DEADLINE);
        try {
            return at == null ? null : Instant.parse(at);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** Tries once to evict each of {@code pods} not terminating; adds those evicted to {@code evicted}, answers the refused. */
    private List<String> evictPass(String cluster, KubernetesClient client, List<Pod> pods, List<String> evicted) {
        List<String> blocked = new ArrayList<>();
        for (Pod pod : pods) {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            if (evict(cluster, client, pod)) {
                evicted.add(name(pod));
            } else {
                blocked.add(name(pod));
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

    private static String name(Pod pod) {
        return pod.getMetadata().getNamespace() + "/" + pod.getMetadata().getName();
    }

    private static String names(List<String> names) {
        return names.size() <= NAMES_SHOWN ? String.join(", ", names)
                : String.join(", ", names.subList(0, NAMES_SHOWN)) + " and " + (names.size() - NAMES_SHOWN)
                        + " more";
    }
}
