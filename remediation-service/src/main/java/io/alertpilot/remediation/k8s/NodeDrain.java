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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code drain} action, as {@code kubectl drain} without {@code --force} or {@code --disable-eviction}: cordons
 * the node, then evicts its pods through the Eviction API ({@code policy/v1}), so that PodDisruptionBudgets hold.
 * DaemonSet pods, mirror (static) pods and pods without a controller (bare pods, named in the result) are left alone.
 * A pod is never deleted directly. Each eviction carries the
 * pod's uid as a precondition, so a repeated eviction never hits a pod that replaced it.
 *
 * <p>It never waits: {@link #drain} cordons and makes one eviction pass, remembering the evictions a budget refused
 * (429) and the deadline ({@code evictionTimeout} from now) in its details; each {@link #verify} makes another pass
 * over the pods left, until none is left (verified) or the deadline passed with evictions still refused ({@code
 * pdb-blocked}, naming the pods). The Verifier's polls, on its own scheduler, drive the passes. Thread safe.
 */
final class NodeDrain {

    static final String MIRROR = "kubernetes.io/config.mirror";
    static final String EVICTION_FORBIDDEN = "eviction-forbidden";
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
        List<Pod> pods = podsOn(cluster, client, nodeName);
        Pass pass = evictPass(cluster, client, evictable(pods));
        List<String> bare = bare(pods);
        Map<String, String> details = new LinkedHashMap<>();
        details.put("node", nodeName);
        details.put("evicted", Integer.toString(pass.evicted().size()));
        details.put("blocked", Integer.toString(pass.blocked().size() + pass.forbidden().size()));
        details.put(ActionResult.Done.DEADLINE, deadline.toString());
        if (!bare.isEmpty()) {
            details.put("unmanaged", names(bare));
        }
        return new ActionResult.Done("cordoned node " + nodeName + ": evicted " + pass.evicted().size() + " pods"
                + (pass.evicted().isEmpty() ? "" : " (" + names(pass.evicted()) + ")")
                + (pass.blocked().isEmpty() ? "" : "; a PodDisruptionBudget refuses the eviction of "
                        + names(pass.blocked()) + " for now: tried again until " + deadline)
                + forbidden(pass) + leftAlone(bare), details);
    }

    /**
     * Verified when no evictable pod is left on the node (pods still terminating count as left); otherwise makes
     * another eviction pass over the pods left. Failed {@code pdb-blocked} when a budget still refuses an eviction
     * after the drain's deadline, or {@code eviction-forbidden} when only evictions the API server forbids (403, a
     * namespace the service may not act in) are left then. Acts only through the Eviction API and is idempotent (a
     * terminating pod is not evicted again; a pod gone or replaced meanwhile counts as evicted). Pods without a
     * controller are left alone and named, as {@code kubectl drain} without {@code --force} does.
     */
    Verification verify(String cluster, KubernetesClient client, Action.Drain action, ActionResult.Done done) {
        List<Pod> pods = podsOn(cluster, client, action.node());
        List<Pod> left = evictable(pods);
        if (left.isEmpty()) {
            return new Verification.Verified("no evictable pod is left on node " + action.node()
                    + leftAlone(bare(pods)));
        }
        Pass pass = evictPass(cluster, client, left);
        if (!pass.evicted().isEmpty()) {
            log.info("drain of node {} evicted {} more pods: {}", action.node(), pass.evicted().size(),
                    names(pass.evicted()));
        }
        Instant deadline = deadline(done);
        boolean stuck = !pass.blocked().isEmpty() || !pass.forbidden().isEmpty();
        if (stuck && deadline != null && !clock.instant().isBefore(deadline)) {
            return new Verification.Failed(pass.blocked().isEmpty() ? EVICTION_FORBIDDEN : "pdb-blocked", "node "
                    + action.node() + " is cordoned"
                    + (pass.blocked().isEmpty() ? "" : "; a PodDisruptionBudget still refuses the eviction of "
                            + names(pass.blocked()) + " after " + action.evictionTimeout())
                    + forbidden(pass) + " (nothing was forced)" + leftAlone(bare(pods)));
        }
        return new Verification.Pending(left.size() - pass.evicted().size() + " pods are still on node "
                + action.node() + ": " + names(left.stream().map(NodeDrain::name)
                        .filter(n -> !pass.evicted().contains(n)).toList())
                + (pass.blocked().isEmpty() ? "" : "; a PodDisruptionBudget refuses the eviction of "
                        + names(pass.blocked()) + " for now")
                + forbidden(pass));
    }

    private static Instant deadline(ActionResult.Done done) {
        String at = done.details().get(ActionResult.Done.DEADLINE);
        try {
            return at == null ? null : Instant.parse(at);
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** One eviction pass: the pods evicted, refused by a budget (429), and forbidden by the API server (403). */
    private record Pass(List<String> evicted, List<String> blocked, List<String> forbidden) {
    }

    /** Tries once to evict each of {@code pods} not terminating. */
    private Pass evictPass(String cluster, KubernetesClient client, List<Pod> pods) {
        Pass pass = new Pass(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (Pod pod : pods) {
            if (pod.getMetadata().getDeletionTimestamp() != null) {
                continue;
            }
            switch (evict(cluster, client, pod)) {
                case "evicted" -> pass.evicted().add(name(pod));
                case "blocked" -> pass.blocked().add(name(pod));
                default -> pass.forbidden().add(name(pod));
            }
        }
        return pass;
    }

    /**
     * {@code evicted} (or gone, or replaced meanwhile), {@code blocked} when a PodDisruptionBudget refused it (429),
     * {@code forbidden} when the API server forbids it (403: a namespace the service may not act in).
     */
    private String evict(String cluster, KubernetesClient client, Pod pod) {
        Eviction eviction = new EvictionBuilder()
                .withNewMetadata().withName(pod.getMetadata().getName())
                    .withNamespace(pod.getMetadata().getNamespace()).endMetadata()
                .withDeleteOptions(new DeleteOptionsBuilder().withNewPreconditions()
                        .withUid(pod.getMetadata().getUid()).endPreconditions().build())
                .build();
        try {
            return resilience.call(cluster, () -> client.pods().inNamespace(pod.getMetadata().getNamespace())
                    .withName(pod.getMetadata().getName()).evict(eviction)) ? "evicted" : "blocked";
        } catch (ClusterCallException e) {
            return switch (e.reason()) {
                case "http-404", "http-409" -> "evicted";
                case "http-403" -> "forbidden";
                default -> throw e;
            };
        }
    }

    private static String forbidden(Pass pass) {
        return pass.forbidden().isEmpty() ? "" : "; the API server forbids the eviction of " + names(pass.forbidden())
                + " (http-403: a namespace this service may not act in)";
    }

    private static String leftAlone(List<String> bare) {
        return bare.isEmpty() ? "" : "; left alone, as they have no controller to recreate them (kubectl drain "
                + "without --force): " + names(bare);
    }

    /** The node's pods a drain considers: all but DaemonSet pods and mirror pods. */
    private List<Pod> podsOn(String cluster, KubernetesClient client, String node) {
        List<Pod> pods = resilience.call(cluster, () -> client.pods().inAnyNamespace()
                .withField("spec.nodeName", node).list().getItems());
        return pods.stream()
                .filter(p -> p.getSpec() != null && node.equals(p.getSpec().getNodeName()))
                .filter(p -> !mirror(p) && !daemonSetPod(p))
                .toList();
    }

    /** The pods a drain evicts: those a controller recreates elsewhere. */
    private static List<Pod> evictable(List<Pod> pods) {
        return pods.stream().filter(NodeDrain::controlled).toList();
    }

    private static List<String> bare(List<Pod> pods) {
        return pods.stream().filter(p -> !controlled(p)).map(NodeDrain::name).toList();
    }

    static boolean controlled(Pod pod) {
        return pod.getMetadata().getOwnerReferences() != null && pod.getMetadata().getOwnerReferences().stream()
                .anyMatch(o -> Boolean.TRUE.equals(o.getController()));
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
