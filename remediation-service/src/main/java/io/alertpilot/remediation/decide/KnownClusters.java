package io.alertpilot.remediation.decide;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;

/**
 * The Kubernetes clusters the service can act in, by name, as the decision path knows them: a plan whose target names
 * any other cluster is refused with {@link #UNKNOWN_CLUSTER} (SKIPPED, paged), never sent to the default cluster. The
 * default cluster is only what an alert that names no cluster gets (the planner fills it in).
 *
 * @param names the configured cluster names; never empty when {@code checked}
 * @param checked false only when no cluster is configured at all: the service then runs in dry run only, nothing can
 *     reach a cluster, and every name is planned
 */
public record KnownClusters(Set<String> names, boolean checked) {

    /** The reason of a refused plan whose target names a cluster that is not configured. */
    public static final String UNKNOWN_CLUSTER = "unknown-cluster";

    public KnownClusters {
        names = Set.copyOf(names);
        if (checked && names.isEmpty()) {
            throw new IllegalArgumentException("known clusters to check against need at least one name");
        }
    }

    /** Exactly {@code names}: every other cluster is unknown. */
    public static KnownClusters of(Collection<String> names) {
        return new KnownClusters(Set.copyOf(names), true);
    }

    /** No cluster configured (dry run only): no name is refused. */
    public static KnownClusters unchecked() {
        return new KnownClusters(Set.of(), false);
    }

    /** True when {@code cluster} may be acted in; a null cluster (a plan without one) is never refused here. */
    public boolean knows(String cluster) {
        return !checked || cluster == null || names.contains(cluster);
    }

    /** Why {@code cluster} is refused, for the SKIPPED event and evaluate. */
    public String whyUnknown(String cluster) {
        return "the target's cluster '" + cluster + "' is not configured (known: "
                + String.join(", ", new TreeSet<>(names)) + "): nothing is sent to any cluster; the default cluster "
                + "is used only when an alert names none";
    }
}
