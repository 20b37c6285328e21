package io.alertpilot.cli.test;

import io.alertpilot.config.ConfigProblem;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * A list of playbooks or policies inside another YAML file, named in a test file as {@code FILE#PATH}: {@code FILE}
 * relative to the test file, {@code PATH} the dot path of the keys down to the list, e.g.
 * {@code ../../helm/alertpilot/values.yaml#remediation.playbooks.playbooks.yaml.playbooks}. A key that itself holds
 * dots ({@code playbooks.yaml}) is written as it is: at each level the longest key that the path goes on with is
 * taken. A string on the way (a file the Helm values keep as written) is read as YAML and the path goes on inside it.
 *
 * <p>{@link #text(String)} gives the list as the text of a file {@code {playbooks: [...]}} for the services' loaders,
 * named {@link #name()}. Immutable and thread safe.
 *
 * @param file the YAML file, resolved against the test file's directory
 * @param path the dot path to the list inside it
 */
record EmbeddedList(Path file, String path) {

    private static final YAMLMapper YAML = new YAMLMapper();

    /**
     * The embedded list that a test file's entry names, or empty when the entry is a plain file or directory.
     *
     * @param base the test file's directory
     */
    static Optional<EmbeddedList> of(Path base, String entry) {
        int hash = entry.indexOf('#');
        if (hash < 0) {
            return Optional.empty();
        }
        return Optional.of(new EmbeddedList(base.resolve(entry.substring(0, hash)).normalize(),
                entry.substring(hash + 1)));
    }

    /** {@code FILE#PATH}, the name the loaders' problems give. */
    String name() {
        return file + "#" + path;
    }

    /**
     * The list as a file's text, {@code listKey:} holding it.
     *
     * @throws InvalidTestFileException naming {@link #name()} when the file cannot be read or is not YAML, or the path
     *     leads nowhere or not to a list
     */
    String text(String listKey) {
        if (!Files.isRegularFile(file)) {
            throw problem("the file does not exist");
        }
        JsonNode node;
        try {
            node = YAML.readTree(Files.readString(file));
        } catch (IOException | RuntimeException e) {
            throw problem("cannot be read as YAML: " + e.getMessage());
        }
        String rest = path;
        String walked = "";
        while (!rest.isEmpty()) {
            node = node != null && node.isString() ? readString(node.asString(), walked) : node;
            String key = node == null || !node.isObject() ? null : longestKey(node, rest);
            if (key == null) {
                throw problem("there is no key " + rest.split("\\.", 2)[0] + (walked.isEmpty() ? " at the top"
                        : " under " + walked));
            }
            node = node.get(key);
            walked = walked.isEmpty() ? key : walked + "." + key;
            rest = rest.length() == key.length() ? "" : rest.substring(key.length() + 1);
        }
        if (node == null || !node.isArray()) {
            throw problem("is not a list of " + listKey);
        }
        return YAML.writeValueAsString(Map.of(listKey, node));
    }

    /** {@code problem} without its line when it is about an embedded list: the loaders count lines of {@link #text}. */
    static ConfigProblem unlocated(ConfigProblem problem) {
        return problem.source().contains("#") ? new ConfigProblem(problem.source(), problem.item(), problem.index(),
                problem.field(), 0, problem.message()) : problem;
    }

    private JsonNode readString(String text, String walked) {
        try {
            return YAML.readTree(text);
        } catch (RuntimeException e) {
            throw problem(walked + " is text that cannot be read as YAML: " + e.getMessage());
        }
    }

    private static String longestKey(JsonNode map, String rest) {
        String longest = null;
        for (String key : map.propertyNames()) {
            if ((rest.equals(key) || rest.startsWith(key + ".")) && (longest == null || key.length() > longest.length())) {
                longest = key;
            }
        }
        return longest;
    }

    private InvalidTestFileException problem(String message) {
        return InvalidTestFileException.of(name(), null, message);
    }
}
