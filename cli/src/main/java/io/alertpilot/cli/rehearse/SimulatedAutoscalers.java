package io.alertpilot.cli.rehearse;

import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.ResolvedTarget;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The HorizontalPodAutoscalers of a {@link SimulatedCluster}: one stand-in per workload (named after it, or as the
 * action's {@code hpa} says), with minReplicas 1 and maxReplicas 10 until a {@code patch-hpa} changes them. A
 * {@code patch-hpa} answers the details the real one does, so that its way back restores the bounds before it. Not
 * thread safe: a rehearsal runs on one thread.
 */
final class SimulatedAutoscalers {

    private static final int DEFAULT_MIN = 1;
    private static final int DEFAULT_MAX = 10;

    private final Map<String, int[]> bounds = new HashMap<>();

    /** Sets the bounds the patch asks for, moving the other bound when only one is given and they would cross. */
    ActionResult patch(ResolvedTarget target, Action.PatchHpa patch) {
        String name = patch.hpa() != null ? patch.hpa() : target.name();
        String key = target.namespace() + "/" + name;
        int[] before = bounds.getOrDefault(key, new int[] {DEFAULT_MIN, DEFAULT_MAX});
        Action.PatchHpa.Bounds after = patch.boundsFrom(before[0], before[1]);
        int min = after.min();
        int max = after.max();
        bounds.put(key, new int[] {min, max});
        Map<String, String> details = new LinkedHashMap<>();
        details.put("hpa", name);
        details.put("previousMin", Integer.toString(before[0]));
        details.put("previousMax", Integer.toString(before[1]));
        details.put("minReplicas", Integer.toString(min));
        details.put("maxReplicas", Integer.toString(max));
        return new ActionResult.Done("set the simulated HorizontalPodAutoscaler " + target.namespace() + "/" + name
                + " to minReplicas " + min + " (was " + before[0] + "), maxReplicas " + max + " (was " + before[1]
                + ")", details);
    }
}
