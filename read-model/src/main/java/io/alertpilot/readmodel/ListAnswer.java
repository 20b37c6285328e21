package io.alertpilot.readmodel;

import java.util.List;

/**
 * The one shape of every list answer, in the JSON APIs and the console: {@code {"items": [...], "total": N}}.
 *
 * @param items the page of items asked for, in the list's order
 * @param total how many items match the query, of which {@code items} are the first {@code limit}
 */
public record ListAnswer<T>(List<T> items, long total) {

    public ListAnswer {
        items = List.copyOf(items);
    }
}
