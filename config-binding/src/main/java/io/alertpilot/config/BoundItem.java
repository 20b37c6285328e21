package io.alertpilot.config;

/**
 * One item of a file's list bound into its record.
 *
 * @param index its position in the list, 0-based
 * @param name its {@code name} when that is a non-blank string, else null
 * @param line the 1-based line it starts on
 * @param value the bound record
 */
public record BoundItem<T>(int index, String name, int line, T value) {

    /** A problem of a field of this item, found after binding (e.g. by a semantic check). */
    public ConfigProblem problem(String source, String field, String message) {
        return new ConfigProblem(source, name, index, field, line, message);
    }
}
