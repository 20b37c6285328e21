package io.alertpilot.notifier.incident;

import java.util.Collection;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.ToIntFunction;

/**
 * The partitions of the incident topic (keyed by incident id) this replica is assigned, and so the ids it owns whether
 * or not an incident exists for them: an id whose partition is owned here and which is not among the owned incidents
 * does not exist. Thread safe.
 */
final class OwnedPartitions {

    private final Set<Integer> partitions = ConcurrentHashMap.newKeySet();
    private volatile ToIntFunction<String> partitionOf = id -> -1;

    /** Owns {@code assigned} from now on; {@code partitionOf} maps an id to its partition (the producer's). */
    void assign(Collection<Integer> assigned, ToIntFunction<String> partitionOf) {
        this.partitionOf = partitionOf;
        partitions.addAll(assigned);
    }

    /** No longer owns {@code revoked}. */
    void revoke(Collection<Integer> revoked) {
        partitions.removeAll(revoked);
    }

    /** True when the partition of {@code id} is owned here. */
    boolean owns(String id) {
        return partitions.contains(partitionOf.applyAsInt(id));
    }
}
