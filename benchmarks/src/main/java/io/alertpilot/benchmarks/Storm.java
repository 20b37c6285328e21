package io.alertpilot.benchmarks;

import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.kafka.Topics;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;
import tools.jackson.databind.JsonNode;

/**
 * The storm phases: {@code alerts} alerts over {@code targets} Deployments at once, (a) put straight on the alert
 * topic, (b) posted to the webhook in Alertmanager's groups, with ingest, remediation and notifier as processes, and
 * (c) the same through standalone's webhook. Each on a fresh broker (standalone: its own), so no guard state of an
 * earlier phase is in the way. While the storm drains, an open loop of small webhook requests (one alert each,
 * {@value #PROBE_PER_SECOND} a second) measures intake; then {@link StormCheck} judges the topics.
 */
final class Storm {

    static final int PROBE_PER_SECOND = 20;
    private static final Duration PROBE_LENGTH = Duration.ofSeconds(20);
    private static final Duration DRAIN_LIMIT = Duration.ofSeconds(240);
    private static final String PLAYBOOK = "restart-crashlooping-pods";

    /** Where the rows of the table go: measure, value, reference, ratio, goal. */
    interface Rows {
        void add(String measure, String value, String reference, String ratio, String goal);
    }

    /** What a phase needs from the run: the JVM command of a module, the broker's start, where logs go. */
    record Setup(Function<String, List<String>> command, Function<String, ServiceProcess> broker, Path out,
            String token, int connections) {
    }

    private final Setup setup;
    private final int alerts;
    private final int targets;
    private final Rows rows;

    Storm(Setup setup, int alerts, int targets, Rows rows) {
        this.setup = setup;
        this.alerts = alerts;
        this.targets = targets;
        this.rows = rows;
    }

    /** (a) or (b): the three services on a fresh broker; {@code webhook} false puts the storm on the topic. */
    void services(boolean webhook, int ingestPort, int remediationPort, int notifierPort) throws Exception {
        String name = webhook ? "storm through the webhook, three services"
                : "storm on the alert topic, three services";
        String prefix = webhook ? "storm-webhook-" : "storm-topic-";
        try (ServiceProcess broker = setup.broker().apply(prefix + "kafka")) {
            String bootstrap = broker.awaitLog(BrokerMain.READY, Duration.ofSeconds(180));
            Map<String, String> common = Map.of("SPRING_KAFKA_BOOTSTRAP_SERVERS", bootstrap,
                    "ALERTPILOT_API_TOKEN", setup.token(), "ALERTPILOT_INGEST_TOKEN", setup.token());
            try (ServiceProcess ingest = start(prefix, "ingest-service", common, ingestPort);
                    ServiceProcess remediation = start(prefix, "remediation-service", common, remediationPort);
                    ServiceProcess notifier = start(prefix, "notifier-service", common, notifierPort)) {
                Duration ingestUp = ingest.awaitHealthy(health(ingestPort), Duration.ofSeconds(120));
                Duration remediationUp = remediation.awaitHealthy(health(remediationPort), Duration.ofSeconds(120));
                Duration notifierUp = notifier.awaitHealthy(health(notifierPort), Duration.ofSeconds(120));
                rows.add(name + ": time to healthy, the three started at once: ingest / remediation / notifier (s)",
                        seconds(ingestUp) + " / " + seconds(remediationUp) + " / " + seconds(notifierUp), "-", "-",
                        "< 8 each");
                storm(name, webhook, bootstrap, ingestPort, remediationPort);
                rows.add(name + ": peak RSS, ingest / remediation / notifier (MiB)", mib(ingest.peakRssMiB())
                        + " / " + mib(remediation.peakRssMiB()) + " / " + mib(notifier.peakRssMiB()), "-", "-",
                        "< 300 each");
            }
        }
    }

    /** (c): standalone, its own broker inside, the storm through its webhook. */
    void standalone(List<String> command, int port, int brokerPort) throws Exception {
        String name = "storm through the webhook, standalone";
        try (ServiceProcess standalone = ServiceProcess.start("storm-standalone", command, Map.of("SERVER_PORT",
                Integer.toString(port), "ALERTPILOT_INGEST_TOKEN", setup.token(), "ALERTPILOT_API_TOKEN",
                setup.token()), setup.out())) {
            Duration up = standalone.awaitHealthy(health(port), Duration.ofSeconds(120));
            rows.add(name + ": time to healthy (s)", seconds(up), "-", "-", "< 10");
            storm(name, true, "127.0.0.1:" + brokerPort, port, port);
            rows.add(name + ": peak RSS (MiB)", mib(standalone.peakRssMiB()), "-", "-", "-");
        }
    }

    private ServiceProcess start(String prefix, String module, Map<String, String> common, int port)
            throws IOException {
        Map<String, String> environment = new LinkedHashMap<>(common);
        environment.put("SERVER_PORT", Integer.toString(port));
        return ServiceProcess.start(prefix + module, setup.command().apply(module), environment, setup.out());
    }

    private void storm(String name, boolean webhook, String bootstrap, int ingestPort, int remediationPort)
            throws Exception {
        StormCheck.Guards guards = guards("http://127.0.0.1:" + remediationPort);
        String run = UUID.randomUUID().toString();
        List<List<Map<String, String>>> groups = webhook ? alertmanagerGroups(run) : topicGroups(run);
        String baseUrl = "http://127.0.0.1:" + ingestPort;
        try (StormCollector collector = new StormCollector(bootstrap, Topics.ALERTS);
                HttpTarget probe = HttpTarget.probe(baseUrl, setup.token());
                ExecutorService background = Executors.newVirtualThreadPerTaskExecutor()) {
            Future<Load.Result> intake = background.submit(() -> Load.open(probe,
                    new Payloads("probe-" + run, targets), PROBE_PER_SECOND, PROBE_LENGTH));
            Sent sent;
            if (webhook) {
                try (HttpTarget target = HttpTarget.grouped(baseUrl, setup.token(), Storm::groupLabels)) {
                    sent = send(target, groups, groups.size());
                }
            } else {
                try (RawProducerTarget target = new RawProducerTarget(bootstrap, Topics.ALERTS)) {
                    sent = send(target, groups, setup.connections());
                }
            }
            collector.collect(run, alerts, DRAIN_LIMIT);
            Load.Result probed = intake.get();
            report(name, webhook, sent, groups.size(), collector.report(guards), guards, probed);
        }
    }

    private void report(String name, boolean webhook, Sent sent, int groups, StormCheck.Report report,
            StormCheck.Guards guards, Load.Result probed) {
        String how = webhook ? groups + " Alertmanager groups posted at once" : groups + " groups of "
                + Payloads.GROUP + " by " + setup.connections() + " producers";
        rows.add(name + ": alerts sent in (s)", String.format(java.util.Locale.ROOT, "%.1f", sent.seconds()),
                how + ", " + sent.failures() + " failed", "-", "-");
        rows.add(name + ": groups not acknowledged (Alertmanager would send them again)",
                Long.toString(sent.failures()), "of " + groups, "-", "0");
        rows.add(name + ": first alert -> last decision (s)", seconds(report.firstAlertToLastDecision()),
                report.decided() + " of " + report.alerts() + " alerts decided", "-", "<= 10");
        rows.add(name + ": decisions per second", fmt(report.decisionsPerSecond()), "-", "-", ">= 1000");
        rows.add(name + ": last alert -> last page (s)", seconds(report.lastAlertToLastPage()),
                report.pagesSent() + " of " + report.expectedPages() + " expected pages sent", "-", "<= 20");
        rows.add(name + ": decisions by outcome", outcomes(report), "-", "-", "-");
        rows.add(name + ": alerts on Kafka not decided (lost)", Integer.toString(report.lost()),
                report.alerts() + " on Kafka of " + alerts + " sent", "-", "0");
        rows.add(name + ": duplicate decisions (more than one for an alert)", Integer.toString(report.duplicates()),
                "-", "-", "0");
        rows.add(name + ": targets planned twice within the cooldown (" + guards.cooldown() + ")",
                Integer.toString(report.plannedTwice()), "-", "-", "0");
        rows.add(name + ": most rate-limit permits within one rate period (" + guards.ratePeriod()
                + "), by the permit times in the ledger", Integer.toString(report.mostPermitsInPeriod()),
                "rate limit " + guards.rateLimit() + ", " + report.permits() + " permits taken", "-",
                "<= " + guards.rateLimit());
        rows.add(name + ": plans PLANNED beyond the rate-limit permits taken",
                Integer.toString(report.plansBeyondPermits()), report.plans() + " plans PLANNED, "
                        + report.permits() + " permits taken", "-", "0");
        rows.add(name + ": most PLANNED within one rate period (" + guards.ratePeriod()
                + ") by event time (occurredAt, stamped after the permit)",
                Integer.toString(report.mostPlannedInPeriod()), "rate limit " + guards.rateLimit()
                        + " (the goal is judged on the permits)", "-", "-");
        rows.add(name + ": expected pages not sent", Integer.toString(report.missingPages()),
                report.expectedPages() + " expected (one per incident; the default policies group nothing)", "-",
                "0");
        rows.add(name + ": duplicate pages", Integer.toString(report.duplicatePages()), "-", "-", "0");
        rows.add(name + ": webhook answer to small requests during the storm p50 / p99 / p99.9 (ms)",
                BenchmarkRun.percentiles(probed.latency()), PROBE_PER_SECOND + " requests/s of one alert, "
                        + probed.failures() + " failed", "-", "p99 < 100 ms");
    }

    private static String outcomes(StormCheck.Report report) {
        List<String> parts = new ArrayList<>();
        report.outcomes().forEach((outcome, count) -> parts.add(outcome + " " + count));
        return String.join(", ", parts);
    }

    /**
     * The storm's alerts in groups of {@value Payloads#GROUP}, as the raw producer sends them; each with a
     * {@code zone} label ({@code zone-<n % 3>} of Deployment {@code svc-<n>}), which the wide groups are made by.
     */
    private List<List<Map<String, String>>> topicGroups(String run) {
        Payloads payloads = new Payloads(run, targets);
        List<List<Map<String, String>>> groups = new ArrayList<>();
        for (int i = 0; i < alerts / Payloads.GROUP; i++) {
            List<Map<String, String>> group = payloads.nextGroup();
            group.forEach(alert -> alert.put("zone", "zone-" + deployment(alert) % 3));
            groups.add(group);
        }
        return groups;
    }

    private static int deployment(Map<String, String> alert) {
        return Integer.parseInt(alert.get("deployment").substring("svc-".length()));
    }

    /** The group labels of a group of {@link #alertmanagerGroups}: its zone when wide, else its Deployment. */
    private static Map<String, String> groupLabels(List<Map<String, String>> group) {
        Map<String, String> first = group.getFirst();
        return group.stream().allMatch(alert -> alert.get("deployment").equals(first.get("deployment")))
                ? Map.of("deployment", first.get("deployment")) : Map.of("zone", first.get("zone"));
    }

    /**
     * The same alerts as Alertmanager would group them with {@code group_by: [zone]} under one route and
     * {@code group_by: [deployment]} under another: the alerts of 60 % of the Deployments in three big groups (each
     * a zone; 2,000 alerts each at the default size), every other Deployment a group of its own (20 alerts).
     */
    private List<List<Map<String, String>>> alertmanagerGroups(String run) {
        Map<String, List<Map<String, String>>> byGroup = new LinkedHashMap<>();
        int wide = targets * 6 / 10;
        for (List<Map<String, String>> group : topicGroups(run)) {
            for (Map<String, String> alert : group) {
                String key = deployment(alert) < wide ? alert.get("zone") : alert.get("deployment");
                byGroup.computeIfAbsent(key, k -> new ArrayList<>()).add(alert);
            }
        }
        return new ArrayList<>(byGroup.values());
    }

    private record Sent(double seconds, long failures) {
    }

    /** Sends every group, {@code parallel} at a time, each waiting for its answer. */
    private static <P> Sent send(LoadTarget<P> target, List<List<Map<String, String>>> groups, int parallel)
            throws InterruptedException {
        List<P> prepared = new ArrayList<>();
        for (List<Map<String, String>> group : groups) {
            prepared.add(target.prepare(group));
        }
        AtomicLong next = new AtomicLong();
        AtomicLong failures = new AtomicLong();
        long start = System.nanoTime();
        try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < parallel; i++) {
                threads.submit(() -> {
                    for (long n = next.getAndIncrement(); n < prepared.size(); n = next.getAndIncrement()) {
                        try {
                            if (!target.send(prepared.get((int) n))) {
                                failures.incrementAndGet();
                            }
                        } catch (Exception e) {
                            failures.incrementAndGet();
                        }
                    }
                });
            }
        }
        return new Sent((System.nanoTime() - start) / 1e9, failures.get());
    }

    /** The guards in force for the storm's playbook, from remediation's GET /api/v1/playbooks. */
    private StormCheck.Guards guards(String baseUrl) throws IOException, InterruptedException {
        try (HttpClient client = HttpClient.newHttpClient()) {
            String body = client.send(HttpRequest.newBuilder(URI.create(baseUrl + "/api/v1/playbooks"))
                    .header("Authorization", "Bearer " + setup.token()).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            for (JsonNode playbook : Json.mapper().readTree(body).path("items")) {
                if (PLAYBOOK.equals(playbook.path("name").asString())) {
                    JsonNode guards = playbook.path("guards");
                    return new StormCheck.Guards(Duration.parse(guards.path("cooldown").asString()),
                            guards.path("rateLimit").asInt(), Duration.parse(guards.path("ratePeriod").asString()));
                }
            }
            throw new IllegalStateException("no playbook " + PLAYBOOK + " in " + baseUrl + ": " + body);
        }
    }

    private static String health(int port) {
        return "http://127.0.0.1:" + port + "/actuator/health";
    }

    private static String seconds(Duration duration) {
        return duration == null ? "-" : String.format(java.util.Locale.ROOT, "%.1f", duration.toMillis() / 1000.0);
    }

    private static String mib(double value) {
        return fmt(value);
    }

    private static String fmt(double value) {
        return Double.isNaN(value) ? "-" : String.format(java.util.Locale.ROOT, "%.0f", value);
    }
}
