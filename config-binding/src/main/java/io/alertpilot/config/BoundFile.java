package io.alertpilot.config;

import java.util.List;

/**
 * A file's list of items as far as they bound: every item that bound, and a problem for every item (or the file)
 * that did not. An item with a problem is not among {@code items}.
 */
public record BoundFile<T>(String source, List<BoundItem<T>> items, List<ConfigProblem> problems) {

    public BoundFile {
        items = List.copyOf(items);
        problems = List.copyOf(problems);
    }
}
