package io.alertpilot.notifier.policy;

import io.alertpilot.config.ConfigProblem;
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
        List<Policy> loaded = new ArrayList<>();
        if (directory != null) {
            if (!Files.isDirectory(directory)) {
                throw new InvalidPolicyException(directory.toString(), null, "-", "is not a directory");
            }
            try {
                for (Path file : files(directory)) {
                    loaded.addAll(reader.read(file.toString(), Files.readString(file)));
                }
            } catch (IOException | UncheckedIOException e) {
                throw new InvalidPolicyException(directory.toString(), null, "-", "cannot be read: " + e.getMessage());
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
        List<ConfigProblem> clashes = nameClashes(loaded);
        if (!clashes.isEmpty()) {
            throw new InvalidPolicyException(clashes);
        }
        if (loaded.isEmpty()) {
            throw new InvalidPolicyException(directory == null ? "-" : directory.toString(), null, "policies",
                    "no policy is defined");
        }
        return new PolicySet(loaded);
    }

    /**
     * Loads the policies of {@code locations} in order (a file, or a directory's policy files as {@link #load} reads
     * them), then the shipped defaults that none of them replaces (when {@code includeDefaults}): the service's rules
     * for a tool that takes files and directories, such as the command line.
     *
     * @throws InvalidPolicyException when a location is missing, a file is invalid, two policies share a name, or no
     *     policy is left
     */
    public PolicySet loadAll(List<Path> locations, boolean includeDefaults) {
        List<Policy> loaded = new ArrayList<>();
        for (Path location : locations) {
            loaded.addAll(read(location));
        }
        return combine(loaded, includeDefaults);
    }

    /**
     * The policies of one location: a file, or a directory's policy files as {@link #load} reads them.
     *
     * @throws InvalidPolicyException when the location is missing or a file is invalid
     */
    public List<Policy> read(Path location) {
        if (Files.isDirectory(location)) {
            return load(location, false).policies();
        }
        if (!Files.isRegularFile(location)) {
            throw new InvalidPolicyException(location.toString(), null, "-", "does not exist");
        }
        try (InputStream in = Files.newInputStream(location)) {
            return parse(location.toString(), in);
        } catch (IOException e) {
            throw new InvalidPolicyException(location.toString(), null, "-", "cannot be read: " + e.getMessage());
        }
    }

    /**
     * The policy set of {@code loaded}, in order, then the shipped defaults that none of them replaces (when
     * {@code includeDefaults}): {@link #loadAll}'s rules for policies read from anywhere.
     *
     * @throws InvalidPolicyException when two policies share a name, or no policy is left
     */
    public PolicySet combine(List<Policy> loaded, boolean includeDefaults) {
        List<Policy> all = new ArrayList<>(loaded);
        Set<String> names = new HashSet<>();
        for (Policy policy : all) {
            if (!names.add(policy.name())) {
                throw new InvalidPolicyException(policy.source(), policy.name(), "name", "is used by another policy");
            }
        }
        if (includeDefaults) {
            load(null, true).policies().stream().filter(policy -> !names.contains(policy.name())).forEach(all::add);
        }
        if (all.isEmpty()) {
            throw new InvalidPolicyException("-", null, "policies", "no policy is defined");
        }
        return new PolicySet(all);
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

    /**
     * The policy files of {@code directory} that {@link #load} reads: every {@code *.yaml} and {@code *.yml} file, by
     * name, dot files left out.
     *
     * @throws UncheckedIOException when the directory cannot be listed
     */
    public static List<Path> files(Path directory) {
        try (Stream<Path> files = Files.list(directory)) {
            return files.filter(PolicyLoader::isYaml).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot list " + directory + ": " + e.getMessage(), e);
        }
    }

    /** A problem for every policy whose name an earlier one of {@code policies} already has; none when all differ. */
    public static List<ConfigProblem> nameClashes(List<Policy> policies) {
        Set<String> names = new HashSet<>();
        List<ConfigProblem> clashes = new ArrayList<>();
        for (Policy policy : policies) {
            if (!names.add(policy.name())) {
                clashes.add(new ConfigProblem(policy.source(), policy.name(), -1, "name", 0,
                        "is used by another policy"));
            }
        }
        return clashes;
    }

    private static boolean isYaml(Path file) {
        String name = file.getFileName().toString();
        return Files.isRegularFile(file) && !name.startsWith(".") && (name.endsWith(".yaml") || name.endsWith(".yml"));
    }
}
