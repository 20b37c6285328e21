package io.alertpilot.reliability.faults;

import static io.alertpilot.reliability.faults.Processes.pause;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.reliability.faults.Processes.Service;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;

/**
 * The soak: the fault suite's live set-up (Kafka's broker and the three services' jars as processes, remediation
 * acting on {@link KubernetesFake}, the notifier paging {@link PagerDutyFake}) under a steady load through ingest for
 * a long time, with a fault every so often, cycling: {@code kill -9} of remediation, of the notifier, of ingest (each
 * restarted), a broker stop and restart, the Kubernetes API answering 503 for 30 s, PagerDuty answering 429 then 500
 * for 15 s each. Every minute a row of {@link SoakTable}: the counts so far ({@link SoakBook}) and per process its
 * memory, open files and threads, and the consumer lag of remediation and the notifier. At the end, after the
 * services settled, a summary per process series; the exit status is 1 when an alert was lost, an action or a page
 * duplicated, or a page missing. Every process it started is stopped on exit, Ctrl-C included.
 *
 * <p>Settings (system properties): {@code soak.minutes} (60), {@code soak.rate} (alerts/s, 10),
 * {@code soak.fault-every} (5m; the first fault half way into the first interval), {@code soak.repo} (the project),
 * {@code soak.cp} (the class path with Kafka's broker).
 */
public final class Soak {

    private static final String TOKEN = "soak-token";
    private static final Duration SETTLE = Duration.ofSeconds(180);
    private static final Duration REST = Duration.ofSeconds(40);

    private final Processes processes;
    private final SoakTable table;
    private final SoakBook book;
    private final int rate;
    private final KubernetesFake kubernetes = new KubernetesFake();
    private final PagerDutyFake pagerDuty = new PagerDutyFake();
    private final AtomicBoolean loadRunning = new AtomicBoolean(true);
    private final LoadClient client = new LoadClient(TOKEN);
    private Service ingest;
    private Service remediation;
    private Service notifier;
    private Admin admin;
    private final List<TopicReader> readers = new ArrayList<>();

    private Soak(Processes processes, SoakTable table, int rate) {
        this.processes = processes;
        this.table = table;
        this.rate = rate;
        List<String> pool = IntStream.range(0, Math.max(100, rate * 60)).mapToObj(i -> "soak-" + i).toList();
        pool.forEach(kubernetes::deployment);
        this.book = new SoakBook(pool, REST, Duration.ofSeconds(180), Duration.ofSeconds(60));
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("soak.repo", ".")).toAbsolutePath().normalize();
        int minutes = Integer.getInteger("soak.minutes", 60);
        int rate = Integer.getInteger("soak.rate", 10);
        Duration faultEvery = SoakSetUp.duration(System.getProperty("soak.fault-every", "5m"));
        String time = LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss"));
        Path target = Files.createDirectories(repo.resolve("reliability/target"));
        Path work = Files.createDirectories(target.resolve("soak-" + time));
        SoakTable table = new SoakTable(target.resolve("soak-" + time + ".txt"), 1);
        table.line(String.format("soak: %d min at %d alerts/s (half restart, half page), a fault every %d s; logs: %s",
                minutes, rate, faultEvery.toSeconds(), work));
        Processes processes = new Processes(repo, work, System.getProperty("soak.cp",
                System.getProperty("java.class.path")), 1);
        Soak soak = new Soak(processes, table, rate);
        AtomicBoolean closed = new AtomicBoolean();
        Thread hook = new Thread(() -> soak.close(closed));
        Runtime.getRuntime().addShutdownHook(hook);
        boolean passed;
        try {
            passed = soak.run(minutes, faultEvery);
        } finally {
            soak.close(closed);
        }
        System.exit(passed ? 0 : 1);
    }

    private boolean run(int minutes, Duration faultEvery) throws Exception {
        SoakSetUp setUp = new SoakSetUp(processes, kubernetes, pagerDuty, TOKEN);
        List<Service> services = setUp.start();
        ingest = services.get(0);
        remediation = services.get(1);
        notifier = services.get(2);
        admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG,
                processes.bootstrap()));
        setUp.warmUp(() -> ingest.url("/api/v1/alerts"), client);
        kubernetes.takeRestarts(); // the warm-up's calls are no alert of the soak's
        pagerDuty.takePages();
        readers.add(new TopicReader(processes.bootstrap(), Topics.ALERTS,
                json -> book.onKafka(Json.mapper().readValue(json, AlertEvent.class).eventId())));
        readers.add(new TopicReader(processes.bootstrap(), Topics.REMEDIATIONS, json -> {
            RemediationEvent event = Json.mapper().readValue(json, RemediationEvent.class);
            if (event.phase().terminal()) {
                book.finished(event.fingerprint(), System.currentTimeMillis());
            }
        }));
        ConsumerLag remediationLag = new ConsumerLag(admin, "alertpilot-remediation", Topics.ALERTS);
        ConsumerLag notifierLag = new ConsumerLag(admin, "alertpilot-notifier", Topics.ALERTS, Topics.REMEDIATIONS);

        long start = System.currentTimeMillis();
        Thread load = Thread.ofPlatform().name("soak-load").start(this::load);
        ScheduledExecutorService every = Executors.newScheduledThreadPool(2);
        ScheduledExecutorService faults = Executors.newSingleThreadScheduledExecutor();
        table.header();
        every.scheduleWithFixedDelay(this::collect, 2, 2, TimeUnit.SECONDS);
        AtomicInteger minute = new AtomicInteger();
        every.scheduleAtFixedRate(() -> sample(minute.incrementAndGet(), false, remediationLag, notifierLag), 1, 1,
                TimeUnit.MINUTES);
        List<Fault> cycle = faults();
        AtomicInteger next = new AtomicInteger();
        faults.scheduleAtFixedRate(() -> {
            Fault fault = cycle.get(next.getAndIncrement() % cycle.size());
            long at = System.currentTimeMillis();
            table.line(String.format("# %s fault: %s", clock(at - start), fault.name()));
            try {
                fault.action().run();
                table.line(String.format("# %s fault over: %s (%d s)", clock(System.currentTimeMillis() - start),
                        fault.name(), (System.currentTimeMillis() - at) / 1000));
            } catch (Exception e) {
                table.line("# fault " + fault.name() + " failed: " + e);
            }
        }, faultEvery.toMillis() / 2, faultEvery.toMillis(), TimeUnit.MILLISECONDS);

        pause(Duration.ofMinutes(minutes).minusMillis(System.currentTimeMillis() - start));
        faults.shutdown();
        if (!faults.awaitTermination(5, TimeUnit.MINUTES)) {
            table.line("# the last fault did not end within 5 minutes");
        }
        loadRunning.set(false);
        load.join();
        table.line("# load stopped; waiting (at most " + SETTLE.toSeconds() + " s) for every alert to settle");
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < deadline && (book.counts(System.currentTimeMillis(), true).outstanding() > 0
                || remediationLag.read() != 0 || notifierLag.read() != 0)) {
            pause(Duration.ofSeconds(2));
        }
        pause(Duration.ofSeconds(5)); // room for a late second action or page to show
        every.shutdown();
        every.awaitTermination(1, TimeUnit.MINUTES);
        collect();
        SoakBook.Counts end = sample(minute.get() + 1, true, remediationLag, notifierLag);
        table.line("");
        table.line("summary (the first sample of each process series left out):");
        table.summary().forEach(table::line);
        table.line(String.format("lag at the end: remediation %d, notifier %d; restarts and pages of alerts not "
                + "acknowledged (the sender kept them): %d; page alerts sent for want of a rested Deployment: %d",
                remediationLag.read(), notifierLag.read(), book.stray(), book.poolEmpty()));
        table.line(end.passed() ? "PASSED: nothing lost, no action or page twice, every human told"
                : "FAILED: " + end);
        return end.passed();
    }

    private record Fault(String name, Action action) {
    }

    private interface Action {
        void run() throws Exception;
    }

    private List<Fault> faults() {
        return List.of(
                new Fault("remediation kill -9 + restart", () -> remediation.killAndRestart()),
                new Fault("notifier kill -9 + restart", () -> notifier.killAndRestart()),
                new Fault("ingest kill -9 + restart", () -> ingest.killAndRestart()),
                new Fault("broker stop, 5 s down, restart", () -> processes.brokers().restart(1, Duration.ofSeconds(5), false)),
                new Fault("Kubernetes API 503 for 30 s", () -> {
                    kubernetes.answerServerErrors();
                    pause(Duration.ofSeconds(30));
                    kubernetes.heal();
                }),
                new Fault("PagerDuty 429 for 15 s, then 500 for 15 s", () -> {
                    pagerDuty.rateLimit();
                    pause(Duration.ofSeconds(15));
                    pagerDuty.heal();
                    pagerDuty.answerServerErrors();
                    pause(Duration.ofSeconds(15));
                    pagerDuty.heal();
                }));
    }

    /** Alternately a restart alert (on a rested Deployment of the pool; a page alert when none is) and a page alert. */
    private void load() {
        long interval = TimeUnit.SECONDS.toNanos(1) / rate;
        long next = System.nanoTime();
        for (long n = 1; loadRunning.get(); n++) {
            String fingerprint = "s-" + n;
            String deployment = n % 2 == 1 ? book.takeDeployment(fingerprint, System.currentTimeMillis()) : null;
            book.sending(fingerprint, deployment);
            String body = deployment != null ? LoadClient.alert("SoakRestart", "warning", fingerprint, deployment)
                    : LoadClient.alert("SoakPage", "critical", fingerprint, null);
            String answer = client.post(ingest.url("/api/v1/alerts"), body);
            if (answer == null) {
                book.refused(fingerprint, System.currentTimeMillis());
            } else {
                List<String> eventIds = new ArrayList<>(1);
                Json.mapper().readTree(answer).findValues("eventId").forEach(id -> eventIds.add(id.asString()));
                book.acked(fingerprint, eventIds, System.currentTimeMillis());
            }
            // a steady rate: after a stalled request the load goes on at the rate, it does not catch up in a burst
            next = Math.max(next + interval, System.nanoTime() - interval);
            long wait = next - System.nanoTime();
            if (wait > 0) {
                pause(Duration.ofNanos(wait));
            }
        }
    }

    /** Moves the restarts and pages the fakes saw since the last call into the book (and out of the fakes). */
    private void collect() {
        try {
            book.restarts(kubernetes.takeRestarts().applied());
            Map<String, Integer> pages = new LinkedHashMap<>();
            pagerDuty.takePages().forEach((fingerprint, p) -> pages.put(fingerprint, p.accepted()));
            book.pages(pages);
        } catch (RuntimeException e) {
            table.line("# collecting from the fakes failed: " + e);
        }
    }

    private SoakBook.Counts sample(int minute, boolean end, ConsumerLag remediationLag, ConsumerLag notifierLag) {
        SoakBook.Counts counts = book.counts(System.currentTimeMillis(), end);
        Map<String, ProcessFigures> figures = new LinkedHashMap<>();
        List<Long> pids = List.of(ingest.pid(), remediation.pid(), notifier.pid(), processes.brokerPid());
        for (int i = 0; i < pids.size(); i++) {
            String process = SoakTable.PROCESSES.get(i);
            ProcessFigures.of(pids.get(i)).ifPresent(f -> figures.put(process, f));
        }
        table.add(new SoakTable.Sample(minute, counts, figures, remediationLag.read(), notifierLag.read()));
        return counts;
    }

    private static String clock(long millis) {
        return String.format("%02d:%02d", millis / 60_000, millis / 1000 % 60);
    }

    /** Stops everything this soak started, once (from the end of main or the shutdown hook, whichever comes first). */
    private void close(AtomicBoolean closed) {
        if (!closed.compareAndSet(false, true)) {
            return;
        }
        loadRunning.set(false);
        try {
            for (TopicReader reader : readers) {
                reader.close();
            }
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
            processes.close();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            System.err.println("soak: stopping the processes failed: " + e);
        } finally {
            kubernetes.close();
            pagerDuty.close();
        }
    }
}
