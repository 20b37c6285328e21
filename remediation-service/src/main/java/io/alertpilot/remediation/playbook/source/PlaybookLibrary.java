package io.alertpilot.remediation.playbook.source;

import io.alertpilot.remediation.playbook.InvalidPlaybookException;
import io.alertpilot.remediation.playbook.PlaybookLoader;
import io.alertpilot.remediation.playbook.PlaybookSet;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * The playbooks in force, read from locations: a directory (every {@code *.yml} and {@code *.yaml} in it, by name,
 * as a ConfigMap mount gives them), a single file, or a {@code classpath:} resource.
 *
 * <p>{@link #reload()} reads again and swaps the set only when the content changed and every file is valid; an
 * invalid file leaves the last good set in force and is reported in the result. Thread safe.
 */
public final class PlaybookLibrary {

    /** What a reload did. */
    public sealed interface Reload {
        /** A new set is in force. */
        record Loaded(PlaybookSet set) implements Reload {
        }

        /** Nothing changed since the last read. */
        record Unchanged() implements Reload {
        }

        /** The new content was refused; the last good set stays. */
        record Refused(String message) implements Reload {
        }
    }

    private final Supplier<List<PlaybookLoader.Source>> reader;
    private final PlaybookLoader loader;
    private final Clock clock;
    private final AtomicReference<PlaybookSet> current;
    private volatile String lastRefusedChecksum = "";
    private volatile String lastError;

    /**
     * Reads the locations once.
     *
     * @throws InvalidPlaybookException when a file is invalid: a service must not start with a broken playbook
     */
    public PlaybookLibrary(List<String> locations, Clock clock) {
        this(locations, null, clock);
    }

    /**
     * Reads the locations once, for a service whose target lock lives {@code lockTtl}: a playbook that verifies for
     * as long or longer is refused (see {@link PlaybookLoader#PlaybookLoader(Duration)}); null takes any.
     *
     * @throws InvalidPlaybookException when a file is invalid: a service must not start with a broken playbook
     */
    public PlaybookLibrary(List<String> locations, Duration lockTtl, Clock clock) {
        this(() -> sources(List.copyOf(locations)), new PlaybookLoader(lockTtl), clock);
    }

    private PlaybookLibrary(Supplier<List<PlaybookLoader.Source>> reader, PlaybookLoader loader, Clock clock) {
        this.reader = reader;
        this.loader = loader;
        this.clock = clock;
        this.current = new AtomicReference<>(loader.load(read(), clock.instant()));
    }

    /**
     * The playbooks of {@code sources}, already read (a tool that takes playbooks from elsewhere than files, such as
     * a list inside another YAML file); {@link #reload()} finds them unchanged.
     *
     * @throws InvalidPlaybookException when a source is invalid
     */
    public static PlaybookLibrary of(List<PlaybookLoader.Source> sources, Clock clock) {
        List<PlaybookLoader.Source> fixed = List.copyOf(sources);
        return new PlaybookLibrary(() -> fixed, new PlaybookLoader(), clock);
    }

    /** The set in force. */
    public PlaybookSet current() {
        return current.get();
    }

    /** The message of the last refused reload, or null when the last read was good. */
    public String lastError() {
        return lastError;
    }

    /** Reads the locations again; never throws for bad content. */
    public synchronized Reload reload() {
        List<PlaybookLoader.Source> sources;
        try {
            sources = read();
        } catch (UncheckedIOException | IllegalArgumentException e) {
            lastError = e.getMessage();
            return new Reload.Refused(e.getMessage());
        }
        String checksum = PlaybookLoader.checksum(sources);
        if (checksum.equals(current.get().checksum())) {
            lastError = null;
            return new Reload.Unchanged();
        }
        if (checksum.equals(lastRefusedChecksum)) {
            return new Reload.Unchanged();
        }
        try {
            PlaybookSet set = loader.load(sources, clock.instant());
            current.set(set);
            lastError = null;
            lastRefusedChecksum = "";
            return new Reload.Loaded(set);
        } catch (InvalidPlaybookException e) {
            lastRefusedChecksum = checksum;
            lastError = e.getMessage();
            return new Reload.Refused(e.getMessage());
        }
    }

    private List<PlaybookLoader.Source> read() {
        return reader.get();
    }

    /**
     * The files the service reads from {@code locations}, with their content: a directory gives every {@code *.yml}
     * and {@code *.yaml} in it by name (dot files left out), a file itself, {@code classpath:} a resource.
     *
     * @throws IllegalArgumentException when a location does not exist
     * @throws UncheckedIOException when a location cannot be read
     */
    public static List<PlaybookLoader.Source> sources(List<String> locations) {
        List<PlaybookLoader.Source> sources = new ArrayList<>();
        for (String location : locations) {
            if (location.startsWith("classpath:")) {
                String resource = location.substring("classpath:".length()).replaceFirst("^/", "");
                try (InputStream in = PlaybookLibrary.class.getClassLoader().getResourceAsStream(resource)) {
                    if (in == null) {
                        throw new IllegalArgumentException("playbook location " + location + " does not exist");
                    }
                    sources.add(new PlaybookLoader.Source(location, new String(in.readAllBytes(), StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw new UncheckedIOException("cannot read " + location, e);
                }
                continue;
            }
            Path path = Path.of(location);
            try {
                if (Files.isDirectory(path)) {
                    try (Stream<Path> files = Files.list(path)) {
                        for (Path file : files
                                .filter(f -> !f.getFileName().toString().startsWith("."))
                                .filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml"))
                                .filter(Files::isRegularFile)
                                .sorted()
                                .toList()) {
                            sources.add(new PlaybookLoader.Source(file.toString(), Files.readString(file)));
                        }
                    }
                } else if (Files.isRegularFile(path)) {
                    sources.add(new PlaybookLoader.Source(path.toString(), Files.readString(path)));
                } else {
                    throw new IllegalArgumentException("playbook location " + location + " does not exist");
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read " + location + ": " + e.getMessage(), e);
            }
        }
        return sources;
    }
}
