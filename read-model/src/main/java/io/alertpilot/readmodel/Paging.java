package io.alertpilot.readmodel;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.function.Predicate;

/** Cuts a list answer out of a sorted collection: its first {@code limit} matches and the count of all matches. */
final class Paging {

    private Paging() {
    }

    /** Every element matches: the first {@code limit} and {@code size}, without walking further. */
    static <R, V> ListAnswer<V> first(Iterable<R> sorted, int size, int limit, Function<R, V> view) {
        List<V> items = new ArrayList<>(Math.min(limit, 128));
        for (R element : sorted) {
            if (items.size() == limit) {
                break;
            }
            items.add(view.apply(element));
        }
        return new ListAnswer<>(items, size);
    }

    /** The first {@code limit} elements that match, and how many match. */
    static <R, V> ListAnswer<V> matching(Iterable<R> sorted, Predicate<R> matches, int limit, Function<R, V> view) {
        List<V> items = new ArrayList<>(Math.min(limit, 128));
        long total = 0;
        for (R element : sorted) {
            if (matches.test(element)) {
                total++;
                if (items.size() < limit) {
                    items.add(view.apply(element));
                }
            }
        }
        return new ListAnswer<>(items, total);
    }

    /** True when a filter field was not given. */
    static boolean blank(String value) {
        return value == null || value.isBlank();
    }

    /** True when {@code wanted} was not given or is {@code value}. */
    static boolean same(String wanted, String value) {
        return blank(wanted) || wanted.equals(value);
    }
}
