package io.alertpilot.benchmarks;

import io.alertpilot.model.kafka.Topics;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;

/**
 * One benchmark run: starts a Kafka broker process, the ingest service's jar and Alertmanager, loads them, and prints
 * one table with every figure, its reference and the ratio. {@code benchmarks/run.sh} builds the jars and runs this.
 *
 * <p>System properties: {@code bench.repo} (repository root, default {@code .}), {@code bench.seconds} (length of a
 * phase, default 15), {@code bench.connections} (closed-loop concurrency, default 16), {@code bench.out} (where logs
 * and the table go, default {@code benchmarks/target/run}), {@code bench.ingest}, {@code bench.pipeline} and
 * {@code bench.standalone} (false skips those phases), {@code bench.burst} (alerts of the pipeline's peak phase,
 * default 3000), {@code bench.service-opts} (JVM options for the service processes), {@code bench.aot} (false starts
 * the plain jars instead of the extracted ones with their AOT caches), {@code bench.storm} (alerts of the storm
 * phases, default 10000; 0 skips them), {@code bench.storm-targets} (Deployments they are spread over, default 500),
 * {@code bench.scale-out} (false skips the scale-out phase), {@code bench.port-offset} (added to every port the
 * run listens on, default 0). Besides {@code table.md}, the rows go to
 * {@code table.tsv} (measure, value, reference, ratio, goal), which {@link Medians} reads.
 *
 * <p>The services run with the JVM options their container gets by default ({@link #CONTAINER_OPTIONS}), so their
 * memory is the container's.
 */
public final class BenchmarkRun {

    private static final String TOKEN = "bench-token";
    /** Added to every port below ({@code bench.port-offset}): for a run beside another on the same machine. */
    private static final int PORT_OFFSET = Integer.getInteger("bench.port-offset", 0);
    private static final int INGEST_PORT = 18080 + PORT_OFFSET;
    private static final int ALERTMANAGER_PORT = 19093 + PORT_OFFSET;
    private static final int STANDALONE_PORT = 18081 + PORT_OFFSET;
    private static final int REMEDIATION_PORT = 18082 + PORT_OFFSET;
    private static final int NOTIFIER_PORT = 18083 + PORT_OFFSET;
    private static final int STANDALONE_BROKER_PORT = 19094 + PORT_OFFSET;
    private static final int SCALE_OUT_PORT = 18084 + PORT_OFFSET;

    /**
     * What the JVM takes by itself in the services' default container (512Mi memory limit, 2 CPUs, the image's
     * {@code -XX:MaxRAMPercentage=50.0 -XX:InitialRAMPercentage=25.0}): a 256 MiB heap, 128 MiB at the start, and
     * the serial collector, which HotSpot picks on a machine it does not count as a server (fewer than 2 CPUs or less
     * than 1792 MB of memory). Without a cgroup limit on this host the percentages would make a heap of gigabytes.
     */
    static final List<String> CONTAINER_OPTIONS = List.of("-Xmx256m", "-Xms128m", "-XX:+UseSerialGC",
            "-XX:ActiveProcessorCount=2", "-XX:+ExitOnOutOfMemoryError");

    private final Path repo = Path.of(System.getProperty("bench.repo", ".")).toAbsolutePath().normalize();
    private final Duration phase = Duration.ofSeconds(Integer.getInteger("bench.seconds", 15));
    private final int connections = Integer.getInteger("bench.connections", 16);
    private final boolean withIngest = Boolean.parseBoolean(System.getProperty("bench.ingest", "true"));
    private final boolean withPipeline = Boolean.parseBoolean(System.getProperty("bench.pipeline", "true"));
    private final int burst = Integer.getInteger("bench.burst", 3000);
    private final boolean aot = Boolean.parseBoolean(System.getProperty("bench.aot", "true"));
    private final Map<String, Path> aotCaches = new HashMap<>();
    private final boolean withStandalone = Boolean.parseBoolean(System.getProperty("bench.standalone", "true"));
    private final List<String> serviceOptions = Stream.concat(CONTAINER_OPTIONS.stream(),
            List.of(System.getProperty("bench.service-opts", "").split(" +")).stream())
            .filter(option -> !option.isBlank()).toList();
    private final int stormAlerts = Integer.getInteger("bench.storm", 10000);
    private final int stormTargets = Integer.getInteger("bench.storm-targets", 500);
    private final boolean withScaleOut = Boolean.parseBoolean(System.getProperty("bench.scale-out", "true"));
    private final Path out = Path.of(System.getProperty("bench.out", repo.resolve("benchmarks/target/run").toString()));
    private final String java = ProcessHandle.current().info().command().orElse("java");
    private final List<String[]> rows = new ArrayList<>();

    public static void main(String[] args) throws Exception {
        new BenchmarkRun().run();
    }

    private void run() throws Exception {
        Files.createDirectories(out);
        try {
            phases();
        } finally {
            // what was measured is kept when a later phase fails
            String table = table();
            System.out.println(table);
            Files.writeString(out.resolve("table.md"), table);
            Files.write(out.resolve("table.tsv"), rows.stream().map(row -> String.join("\t", row)).toList());
        }
    }

    private void phases() throws Exception {
        try (ServiceProcess broker = broker("kafka")) {
            String bootstrap = broker.awaitLog(BrokerMain.READY, Duration.ofSeconds(180));
            if (aot) {
                Map<String, String> training = Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrap, "SERVER_PORT", "0",
                        "ALERTPILOT_INGEST_TOKEN", TOKEN, "ALERTPILOT_API_TOKEN", TOKEN);
                for (String module : List.of("ingest-service", "remediation-service", "notifier-service")) {
                    prepareAot(module, serviceOptions, training, List.of());
                }
                if (withStandalone) {
                    prepareAot("standalone", List.of(), Map.of("SERVER_PORT", "0", "ALERTPILOT_INGEST_TOKEN", TOKEN,
                            "ALERTPILOT_API_TOKEN", TOKEN), List.of("--alertpilot.standalone.kafka.port=0"));
                }
            }
            if (withIngest) {
                benchmarkIngest(bootstrap);
            } else if (withPipeline) {
                benchmarkPipeline(bootstrap, Double.NaN);
            }
        }
        Storm.Setup setup = new Storm.Setup(this::command, this::broker, out, TOKEN, connections);
        Storm storm = new Storm(setup, stormAlerts, stormTargets, this::row);
        if (stormAlerts > 0) {
            storm.services(false, INGEST_PORT, REMEDIATION_PORT, NOTIFIER_PORT);
            storm.services(true, INGEST_PORT, REMEDIATION_PORT, NOTIFIER_PORT);
        }
        if (withStandalone) {
            benchmarkStandalone();
            if (stormAlerts > 0) {
                storm.standalone(standaloneCommand(), STANDALONE_PORT, STANDALONE_BROKER_PORT);
            }
        }
        if (withScaleOut) {
            new ScaleOut(setup, burst, stormTargets).run(this::row, SCALE_OUT_PORT);
        }
    }

    /** A Kafka broker process of its own, its log named {@code name}. */
    private ServiceProcess broker(String name) {
        try {
            return ServiceProcess.start(name, List.of(java, "-Xmx1g", "-cp", System.getProperty("java.class.path"),
                    BrokerMain.class.getName()), Map.of(), out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void benchmarkIngest(String bootstrap) throws Exception {
        Duration plainHealthy = null;
        if (aotCaches.containsKey("ingest-service")) {
            // the same start without the cache, for the comparison
            try (ServiceProcess plain = ingest(bootstrap, Topics.ALERTS, false)) {
                plainHealthy = plain.awaitHealthy("http://127.0.0.1:" + INGEST_PORT + "/actuator/health",
                        Duration.ofSeconds(120));
            }
        }
        Duration healthy;
        double rss;
        Load.Result ingest;
        Load.Result raw;
        Load.Result peer = null;
        Load.Result open;
        PipelineLatency latency;
        try (ServiceProcess service = ingest(bootstrap, Topics.ALERTS);
                HttpTarget webhook = HttpTarget.ingest("http://127.0.0.1:" + INGEST_PORT, TOKEN);
                RawProducerTarget producer = new RawProducerTarget(bootstrap, Topics.ALERTS)) {
            healthy = service.awaitHealthy("http://127.0.0.1:" + INGEST_PORT + "/actuator/health", Duration.ofSeconds(60));

            Load.closed(webhook, new Payloads("warmup"), connections, Duration.ofSeconds(5));
            Load.closed(producer, new Payloads("warmup"), connections, Duration.ofSeconds(3));
            ingest = Load.closed(webhook, new Payloads(runId()), connections, phase);
            saveMetrics("http://127.0.0.1:" + INGEST_PORT, "ingest-after-closed-loop");
            raw = Load.closed(producer, new Payloads(runId()), connections, phase);
            try (ServiceProcess alertmanager = startAlertmanager();
                    HttpTarget api = HttpTarget.alertmanager("http://127.0.0.1:" + ALERTMANAGER_PORT)) {
                if (alertmanager != null) {
                    alertmanager.awaitHealthy("http://127.0.0.1:" + ALERTMANAGER_PORT + "/-/ready",
                            Duration.ofSeconds(30));
                    Load.closed(api, new Payloads("warmup"), connections, Duration.ofSeconds(3));
                    peer = Load.closed(api, new Payloads(runId()), connections, phase);
                }
            }

            String openRun = runId();
            double groupsPerSecond = ingest.alertsPerSecond() / Payloads.GROUP / 2;
            try (PipelineLatency pipeline = new PipelineLatency(bootstrap, Topics.ALERTS, null, null)) {
                open = Load.open(webhook, new Payloads(openRun), groupsPerSecond, phase);
                pipeline.collect(openRun, open.groups() * Payloads.GROUP, false, false, Duration.ofSeconds(60));
                latency = pipeline;
            }
            rss = service.peakRssMiB();
        }

        row("ingest throughput, closed loop, groups of 10 (alerts/s)", fmt(ingest.alertsPerSecond()),
                "raw producer " + fmt(raw.alertsPerSecond()), ratio(ingest.alertsPerSecond(), raw.alertsPerSecond()),
                ">= 0.5x");
        if (peer != null) {
            row("ingest vs Alertmanager's POST /api/v2/alerts (alerts/s)", fmt(ingest.alertsPerSecond()),
                    "Alertmanager " + fmt(peer.alertsPerSecond()),
                    ratio(ingest.alertsPerSecond(), peer.alertsPerSecond()), ">= 1.0x");
        } else {
            row("ingest vs Alertmanager's POST /api/v2/alerts (alerts/s)", fmt(ingest.alertsPerSecond()),
                    "Alertmanager not installed", "-", ">= 1.0x");
        }
        row("ingest alone at half of peak, open loop: webhook answer p50 / p99 / p99.9 (ms)",
                percentiles(open.latency()), fmt(open.alertsPerSecond()) + " alerts/s, " + open.failures()
                        + " failed", "-", "-");
        row("ingest alone at half of peak: webhook received -> on Kafka p50 / p99 / p99.9 (ms)",
                percentiles(latency.onKafka), latency.onKafka.getTotalCount() + " alerts", "-", "p99 < 10 ms");
        row("ingest peak RSS under load (MiB)", fmt(rss), "-", "-", "< 300");
        if (plainHealthy != null) {
            row("ingest time to healthy (s), extracted jar with its AOT cache", seconds(healthy),
                    "plain jar " + seconds(plainHealthy), ratio(healthy.toMillis(), plainHealthy.toMillis()), "< 8");
        } else {
            row("ingest time to healthy (s)", seconds(healthy), "-", "-", "< 8");
        }
        row("closed-loop failures (ingest / raw / peer)", ingest.failures() + " / " + raw.failures() + " / "
                + (peer == null ? "-" : peer.failures()), "-", "-", "0");
        if (withPipeline) {
            benchmarkPipeline(bootstrap, ingest.alertsPerSecond() / 2);
        }
    }

    /**
     * The three services as separate processes on a fresh alert topic (so that nothing waits behind the alerts of
     * the throughput phases), in their default settings: remediation in dry run, so its decision event is PLANNED
     * (where STARTED would be when live) or SKIPPED by a guard; the notifier paging through the log channel.
     *
     * <p>First the pipeline's own peak: a burst of {@code bench.burst} alerts put straight on the alert topic, and the
     * rate at which remediation decides them and the notifier pages them. Then the latencies in an open loop at half
     * of the lower of those two peaks, a load the pipeline sustains; then, when ingest was measured, at half of
     * ingest's peak, which is far above what remediation decides, so there the figures are a backlog's.
     *
     * @param ingestHalfPeak alerts per second for the last phase; NaN skips it
     */
    private void benchmarkPipeline(String bootstrap, double ingestHalfPeak) throws Exception {
        String alerts = "bench.pipeline.alerts." + runId().substring(0, 8);
        Map<String, String> remediationEnv = Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "ALERTPILOT_API_TOKEN", TOKEN, "SERVER_PORT", Integer.toString(REMEDIATION_PORT),
                "ALERTPILOT_REMEDIATION_TOPICS_ALERTS", alerts);
        Map<String, String> notifierEnv = Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                "ALERTPILOT_API_TOKEN", TOKEN, "SERVER_PORT", Integer.toString(NOTIFIER_PORT),
                "ALERTPILOT_NOTIFIER_TOPICS_ALERTS", alerts);
        try (ServiceProcess ingest = ingest(bootstrap, alerts);
                ServiceProcess remediation = ServiceProcess.start("remediation-service",
                        command("remediation-service"), remediationEnv, out);
                ServiceProcess notifier = ServiceProcess.start("notifier-service",
                        command("notifier-service"), notifierEnv, out);
                HttpTarget webhook = HttpTarget.ingest("http://127.0.0.1:" + INGEST_PORT, TOKEN)) {
            Duration ingestHealthy = ingest.awaitHealthy("http://127.0.0.1:" + INGEST_PORT + "/actuator/health",
                    Duration.ofSeconds(120));
            Duration remediationHealthy = remediation.awaitHealthy(
                    "http://127.0.0.1:" + REMEDIATION_PORT + "/actuator/health", Duration.ofSeconds(120));
            Duration notifierHealthy = notifier.awaitHealthy(
                    "http://127.0.0.1:" + NOTIFIER_PORT + "/actuator/health", Duration.ofSeconds(120));
            row("remediation time to healthy (s), started beside ingest and notifier"
                    + cacheNote("remediation-service"),
                    seconds(remediationHealthy), "-", "-", "< 8");
            row("notifier time to healthy (s), started beside ingest and remediation" + cacheNote("notifier-service"),
                    seconds(notifierHealthy), "-", "-", "< 8");
            row("ingest time to healthy (s), started beside remediation and notifier" + cacheNote("ingest-service"),
                    seconds(ingestHealthy), "-", "-", "< 8");

            // a warm-up at a rate the pipeline keeps up with: a closed loop would leave a backlog before every phase
            Load.open(webhook, new Payloads("warmup"), 10, Duration.ofSeconds(5));

            String burstRun = runId();
            double decisionsPeak;
            double pagesPeak;
            try (RawProducerTarget producer = new RawProducerTarget(bootstrap, alerts);
                    PipelineLatency pipeline = new PipelineLatency(bootstrap, alerts, Topics.REMEDIATIONS,
                            Topics.NOTIFICATIONS)) {
                Load.Result sent = Load.burst(producer, new Payloads(burstRun), connections, burst / Payloads.GROUP);
                pipeline.collect(burstRun, sent.groups() * Payloads.GROUP, true, true, Duration.ofSeconds(120));
                decisionsPeak = pipeline.decisionsPerSecond();
                pagesPeak = pipeline.pagesPerSecond();
                row("pipeline peak, a burst of " + sent.groups() * Payloads.GROUP + " alerts on the alert topic: "
                        + "remediation decisions / pages per second", fmt(decisionsPeak) + " / " + fmt(pagesPeak),
                        pipeline.counts(), "-", "-");
            }

            double sustained = Math.min(decisionsPeak, pagesPeak) / 2;
            if (sustained > 0) {
                latencyPhase("pipeline at half of its own peak", bootstrap, alerts, webhook, sustained,
                        Duration.ofSeconds(60), false);
            }
            if (!Double.isNaN(ingestHalfPeak)) {
                latencyPhase("pipeline at half of ingest's peak", bootstrap, alerts, webhook, ingestHalfPeak,
                        Duration.ofSeconds(90), true);
            }
            row("peak RSS under load, ingest / remediation / notifier (MiB)", fmt(ingest.peakRssMiB()) + " / "
                    + fmt(remediation.peakRssMiB()) + " / " + fmt(notifier.peakRssMiB()), "-", "-", "< 300 each");
        }
    }

    /**
     * An open loop through the webhook at {@code alertsPerSecond}, then the latency rows of its alerts; the goals
     * of issue 17 are for on Kafka at half of ingest's peak ({@code ingestPeak}) and for decision and page at half of
     * the pipeline's.
     */
    private void latencyPhase(String phaseName, String bootstrap, String alerts, HttpTarget webhook,
            double alertsPerSecond, Duration wait, boolean ingestPeak) throws Exception {
        String run = runId();
        try (PipelineLatency pipeline = new PipelineLatency(bootstrap, alerts, Topics.REMEDIATIONS,
                Topics.NOTIFICATIONS)) {
            Load.Result open = Load.open(webhook, new Payloads(run), alertsPerSecond / Payloads.GROUP, phase);
            pipeline.collect(run, open.groups() * Payloads.GROUP, true, true, wait);
            String load = fmt(open.alertsPerSecond()) + " alerts/s; " + pipeline.counts();
            row(phaseName + ": webhook received -> on Kafka p50 / p99 / p99.9 (ms)", percentiles(pipeline.onKafka),
                    load, "-", ingestPeak ? "p99 < 10 ms" : "-");
            row(phaseName + ": alert received -> remediation decision (planned in dry run, or skipped) "
                    + "p50 / p99 / p99.9 (ms)", percentiles(pipeline.toAction), "-", "-",
                    ingestPeak ? "-" : "p99 < 100 ms");
            row(phaseName + ": alert received -> page sent (log channel) p50 / p99 / p99.9 (ms)",
                    percentiles(pipeline.toPage), "-", "-", ingestPeak ? "-" : "p99 < 250 ms");
        }
    }

    /** Keeps a service's /actuator/prometheus in the output directory, for looking into a result afterwards. */
    private void saveMetrics(String baseUrl, String name) {
        try (HttpClient client = HttpClient.newHttpClient()) {
            String body = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/actuator/prometheus")).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            Files.writeString(out.resolve(name + ".prom"), body);
        } catch (IOException | InterruptedException e) {
            System.err.println("could not save the metrics of " + baseUrl + ": " + e.getMessage());
        }
    }

    /**
     * {@code java [bench.service-opts] -jar <module's jar>}, or, with {@code bench.aot}, the extracted jar with its
     * AOT cache (see {@link #prepareAot}).
     */
    private List<String> command(String module) {
        return command(module, aot);
    }

    private List<String> command(String module, boolean withCache) {
        List<String> command = new ArrayList<>();
        command.add(java);
        command.addAll(serviceOptions);
        Path cache = withCache ? aotCaches.get(module) : null;
        if (cache != null) {
            command.add("-XX:AOTCache=" + cache);
            command.add("-jar");
            command.add(extracted(module).toString());
        } else {
            command.add("-jar");
            command.add(jar(module).toString());
        }
        return command;
    }

    /**
     * The deployment recipe of the JDK's AOT cache (JEP 483/514/515) with Spring Boot: the jar extracted
     * ({@code -Djarmode=tools extract}), one training run that exits once the context is refreshed
     * ({@code -XX:AOTCacheOutput=... -Dspring.context.exit=onRefresh}), then every start with
     * {@code -XX:AOTCache=...} on the extracted jar. Made once per jar build in {@code benchmarks/target/aot}, with the
     * service options of the run (the cache is only used with the same JVM and class path). A failed training run
     * leaves that service without a cache.
     */
    private void prepareAot(String module, List<String> jvmOptions, Map<String, String> environment,
            List<String> arguments) throws Exception {
        Path dir = repo.resolve("benchmarks/target/aot").resolve(module);
        Path cache = dir.resolve(module + ".aot");
        Path stamp = dir.resolve("options.txt");
        String options = String.join(" ", jvmOptions) + " / " + Files.getLastModifiedTime(jar(module));
        if (Files.exists(cache) && Files.exists(stamp) && Files.readString(stamp).equals(options)) {
            aotCaches.put(module, cache);
            return;
        }
        Files.createDirectories(dir);
        Files.deleteIfExists(cache);
        long start = System.nanoTime();
        if (run(dir.resolve("extract.log"), Map.of(), java, "-Djarmode=tools", "-jar", jar(module).toString(),
                "extract", "--force", "--destination", dir.resolve("app").toString()) != 0) {
            System.err.println("could not extract " + jar(module) + "; see " + dir.resolve("extract.log"));
            return;
        }
        List<String> training = new ArrayList<>();
        training.add(java);
        training.addAll(jvmOptions);
        training.add("-XX:AOTCacheOutput=" + cache);
        training.add("-Dspring.context.exit=onRefresh");
        training.add("-jar");
        training.add(extracted(module).toString());
        training.addAll(arguments);
        if (run(dir.resolve("training.log"), environment, training.toArray(String[]::new)) != 0
                || !Files.exists(cache)) {
            System.err.println("the AOT training run of " + module + " failed; see " + dir.resolve("training.log"));
            return;
        }
        Files.writeString(stamp, options);
        System.out.printf(Locale.ROOT, "AOT cache of %s: %.0f MiB, made in %.1f s%n", module,
                Files.size(cache) / 1048576.0, (System.nanoTime() - start) / 1e9);
        aotCaches.put(module, cache);
    }

    private String cacheNote(String module) {
        return aot && aotCaches.containsKey(module) ? ", with its AOT cache" : "";
    }

    private Path extracted(String module) {
        return repo.resolve("benchmarks/target/aot").resolve(module).resolve("app").resolve(jar(module).getFileName());
    }

    private static int run(Path log, Map<String, String> environment, String... command) throws Exception {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().putAll(environment);
        Process process = builder.start();
        if (!process.waitFor(5, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            return -1;
        }
        return process.exitValue();
    }

    private ServiceProcess ingest(String bootstrap, String alertsTopic) throws IOException {
        return ingest(bootstrap, alertsTopic, aot);
    }

    private ServiceProcess ingest(String bootstrap, String alertsTopic, boolean withCache) throws IOException {
        return ServiceProcess.start("ingest-service", command("ingest-service", withCache),
                Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrap, "ALERTPILOT_INGEST_TOKEN", TOKEN,
                        "SERVER_PORT", Integer.toString(INGEST_PORT), "ALERTPILOT_INGEST_TOPICS_ALERTS", alertsTopic),
                out);
    }

    /**
     * Standalone's command: its JVM defaults (it has no container of its own), with its AOT cache when there is one,
     * and its broker on {@link #STANDALONE_BROKER_PORT}.
     */
    private List<String> standaloneCommand() {
        List<String> command = new ArrayList<>(List.of(java));
        Path cache = aot ? aotCaches.get("standalone") : null;
        if (cache != null) {
            command.addAll(List.of("-XX:AOTCache=" + cache, "-jar", extracted("standalone").toString()));
        } else {
            command.addAll(List.of("-jar", jar("standalone").toString()));
        }
        command.add("--alertpilot.standalone.kafka.port=" + STANDALONE_BROKER_PORT);
        return command;
    }

    private void benchmarkStandalone() throws Exception {
        try (ServiceProcess standalone = ServiceProcess.start("standalone", standaloneCommand(),
                Map.of("SERVER_PORT", Integer.toString(STANDALONE_PORT), "ALERTPILOT_INGEST_TOKEN", TOKEN,
                        "ALERTPILOT_API_TOKEN", TOKEN), out);
                HttpTarget webhook = HttpTarget.ingest("http://127.0.0.1:" + STANDALONE_PORT, TOKEN)) {
            Duration healthy = standalone.awaitHealthy("http://127.0.0.1:" + STANDALONE_PORT + "/actuator/health",
                    Duration.ofSeconds(120));
            Load.closed(webhook, new Payloads(runId()), connections, Duration.ofSeconds(5));
            row("standalone time to healthy (s)" + cacheNote("standalone"), seconds(healthy), "-", "-", "< 10");
            row("standalone peak RSS after 5 s of load (MiB)", fmt(standalone.peakRssMiB()), "-", "-", "-");
        }
    }

    private ServiceProcess startAlertmanager() throws IOException {
        Path binary = List.of(Path.of("/usr/bin/prometheus-alertmanager"), Path.of("/usr/bin/alertmanager")).stream()
                .filter(Files::isExecutable).findFirst().orElse(null);
        if (binary == null) {
            return null;
        }
        Path config = out.resolve("alertmanager.yml");
        Files.writeString(config, """
                route:
                  receiver: none
                receivers:
                  - name: none
                """);
        return ServiceProcess.start("alertmanager", List.of(binary.toString(), "--config.file=" + config,
                "--storage.path=" + out.resolve("alertmanager-data"),
                "--web.listen-address=127.0.0.1:" + ALERTMANAGER_PORT, "--cluster.listen-address="), Map.of(), out);
    }

    private Path jar(String module) {
        Path target = repo.resolve(module).resolve("target");
        for (String name : new String[] {module + "-0.1.0-SNAPSHOT-exec.jar", module + "-0.1.0-SNAPSHOT.jar"}) {
            Path jar = target.resolve(name);
            if (Files.exists(jar)) {
                return jar;
            }
        }
        throw new IllegalStateException("no jar of " + module + " in " + target + ": run ./mvnw package -DskipTests");
    }

    private static String runId() {
        return UUID.randomUUID().toString();
    }

    private void row(String measure, String value, String reference, String ratio, String goal) {
        rows.add(new String[] {measure, value, reference, ratio, goal});
    }

    private String table() {
        StringBuilder table = new StringBuilder();
        table.append("| measure | value | reference (same run) | ratio | goal |\n");
        table.append("| --- | --- | --- | --- | --- |\n");
        for (String[] row : rows) {
            table.append("| ").append(String.join(" | ", row)).append(" |\n");
        }
        return table.toString();
    }

    static String percentiles(Histogram histogram) {
        return String.format(Locale.ROOT, "%.1f / %.1f / %.1f", histogram.getValueAtPercentile(50) / 1000.0,
                histogram.getValueAtPercentile(99) / 1000.0, histogram.getValueAtPercentile(99.9) / 1000.0);
    }

    private static String fmt(double value) {
        return String.format(Locale.ROOT, "%.0f", value);
    }

    private static String ratio(double value, double reference) {
        return String.format(Locale.ROOT, "%.2fx", value / reference);
    }

    private static String seconds(Duration duration) {
        return String.format(Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }
}
