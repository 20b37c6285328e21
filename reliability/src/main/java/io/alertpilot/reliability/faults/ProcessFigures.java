package io.alertpilot.reliability.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * What Linux reports of one process: its resident memory ({@code VmRSS} of {@code /proc/<pid>/status}), its open
 * files (the entries of {@code /proc/<pid>/fd}: files, sockets, pipes) and its threads ({@code Threads}).
 *
 * @param pid the process
 * @param rssKb resident set size in kB
 * @param openFiles open file descriptors
 * @param threads threads
 */
record ProcessFigures(long pid, long rssKb, int openFiles, int threads) {

    private static final Path PROC = Path.of("/proc");

    /** The figures of {@code pid}; empty when no such process runs (it exited between the look-ups, or never was). */
    static Optional<ProcessFigures> of(long pid) {
        if (pid < 0) {
            return Optional.empty();
        }
        Path dir = PROC.resolve(Long.toString(pid));
        try {
            List<String> status = Files.readAllLines(dir.resolve("status"));
            int openFiles;
            try (Stream<Path> fds = Files.list(dir.resolve("fd"))) {
                openFiles = (int) fds.count();
            }
            return Optional.of(new ProcessFigures(pid, field(status, "VmRSS:"), openFiles,
                    (int) field(status, "Threads:")));
        } catch (NoSuchFileException e) {
            return Optional.empty();
        } catch (IOException e) {
            throw new UncheckedIOException("reading " + dir, e);
        }
    }

    /** The number after {@code name} in {@code /proc/<pid>/status} lines such as {@code VmRSS:   123456 kB}. */
    static long field(List<String> status, String name) {
        return status.stream().filter(line -> line.startsWith(name))
                .map(line -> line.substring(name.length()).trim().split("\\s+")[0]).mapToLong(Long::parseLong)
                .findFirst().orElseThrow(() -> new IllegalStateException("no " + name + " in /proc status"));
    }
}
