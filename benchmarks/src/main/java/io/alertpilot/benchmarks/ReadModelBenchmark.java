package io.alertpilot.benchmarks;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.alert.Target;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.readmodel.AuditQuery;
import io.alertpilot.readmodel.IncidentQuery;
import io.alertpilot.readmodel.IncidentView;
import io.alertpilot.readmodel.ReadModel;
import io.alertpilot.readmodel.RemediationQuery;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;

/**
 * The console's read model with 100,000 events loaded (see {@link ReadModelLoad}), in this JVM: the time of each
 * answer the console's pages and the read APIs use, median and p99 over many calls, against a trivial reference
 * measured the same way in the same run (a map lookup and a copy of a 100-item list: the least any answer costs), and
 * the same answers again while another thread applies events. Prints a Markdown table.
 *
 * <p>System properties: {@code bench.events} (default 100000), {@code bench.calls} (timed calls per answer, default
 * 2000).
 */
public final class ReadModelBenchmark {

    private static final int WARM_UP = 500;

    private final int calls = Integer.getInteger("bench.calls", 2000);
    private final List<String[]> rows = new ArrayList<>();
    private double reference;

    private ReadModelBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        new ReadModelBenchmark().run(Integer.getInteger("bench.events", 100_000));
    }

    private void run(int total) throws InterruptedException {
        Clock clock = Clock.systemUTC();
        ReadModel model = new ReadModel(clock, Duration.ofDays(30), 500_000);
        long loadStart = System.nanoTime();
        List<String> ids = new ReadModelLoad(clock.instant()).load(model, total);
        double loadSeconds = (System.nanoTime() - loadStart) / 1e9;
        System.gc();
        long heap = Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
        System.out.printf(Locale.ROOT, "loaded %d records (%d events held, %d incidents) in %.1f s (%.0f/s), heap"
                + " after GC %d MiB%n", total, model.size(), ids.size(), loadSeconds, total / loadSeconds,
                heap >> 20);

        Map<String, IncidentView> map = new HashMap<>();
        model.incidents(IncidentQuery.all(1000)).items().forEach(v -> map.put(v.id(), v));
        List<IncidentView> hundred = model.incidents(IncidentQuery.all(100)).items();
        reference = measure("reference: map lookup + copy of a 100-item list", () -> {
            map.get(ids.get(ids.size() - 1));
            return List.copyOf(hundred);
        });
        String namespace = ReadModelLoad.NAMESPACES[7];
        String someId = ids.get(ids.size() / 2);
        List<Runnable> answers = List.of(
                () -> measure("incidents, newest 100", () -> model.incidents(IncidentQuery.all(100))),
                () -> measure("incidents, state + namespace", () -> model.incidents(
                        new IncidentQuery(IncidentState.ACKNOWLEDGED, null, namespace, null, null, 100))),
                () -> measure("incidents, severity + cluster", () -> model.incidents(
                        new IncidentQuery(null, Severity.CRITICAL, null, "aks-prod-weu", null, 100))),
                () -> measure("incidents, text search", () -> model.incidents(
                        new IncidentQuery(null, null, null, null, "workload-123", 100))),
                () -> measure("incident counts by state", model::incidentCounts),
                () -> measure("one incident + its timeline", () -> List.of(model.incident(someId),
                        model.timeline(someId))),
                () -> measure("remediations, pending first, 100", () -> model.remediations(RemediationQuery.all(100))),
                () -> measure("remediations, phase + playbook + namespace", () -> model.remediations(new RemediationQuery(
                        RemediationPhase.VERIFIED, ReadModelLoad.PLAYBOOKS[1], null, namespace, null, null, 100))),
                () -> measure("audit, newest 100", () -> model.audit(new AuditQuery(null, null, null, null, null,
                        100))),
                () -> measure("audit, text search", () -> model.audit(new AuditQuery(null, null, "cooldown", null,
                        null, 100))),
                () -> measure("audit export (CSV/JSON), 10,000 entries", () -> model.audit(new AuditQuery(null, null, null,
                        null, null, 10_000))),
                () -> measure("windows", model::windows));
        answers.forEach(Runnable::run);

        Thread writer = Thread.ofPlatform().daemon().name("writer").start(() -> write(model, clock));
        try {
            measure("while applying: incidents, newest 100", () -> model.incidents(IncidentQuery.all(100)));
            measure("while applying: one incident + its timeline", () -> List.of(model.incident(someId),
                    model.timeline(someId)));
            measure("while applying: remediations, pending first", () -> model.remediations(
                    RemediationQuery.all(100)));
        } finally {
            writer.interrupt();
            writer.join();
        }
        print();
    }

    /**
     * Applies new alerts until interrupted, as a follower would while pages are read: 2,000 a second, about 20 times
     * the pipeline's peak (and bounded, so what was loaded is not evicted by {@code maxEvents} while measuring).
     */
    private static void write(ReadModel model, Clock clock) {
        Target target = new Target("aks-prod-weu", "team-ns-1", "Deployment", "writer", null, null, null, null, null);
        for (long n = 0; !Thread.currentThread().isInterrupted(); n++) {
            model.onAlert(new AlertEvent(1, "writer-" + n, AlertSource.ALERTMANAGER, "writer-" + (n % 500),
                    AlertStatus.FIRING, "Written", Severity.WARNING, null, "written while reading", null, null, null,
                    Map.of("namespace", "team-ns-1"), Map.of(), target, clock.instant(), null, clock.instant(), null,
                    null, null));
            LockSupport.parkNanos(500_000);
        }
    }

    /** What the timed answers add up to, read by nothing: it keeps the calls from being optimised away. */
    private int sink;

    /** Times {@code calls} calls of {@code answer} after a warm-up; adds the row; answers the median in ms. */
    private double measure(String name, Supplier<?> answer) {
        for (int i = 0; i < WARM_UP; i++) {
            answer.get();
        }
        long[] nanos = new long[calls];
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            Object result = answer.get();
            nanos[i] = System.nanoTime() - start;
            // used, so that the compiler cannot drop the call
            sink += result == null ? 0 : 1;
        }
        Arrays.sort(nanos);
        double median = nanos[calls / 2] / 1e6;
        double p99 = nanos[(int) Math.ceil(calls * 0.99) - 1] / 1e6;
        double max = nanos[calls - 1] / 1e6;
        rows.add(new String[] {name, ms(median), ms(p99), ms(max),
            reference == 0 ? "1x" : String.format(Locale.ROOT, "%.0fx", median / reference)});
        return median;
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, value < 0.1 ? "%.4f" : "%.2f", value);
    }

    private void print() {
        System.out.println();
        System.out.println("| answer | median (ms) | p99 (ms) | max (ms) | median / reference |");
        System.out.println("| --- | --- | --- | --- | --- |");
        for (String[] row : rows) {
            System.out.printf("| %s | %s | %s | %s | %s |%n", row[0], row[1], row[2], row[3], row[4]);
        }
        System.out.println();
        System.out.printf(Locale.ROOT, "(%d calls per answer after %d warm-up calls; at %s)%n", calls, WARM_UP,
                Instant.now());
    }
}
