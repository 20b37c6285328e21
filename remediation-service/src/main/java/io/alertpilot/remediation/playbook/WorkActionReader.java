package io.alertpilot.remediation.playbook;

import io.alertpilot.remediation.playbook.PlaybookYaml.ActionParams;
import java.time.Duration;
import java.util.Map;

/**
 * The parameter checks of the workload actions {@code scale-keda} and {@code drain}, and of {@code scale}'s
 * {@code allowZero}; {@link ActionReader} calls them. Pure; every problem is noted in the {@link ItemCheck}.
 */
final class WorkActionReader {

    /** How long a drain tries again by default the evictions a PodDisruptionBudget holds back. */
    static final Duration DEFAULT_EVICTION_TIMEOUT = Duration.ofMinutes(2);
    /** The longest a drain may try evictions again: its verification holds the target's lock that long. */
    static final Duration MAX_EVICTION_TIMEOUT = Duration.ofMinutes(10);

    private WorkActionReader() {
    }

    /** {@code value}, unless it is 0 without {@code allowZero: true} (then null, and the problem noted). */
    static Integer zeroAllowed(Integer value, boolean allowZero, ItemCheck check, String field) {
        if (value != null && value == 0 && !allowZero) {
            check.report(field, "0 scales the workload away; write 'allowZero: true' to allow it (the playbook "
                    + "then requires approval unless it says 'approval: none')");
            return null;
        }
        return value;
    }

    /** {@code min} (minReplicaCount, at least 0) and {@code max} (maxReplicaCount, at least 1): one or both. */
    static void scaleKeda(ActionParams raw, ItemCheck check, String path, Map<String, String> params) {
        ActionReader.bounds(raw, check, path, params, 0,
                "needs 'min' (minReplicaCount), 'max' (maxReplicaCount) or both");
    }

    /** {@code evictionTimeout}: positive, at most {@link #MAX_EVICTION_TIMEOUT}; 2m when not written. */
    static void drain(ActionParams raw, ItemCheck check, String path, Map<String, String> params) {
        Duration timeout = raw.evictionTimeout() == null ? DEFAULT_EVICTION_TIMEOUT : raw.evictionTimeout();
        if (timeout.isNegative() || timeout.isZero() || timeout.compareTo(MAX_EVICTION_TIMEOUT) > 0) {
            check.report(path + ".evictionTimeout", "must be more than 0 and at most " + MAX_EVICTION_TIMEOUT
                    + " (the drain holds the node's lock that long), not " + timeout);
            return;
        }
        params.put("evictionTimeout", timeout.toString());
    }
}
