package io.alertpilot.readmodel;

import java.time.Instant;
import java.util.List;
import java.util.function.Function;

/**
 * One event held by the read model under its idempotence key, ordered as eviction removes events: oldest first, then
 * in the order they were applied.
 */
record Held(Instant at, long seq, String key, Object event) implements Comparable<Held> {

    @Override
    public int compareTo(Held other) {
        int byTime = at.compareTo(other.at);
        return byTime != 0 ? byTime : Long.compare(seq, other.seq);
    }

    /** Inserts {@code item} into {@code list}, kept in time order (stable: after the items of the same instant). */
    static <T> void insert(List<T> list, T item, Function<T, Instant> time) {
        Instant at = time.apply(item);
        int index = list.size();
        while (index > 0 && time.apply(list.get(index - 1)).isAfter(at)) {
            index--;
        }
        list.add(index, item);
    }
}
