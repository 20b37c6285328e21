package io.alertpilot.notifier.policy;

import io.alertpilot.notifier.escalation.InvalidPolicyException;
import io.alertpilot.notifier.escalation.Policy;
import io.alertpilot.notifier.escalation.PolicyReader;
import io.alertpilot.notifier.escalation.PolicySet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * Loads escalation policies: the policy files of a directory ({@code *.yaml}, {@code *.yml}, by file name) first,
 * then the shipped defaults that no directory policy replaces (same name). Each file is read with
 * {@link PolicyReader}. Stateless and thread safe.
 */
public final class PolicyLoader {

    /** The classpath resource with the shipped policies. */
    public static final String DEFAULTS = "io/alertpilot/notifier/policies/default-policies.yaml";

    private final PolicyReader reader;

    /** @param channels the channel types a contact may name */
    public PolicyLoader(Set<String> channels) {
        this.reader = new PolicyReader(channels);
    }

    /**
     * Loads the directory's policies (when {@code directory} is not null) and the shipped defaults (when
     * {@code includeDefaults}).
     *
     * @throws InvalidPolicyException when any file is invalid, two policies share a name, or no policy is left
     */
    public PolicySet load(Path directory, boolean includeDefaults) {
        if (directory != null && !Files.isDirectory(directory)) {
            throw new InvalidPolicyException(directory.toString(), null, "-", "is not a directory");
        }
        return loadAll(directory == null ? List.of() : List.of(directory), includeDefaults);
    }

    /**
     * Loads the policies of {@code locations} in order (a file, or a directory's policy files by name), then the
     * shipped defaults that none of them replaces (when {@code includeDefaults}): what a tool that takes files and
     * directories (the command line) loads, with the service's rules.
     *
     * @throws InvalidPolicyException when a location is missing, any file is invalid, two policies share a name, or
     *     no policy is left
     */
    public PolicySet loadAll(List<Path> locations, boolean includeDefaults) {
        List<Policy> loaded = new ArrayList<>();
        for (Path location : locations) {
            for (Path file : files(location)) {
                try {
                    loaded.addAll(reader.read(file.toString(), Files.readString(file)));
                } catch (IOException | UncheckedIOException e) {
                    throw new InvalidPolicyException(file.toString(), null, "-", "cannot be read: " + e.getMessage());
                }
            }
        }
        if (includeDefaults) {
            Set<String> replaced = new HashSet<>();
            loaded.forEach(policy -> replaced.add(policy.name()));
            try (InputStream in = PolicyLoader.class.getClassLoader().getResourceAsStream(DEFAULTS)) {
                if (in == null) {
                    throw new InvalidPolicyException("classpath:" + DEFAULTS, null, "-", "is missing");
                }
                parse("classpath:" + DEFAULTS, in).stream()
                        .filter(policy -> !replaced.contains(policy.name()))
                        .forEach(loaded::add);
            } catch (IOException e) {
                throw new InvalidPolicyException("classpath:" + DEFAULTS, null, "-", "cannot be read: " + e.getMessage());
            }
        }
        Set<String> names = new HashSet<>();
        for (Policy policy : loaded) {
            if (!names.add(policy.name())) {
                throw new InvalidPolicyException(policy.source(), policy.name(), "name", "is used by another policy");
            }
        }
        if (loaded.isEmpty()) {
            throw new InvalidPolicyException(locations.isEmpty() ? "-" : locations.getFirst().toString(), null,
                    "policies", "no policy is defined");
        }
        return new PolicySet(loaded);
    }

    /**
     * Parses one file's policies from a stream of UTF-8 text.
     *
     * @throws InvalidPolicyException when the file or a policy in it is invalid, or the stream cannot be read
     */
    public List<Policy> parse(String file, InputStream in) {
        String text;
        try {
            text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new InvalidPolicyException(file, null, "-", "cannot be read: " + e.getMessage());
        }
        return reader.read(file, text);
    }

    /** The policy files of {@code location}: itself when a file, its policy files by name when a directory. */
    private static List<Path> files(Path location) {
        if (Files.isRegularFile(location)) {
            return List.of(location);
        }
        if (!Files.isDirectory(location)) {
            throw new InvalidPolicyException(location.toString(), null, "-", "does not exist");
        }
        try (Stream<Path> files = Files.list(location)) {
            return files.filter(PolicyLoader::isYaml).sorted().toList();
        } catch (IOException | UncheckedIOException e) {
            throw new InvalidPolicyException(location.toString(), null, "-", "cannot be read: " + e.getMessage());
        }
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }
}
