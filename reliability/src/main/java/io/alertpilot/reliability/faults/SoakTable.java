package io.alertpilot.reliability.faults;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToLongFunction;

/**
 * The soak's table: one row per sample (the counts so far, and per process its memory, open files and threads, and
 * the consumer lag), printed as it is taken and appended to a file, and at the end a summary per process series. A
 * series is the samples of one process id: a process restarted by a fault starts a new one, marked {@code *} in its
 * first row. The first {@code warmUp} samples of each series are left out of the summary (start-up, JIT, pools
 * filling). Thread safe.
 */
final class SoakTable {

    /** The processes, in the order of the columns. */
    static final List<String> PROCESSES = List.of("ingest", "remediation", "notifier", "broker");

    /**
     * One sample.
     *
     * @param minute minutes since the load started
     * @param counts the counts so far
     * @param figures per process its figures, null while it is down
     * @param remediationLag lag of the remediation group, -1 when unknown
     * @param notifierLag lag of the notifier group, -1 when unknown
     */
    record Sample(int minute, SoakBook.Counts counts, Map<String, ProcessFigures> figures, long remediationLag,
            long notifierLag) {
    }

    private final Path file;
    private final int warmUp;
    private final Map<String, List<List<Sample>>> series = new LinkedHashMap<>();
    private final Map<String, Long> lastPid = new LinkedHashMap<>();

    SoakTable(Path file, int warmUp) {
        this.file = file;
        this.warmUp = warmUp;
        PROCESSES.forEach(p -> series.put(p, new ArrayList<>()));
    }

    /** Prints {@code text} and appends it to the file. */
    synchronized void line(String text) {
        System.out.println(text);
        try {
            Files.writeString(file, text + System.lineSeparator(), StandardOpenOption.CREATE,
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new UncheckedIOException("writing " + file, e);
        }
    }

    synchronized void header() {
        line("* = a new process since the previous row (a fault restarted it): a new series; down = not running");
        StringBuilder header = new StringBuilder(String.format("%4s %7s %4s | %6s %6s %3s | %6s %6s %4s %3s %5s | %4s",
                "min", "acked", "lost", "act.ex", "done", "dup", "pg.exp", "sent", "miss", "dup", "extra", "out"));
        PROCESSES.forEach(p -> header.append(String.format(" | %-17s", p + " MB/fd/thr")));
        line(header.append(" | lag rem/not").toString());
    }

    synchronized void add(Sample sample) {
        SoakBook.Counts c = sample.counts();
        StringBuilder row = new StringBuilder(String.format("%4d %7d %4d | %6d %6d %3d | %6d %6d %4d %3d %5d | %4d",
                sample.minute(), c.acked(), c.lost(), c.actionsExpected(), c.actionsDone(), c.actionsDuplicated(),
                c.pagesExpected(), c.pagesSent(), c.pagesMissing(), c.pagesDuplicated(), c.pagesExtra(),
                c.outstanding()));
        for (String process : PROCESSES) {
            ProcessFigures f = sample.figures().get(process);
            if (f == null) {
                row.append(String.format(" | %-17s", "down"));
                continue;
            }
            Long previous = lastPid.put(process, f.pid());
            boolean fresh = previous == null || previous != f.pid();
            List<List<Sample>> ofProcess = series.get(process);
            if (fresh) {
                ofProcess.add(new ArrayList<>());
            }
            ofProcess.getLast().add(sample);
            row.append(String.format(" | %5d %5d %4d%s", f.rssKb() / 1024, f.openFiles(), f.threads(),
                    fresh && previous != null ? "*" : " "));
        }
        line(row.append(String.format(" | %4s %4s", lag(sample.remediationLag()), lag(sample.notifierLag())))
                .toString());
    }

    private static String lag(long lag) {
        return lag < 0 ? "?" : Long.toString(lag);
    }

    /** Per process and series after its warm-up: first, last and max of RSS, open files and threads. */
    synchronized List<String> summary() {
        List<String> lines = new ArrayList<>();
        lines.add(String.format("%-12s %-8s %-9s | %-18s | %-18s | %-18s", "process", "pid", "minutes",
                "RSS MB first/last/max", "fds first/last/max", "threads first/last/max"));
        series.forEach((process, all) -> {
            for (List<Sample> samples : all) {
                List<ProcessFigures> figures = samples.stream().skip(warmUp).map(s -> s.figures().get(process))
                        .toList();
                if (figures.isEmpty()) {
                    continue;
                }
                lines.add(String.format("%-12s %-8d %-9s | %-21s | %-18s | %-18s", process, figures.getFirst().pid(),
                        samples.get(warmUp).minute() + "-" + samples.getLast().minute(),
                        firstLastMax(figures, f -> f.rssKb() / 1024), firstLastMax(figures, ProcessFigures::openFiles),
                        firstLastMax(figures, ProcessFigures::threads)));
            }
        });
        return lines;
    }

    static String firstLastMax(List<ProcessFigures> figures, ToLongFunction<ProcessFigures> value) {
        return value.applyAsLong(figures.getFirst()) + "/" + value.applyAsLong(figures.getLast()) + "/"
                + figures.stream().mapToLong(value).max().orElseThrow();
    }
}
