package io.alertpilot.reliability.faults;

import static io.alertpilot.reliability.faults.Processes.pause;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.reliability.faults.Processes.Service;
import io.alertpilot.testing.KafkaReadBack;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * The fault suite: a real Kafka broker process and the three services' executable jars, each a process of its own,
 * live (remediation acts on {@link KubernetesFake}, the notifier pages {@link PagerDutyFake}), under a steady load of
 * alerts through ingest's generic webhook. Half of the alerts ask for a rollout restart of a Deployment of their own
 * ({@code FaultRestart}, one action expected each), half are handed to a human by their playbook ({@code FaultPage},
 * one page expected each). Scenarios: no fault; {@code kill -9} of each service mid-stream and restart; broker stop
 * and restart; the Kubernetes API answering 503 then timing out; PagerDuty answering 429 then 500.
 *
 * <p>Counted per scenario, from Kafka and the fakes: alerts sent, acknowledged (2xx), on Kafka, lost (acknowledged
 * but not on Kafka); actions expected (acknowledged restart alerts), done, duplicated (a Deployment restarted twice);
 * pages expected (page alerts, and restart alerts whose action was not done: a human must hear of them), sent,
 * missing, duplicated (two accepted triggers for one alert), extra (pages for an alert that was also fixed); the time
 * from the end of the fault to the first effect of the service it hit. A scenario passes with lost, duplicated
 * actions, missing and duplicated pages all 0.
 */
public final class FaultSuite {

    static final String TOKEN = "fault-suite-token";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*\"([^\"]+)\"");

    /**
     * @param seconds length of the load in each scenario; the fault starts half way
     * @param rate alerts per second
     * @param settle how long to wait after the load for every expected action and page
     */
    public record Settings(int seconds, int rate, Duration settle) {
    }

    /** The counts of one scenario. */
    public record Result(String name, long sent, long acked, long onKafka, long lost, int actionsExpected,
            int actionsDone, int actionsDuplicated, int pagesExpected, int pagesSent, int pagesMissing,
            int pagesDuplicated, int pagesExtra, String recovery) {

        public boolean passed() {
            return lost == 0 && actionsDuplicated == 0 && pagesMissing == 0 && pagesDuplicated == 0;
        }
    }

    private enum Effect { ACK, ACTION, PAGE }

    private final Settings settings;
    private final Processes processes;
    private final KubernetesFake kubernetes = new KubernetesFake();
    private final PagerDutyFake pagerDuty = new PagerDutyFake();
    private Service ingest;
    private Service remediation;
    private Service notifier;
    /** Reads the consumer groups' lag; it reconnects by itself across the broker's restart. */
    private Admin admin;

    private FaultSuite(Settings settings, Processes processes) {
        this.settings = settings;
        this.processes = processes;
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("faults.repo", ".")).toAbsolutePath().normalize();
        Settings settings = new Settings(Integer.getInteger("faults.seconds", 12), Integer.getInteger("faults.rate", 6),
                Duration.ofSeconds(Integer.getInteger("faults.settle", 120)));
        List<Result> results = run(repo, System.getProperty("faults.cp", System.getProperty("java.class.path")),
                settings);
        System.exit(results.stream().allMatch(Result::passed) ? 0 : 1);
    }

    /** Runs every scenario and prints the table; the logs of every process stay in reliability/target/faults-*. */
    public static List<Result> run(Path repo, String classpath, Settings settings) throws Exception {
        Path work = Files.createDirectories(repo.resolve("reliability/target/faults-" + System.currentTimeMillis()));
        List<Result> results = new ArrayList<>();
        try (Processes processes = new Processes(repo, work, classpath)) {
            FaultSuite suite = new FaultSuite(settings, processes);
            try {
                suite.start();
                results.add(suite.scenario("steady (no fault)", null, () -> { }));
                results.add(suite.scenario("ingest kill -9", Effect.ACK, () -> suite.ingest.killAndRestart()));
                results.add(suite.scenario("remediation kill -9", Effect.ACTION,
                        () -> suite.remediation.killAndRestart()));
                results.add(suite.scenario("notifier kill -9", Effect.PAGE, () -> suite.notifier.killAndRestart()));
                results.add(suite.scenario("broker stop/restart", Effect.ACK,
                        () -> processes.restartBroker(Duration.ofSeconds(3))));
                results.add(suite.scenario("k8s API 503, then late", Effect.ACTION, () -> {
                    suite.kubernetes.answerServerErrors();
                    pause(Duration.ofSeconds(3));
                    suite.kubernetes.heal();
                    suite.kubernetes.answerLate(Duration.ofMillis(2500));
                    pause(Duration.ofSeconds(3));
                    suite.kubernetes.heal();
                }));
                results.add(suite.scenario("PagerDuty 429, then 500", Effect.PAGE, () -> {
                    suite.pagerDuty.rateLimit();
                    pause(Duration.ofSeconds(3));
                    suite.pagerDuty.heal();
                    suite.pagerDuty.answerServerErrors();
                    pause(Duration.ofSeconds(3));
                    suite.pagerDuty.heal();
                }));
            } finally {
                if (suite.admin != null) {
                    suite.admin.close();
                }
                suite.kubernetes.close();
                suite.pagerDuty.close();
            }
        }
        print(results, settings, work);
        return results;
    }

    private void start() throws Exception {
        Path work = processes.work();
        Path playbooks = Files.writeString(work.resolve("playbooks.yml"), """
                playbooks:
                  - name: fault-restart
                    match: { alertname: FaultRestart }
                    target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                    actions: [ restart ]
                    guard: { cooldown: 10m, maxAttempts: 1, window: 1h }
                    verify: { rolloutTimeout: 10s }
                  - name: fault-page
                    match: { alertname: FaultPage }
                    actions: [ escalate ]
                """);
        Path policies = Files.createDirectories(work.resolve("policies"));
        Files.writeString(policies.resolve("faults.yaml"), """
                policies:
                  - name: faults
                    steps:
                      - after: 0s
                        notify:
                          - pagerduty: primary
                    fallback: { webhook: fallback }
                """);
        processes.startBroker();
        admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, processes.bootstrap()));
        ingest = processes.start("ingest-service", List.of(
                "--alertpilot.ingest.auth.tokens=" + TOKEN,
                "--alertpilot.ingest.publish-timeout=5s",
                "--alertpilot.ingest.topics.replicas=1"));
        remediation = processes.start("remediation-service", List.of(
                "--alertpilot.api.auth.tokens=" + TOKEN,
                "--alertpilot.remediation.dry-run=false",
                "--alertpilot.remediation.kubernetes.enabled=true",
                "--alertpilot.remediation.kubernetes.clusters.default.master-url=" + kubernetes.url(),
                "--alertpilot.remediation.kubernetes.request-timeout=3s",
                "--alertpilot.remediation.playbooks.locations=" + playbooks,
                "--alertpilot.remediation.verify.interval=200ms",
                "--alertpilot.remediation.guard.rate-limit=10000",
                "--alertpilot.remediation.resilience.call-timeout=2s",
                "--alertpilot.remediation.resilience.initial-backoff=50ms",
                "--alertpilot.remediation.resilience.max-backoff=200ms",
                "--alertpilot.remediation.resilience.open-duration=3s",
                "--alertpilot.remediation.consumer.retry-backoff=200ms",
                "--alertpilot.remediation.topics.replicas=1",
                "--alertpilot.kafka.group-instance-id=remediation-1"));
        notifier = processes.start("notifier-service", List.of(
                "--alertpilot.api.auth.tokens=" + TOKEN,
                "--alertpilot.notifier.decision-window=20s",
                "--alertpilot.notifier.remediation-grace=30s",
                "--alertpilot.notifier.tick-interval=200ms",
                "--alertpilot.notifier.policies.directory=" + policies,
                "--alertpilot.notifier.policies.include-defaults=false",
                "--alertpilot.notifier.delivery.max-attempts=4",
                "--alertpilot.notifier.delivery.initial-backoff=200ms",
                "--alertpilot.notifier.delivery.max-backoff=1s",
                "--alertpilot.notifier.delivery.max-retry-after=2s",
                "--alertpilot.notifier.delivery.breaker-open-for=3s",
                "--alertpilot.notifier.channels.pagerduty-url=" + pagerDuty.eventsUrl(),
                "--alertpilot.notifier.secrets.pagerduty.routing-keys.primary=" + PagerDutyFake.ROUTING_KEY,
                "--alertpilot.notifier.secrets.webhook.urls.fallback=" + pagerDuty.fallbackUrl(),
                "--alertpilot.notifier.topics.replicas=1",
                "--alertpilot.kafka.group-instance-id=notifier-1"));
        // the first alerts wait for topics, metadata and the first API calls of cold JVMs: not part of any scenario
        kubernetes.deployment("d-warm-up");
        long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
        while (!accepted(post("[{\"name\":\"FaultRestart\",\"status\":\"firing\",\"severity\":\"warning\","
                + "\"fingerprint\":\"warm-up\",\"labels\":{\"namespace\":\"" + KubernetesFake.NAMESPACE
                + "\",\"deployment\":\"d-warm-up\"}}]"))) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("ingest did not accept an alert within 90 s");
            }
            pause(Duration.ofMillis(500));
        }
        while (kubernetes.restarts().of("d-warm-up") == 0 && !pagerDuty.pages().containsKey("warm-up")) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the warm-up alert was neither acted on nor paged within 90 s");
            }
            pause(Duration.ofMillis(500));
        }
    }

    private static boolean accepted(HttpResponse<String> response) {
        return response != null && response.statusCode() / 100 == 2;
    }

    /** Posts {@code body} to ingest's generic webhook; null when no answer came (refused, reset, timed out). */
    private HttpResponse<String> post(String body) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(ingest.url("/api/v1/alerts")))
                    .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + TOKEN)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return null;
        }
    }

    interface Fault {
        void inject() throws Exception;
    }

    private Result scenario(String name, Effect effect, Fault fault) throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 6);
        Set<String> ackedIds = ConcurrentHashMap.newKeySet();
        Set<String> restartAlerts = ConcurrentHashMap.newKeySet();
        Set<String> pageAlerts = ConcurrentHashMap.newKeySet();
        List<Long> acks = new CopyOnWriteArrayList<>();
        AtomicLong sent = new AtomicLong();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread load = Thread.ofPlatform().name("load").start(() -> {
            long interval = TimeUnit.SECONDS.toNanos(1) / settings.rate();
            long next = System.nanoTime();
            while (running.get()) {
                long n = sent.incrementAndGet();
                String fingerprint = run + "-" + n;
                boolean restart = n % 2 == 1;
                if (restart) {
                    kubernetes.deployment("d-" + fingerprint);
                }
                String body = restart
                        ? "[{\"name\":\"FaultRestart\",\"status\":\"firing\",\"severity\":\"warning\","
                                + "\"fingerprint\":\""
                                + fingerprint + "\",\"labels\":{\"namespace\":\"" + KubernetesFake.NAMESPACE
                                + "\",\"deployment\":\"d-" + fingerprint + "\"}}]"
                        : "[{\"name\":\"FaultPage\",\"status\":\"firing\",\"severity\":\"critical\",\"fingerprint\":\""
                                + fingerprint + "\",\"labels\":{\"namespace\":\"" + KubernetesFake.NAMESPACE + "\"}}]";
                HttpResponse<String> response;
                try {
                    response = post(body);
                } catch (InterruptedException e) {
                    return;
                }
                // not acknowledged: the sender keeps it (counted as sent - acked)
                if (accepted(response)) {
                    Matcher matcher = EVENT_ID.matcher(response.body());
                    while (matcher.find()) {
                        ackedIds.add(matcher.group(1));
                    }
                    (restart ? restartAlerts : pageAlerts).add(fingerprint);
                    acks.add(System.currentTimeMillis());
                }
                // a steady rate: after a stalled request the load goes on at the rate, it does not catch up in a burst
                next = Math.max(next + interval, System.nanoTime() - interval);
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    LockSupport.parkNanos(wait);
                }
            }
        });
        pause(Duration.ofSeconds(settings.seconds() / 2));
        fault.inject();
        long faultEndMillis = System.currentTimeMillis();
        pause(Duration.ofSeconds(settings.seconds() - settings.seconds() / 2));
        running.set(false);
        load.join();

        long deadline = System.nanoTime() + settings.settle().toNanos();
        while (System.nanoTime() < deadline && !settled(restartAlerts, pageAlerts)) {
            pause(Duration.ofMillis(500));
        }
        pause(Duration.ofSeconds(3)); // room for a late second action or page to show

        Set<String> onKafka = new HashSet<>(KafkaReadBack.readAllValues(processes.bootstrap(), Topics.ALERTS,
                AlertEvent.class).stream().map(AlertEvent::eventId).toList());
        long onKafkaOfRun = ackedIds.stream().filter(onKafka::contains).count();
        Map<String, PagerDutyFake.Pages> pages = pagerDuty.pages();
        KubernetesFake.Restarts restarts = kubernetes.restarts();
        int actionsDone = 0;
        int actionsDuplicated = 0;
        Set<String> mustPage = new HashSet<>(pageAlerts);
        for (String fingerprint : restartAlerts) {
            int restarted = restarts.of("d-" + fingerprint);
            actionsDone += restarted > 0 ? 1 : 0;
            actionsDuplicated += restarted > 1 ? 1 : 0;
            if (restarted == 0) {
                mustPage.add(fingerprint);
            }
        }
        int pagesSent = (int) mustPage.stream().filter(pages::containsKey).count();
        int duplicated = (int) pages.entrySet().stream()
                .filter(e -> e.getKey().startsWith(run + "-") && e.getValue().accepted() > 1).count();
        int extra = (int) pages.keySet().stream()
                .filter(f -> f.startsWith(run + "-") && !mustPage.contains(f)).count();
        String recovery = effect == null ? "-" : switch (effect) {
            case ACK -> since(faultEndMillis, acks.stream().filter(t -> t >= faultEndMillis).min(Long::compare)
                    .orElse(-1L), "first 2xx");
            case ACTION -> since(faultEndMillis, restarts.firstAtOrAfter(faultEndMillis), "first restart");
            case PAGE -> pages.entrySet().stream().filter(e -> e.getKey().startsWith(run + "-"))
                    .mapToLong(e -> e.getValue().first()).filter(t -> t >= faultEndMillis).min()
                    .stream().mapToObj(t -> (t - faultEndMillis) + " ms to first page").findFirst()
                    .orElse("no page after the fault");
        };
        Result result = new Result(name, sent.get(), ackedIds.size(), onKafkaOfRun, ackedIds.size() - onKafkaOfRun,
                restartAlerts.size(), actionsDone, actionsDuplicated, mustPage.size(), pagesSent,
                mustPage.size() - pagesSent, duplicated, extra, recovery);
        System.out.println("[fault suite] " + result);
        return result;
    }

    private static String since(long fromMillis, long toMillis, String what) {
        return toMillis < 0 ? "no " + what + " after the fault" : (toMillis - fromMillis) + " ms to " + what;
    }

    /**
     * Remediation and notifier have read every record, every acknowledged restart alert was restarted or paged, and
     * every page alert paged.
     */
    private boolean settled(Set<String> restartAlerts, Set<String> pageAlerts) throws Exception {
        if (lag("alertpilot-remediation", Topics.ALERTS) > 0
                || lag("alertpilot-notifier", Topics.ALERTS, Topics.REMEDIATIONS) > 0) {
            return false;
        }
        Map<String, PagerDutyFake.Pages> pages = pagerDuty.pages();
        KubernetesFake.Restarts restarts = kubernetes.restarts();
        return pages.keySet().containsAll(pageAlerts) && restartAlerts.stream()
                .allMatch(f -> restarts.of("d-" + f) > 0 || pages.containsKey(f));
    }

    /** Records of {@code topics} that {@code group} has not committed yet. */
    private long lag(String group, String... topics) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata().get(10, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topics)).allTopicNames().get(10, TimeUnit.SECONDS).values()
                .forEach(topic -> topic.partitions().forEach(p -> latest.put(
                        new TopicPartition(topic.name(), p.partition()), OffsetSpec.latest())));
        long lag = 0;
        for (var end : admin.listOffsets(latest).all().get(10, TimeUnit.SECONDS).entrySet()) {
            OffsetAndMetadata at = committed.get(end.getKey());
            lag += end.getValue().offset() - (at == null ? 0 : at.offset());
        }
        return lag;
    }


    private static void print(List<Result> results, Settings settings, Path work) {
        System.out.println();
        System.out.printf("fault suite: %d s of load per scenario at %d alerts/s (half restart, half page)%n",
                settings.seconds(), settings.rate());
        System.out.printf("%-24s %6s %6s %7s %4s | %8s %4s %4s | %8s %4s %4s %4s %5s | %s%n", "scenario", "sent",
                "acked", "onKafka", "lost", "act.exp", "done", "dup", "page.exp", "sent", "miss", "dup", "extra",
                "recovery");
        for (Result r : results) {
            System.out.printf("%-24s %6d %6d %7d %4d | %8d %4d %4d | %8d %4d %4d %4d %5d | %s%s%n", r.name(),
                    r.sent(), r.acked(), r.onKafka(), r.lost(), r.actionsExpected(), r.actionsDone(),
                    r.actionsDuplicated(), r.pagesExpected(), r.pagesSent(), r.pagesMissing(), r.pagesDuplicated(),
                    r.pagesExtra(), r.recovery(), r.passed() ? "" : "   FAILED");
        }
        System.out.println("logs: " + work);
    }
}
