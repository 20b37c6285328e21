package io.alertpilot.config;

import java.util.Objects;

/**
 * One located problem of a configuration file.
 *
 * @param source the file's name as given to the binding (a path, a {@code classpath:} location)
 * @param item the item's name (a playbook's or policy's {@code name}), or null when the problem is outside any item
 *     or the item has no usable name
 * @param index the item's position in its list (0-based), or -1 outside any item
 * @param field the field's path inside the item ({@code actions[0].scale.max}), or inside the file when outside any
 *     item; null for the whole file
 * @param line the 1-based line Jackson located the problem at, or 0 when unknown
 * @param message what is wrong, in words; never the file's whole content
 */
public record ConfigProblem(String source, String item, int index, String field, int line, String message) {

    public ConfigProblem {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(message, "message");
    }

    /**
     * The problem as one line, {@code file:line: item: field: message}, with the parts that are not known left out
     * ({@code file: message} for a file that is not YAML at all): the form the command line prints.
     */
    public String located() {
        StringBuilder located = new StringBuilder(source);
        if (line > 0) {
            located.append(':').append(line);
        }
        if (item != null) {
            located.append(": ").append(item);
        }
        if (field != null && !field.isEmpty() && !field.equals("-")) {
            located.append(": ").append(field);
        }
        return located.append(": ").append(message).toString();
    }

    /** The same problem with {@code prefix} put before its field path. */
    public ConfigProblem underField(String prefix) {
        String path = field == null || field.isEmpty() ? prefix
                : field.startsWith("[") ? prefix + field : prefix + "." + field;
        return new ConfigProblem(source, item, index, path, line, message);
    }
}
