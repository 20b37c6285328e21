package io.alertpilot.reliability.faults;

import static io.alertpilot.reliability.faults.Processes.pause;

import io.alertpilot.model.kafka.Topics;
import io.alertpilot.reliability.faults.Processes.Service;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.TopicPartitionInfo;

/**
 * The fault suite: Kafka's own broker processes ({@link Brokers}: one node, or three for the leader-loss scenario) and
 * the three services' executable jars, each a process of its own, live (remediation acts on {@link KubernetesFake}, the
 * notifier pages {@link PagerDutyFake}), under a steady load of alerts through ingest's generic webhook. One instance
 * is one set-up; each scenario method runs the load with its fault half way and returns its counts
 * ({@link ScenarioRun}). Scenarios: no fault; {@code kill -9} of each service mid-stream and restart; broker stop and
 * restart; the Kubernetes API answering 503 then timing out; PagerDuty answering 429 then 500; remediation killed
 * between an action's intent and its call, and between the call and its done record (the service's fault point); the
 * services cut off from the brokers; two remediation replicas racing on one target; and, on three brokers, the
 * partition leader killed. And a storm ({@link StormRun}): 2,000 alerts in Alertmanager's groups at once, remediation's
 * rate limit exceeded.
 *
 * <p>A scenario passes with lost, duplicated actions, missing and duplicated pages all 0 and no other problem found.
 */
public final class FaultSuite implements AutoCloseable {

    /** The action of the load at which the fault point of the kill-in-action-window scenario stops remediation. */
    private static final int FAULT_POINT_ACTION = 3;

    /**
     * @param seconds length of the load in each scenario; the fault starts half way
     * @param rate alerts per second
     * @param settle how long to wait after the load for every expected action and page
     * @param cutOff how long the broker-unreachable scenario keeps the services cut off
     */
    public record Settings(int seconds, int rate, Duration settle, Duration cutOff) {
    }

    /**
     * The counts of one scenario; {@code problems} names anything else found wrong (empty when none).
     * {@code pagesResent}: triggers PagerDuty applied to an alert already open (same {@code dedup_key}): nobody paged
     * again, yet a channel without dedup would have shown them twice, so only a notifier kill may cause them.
     */
    public record Result(String name, long sent, long acked, long onKafka, long lost, int actionsExpected,
            int actionsDone, int actionsDuplicated, int pagesExpected, int pagesSent, int pagesMissing,
            int pagesDuplicated, int pagesExtra, int pagesResent, String recovery, List<String> problems) {

        public boolean passed() {
            return lost == 0 && actionsDuplicated == 0 && pagesMissing == 0 && pagesDuplicated == 0
                    && problems.isEmpty();
        }
    }

    /** What a scenario's recovery is measured by: the first acknowledgement, restart or page after the fault. */
    enum Effect { ACK, ACTION, PAGE }

    interface Fault {
        /**
         * Injects the fault while {@code run}'s load goes on; returns a problem (the fault was not injected as planned,
         * or the services answered wrongly during it) or null.
         */
        String inject(ScenarioRun run) throws Exception;
    }

    private final Settings settings;
    private final Processes processes;
    private final KubernetesFake kubernetes = new KubernetesFake();
    private final PagerDutyFake pagerDuty = new PagerDutyFake();
    private final List<Result> results = new ArrayList<>();
    private final List<StormResult> storms = new ArrayList<>();
    private SetUp.Services services;
    /** Reads the consumer groups' lag and the partition leaders; it reconnects by itself across broker restarts. */
    private Admin admin;

    private FaultSuite(Settings settings, Processes processes) {
        this.settings = settings;
        this.processes = processes;
    }

    public static void main(String[] args) throws Exception {
        Path repo = Path.of(System.getProperty("faults.repo", ".")).toAbsolutePath().normalize();
        Settings settings = new Settings(Integer.getInteger("faults.seconds", 12), Integer.getInteger("faults.rate", 6),
                Duration.ofSeconds(Integer.getInteger("faults.settle", 120)),
                Duration.ofSeconds(Integer.getInteger("faults.cut-off", 30)));
        String classpath = System.getProperty("faults.cp", System.getProperty("java.class.path"));
        List<Result> results = new ArrayList<>();
        boolean stormPassed;
        try (FaultSuite suite = open(repo, classpath, settings, 1)) {
            stormPassed = suite.storm(Integer.getInteger("faults.storm-per-target", 20)).passed();
            suite.steadyNoFault();
            suite.ingestKill9();
            suite.remediationKill9();
            suite.notifierKill9();
            suite.brokerStopRestart();
            suite.kubernetes503ThenLate();
            suite.pagerDuty429Then500();
            suite.killInActionWindow("after-intent");
            suite.killInActionWindow("after-call");
            suite.brokerUnreachable();
            suite.twoReplicasRace();
            results.addAll(suite.results);
        }
        try (FaultSuite suite = open(repo, classpath, settings, 3)) {
            suite.leaderLoss3Brokers();
            results.addAll(suite.results);
        }
        print("all scenarios", results, settings);
        System.exit(stormPassed && results.stream().allMatch(Result::passed) ? 0 : 1);
    }

    /**
     * Starts a set-up: {@code brokers} Kafka nodes, the three services and the fakes, and waits until a first alert
     * was acted on. The logs of every process stay in reliability/target/faults-*.
     */
    public static FaultSuite open(Path repo, String classpath, Settings settings, int brokers) throws Exception {
        Path work = Files.createDirectories(repo.resolve("reliability/target/faults-" + System.currentTimeMillis()
                + "-" + brokers));
        FaultSuite suite = new FaultSuite(settings, new Processes(repo, work, classpath, brokers));
        try {
            suite.start();
            return suite;
        } catch (Exception | Error e) {
            suite.close();
            throw e;
        }
    }

    public Result steadyNoFault() throws Exception {
        return scenario("steady (no fault)", null, run -> null);
    }

    public Result ingestKill9() throws Exception {
        return scenario("ingest kill -9", Effect.ACK, run -> restarted(services.ingest()));
    }

    public Result remediationKill9() throws Exception {
        return scenario("remediation kill -9", Effect.ACTION, run -> restarted(services.remediation()));
    }

    public Result notifierKill9() throws Exception {
        return scenario("notifier kill -9", Effect.PAGE, run -> restarted(services.notifier()));
    }

    public Result brokerStopRestart() throws Exception {
        return scenario("broker stop/restart", Effect.ACK, run -> {
            processes.brokers().restart(1, Duration.ofSeconds(3), false);
            return null;
        });
    }

    public Result kubernetes503ThenLate() throws Exception {
        return scenario("k8s API 503, then late", Effect.ACTION, run -> {
            kubernetes.answerServerErrors();
            pause(Duration.ofSeconds(3));
            kubernetes.heal();
            kubernetes.answerLate(Duration.ofMillis(2500));
            pause(Duration.ofSeconds(3));
            kubernetes.heal();
            return null;
        });
    }

    public Result pagerDuty429Then500() throws Exception {
        return scenario("PagerDuty 429, then 500", Effect.PAGE, run -> {
            pagerDuty.rateLimit();
            pause(Duration.ofSeconds(3));
            pagerDuty.heal();
            pagerDuty.answerServerErrors();
            pause(Duration.ofSeconds(3));
            pagerDuty.heal();
            return null;
        });
    }

    /**
     * Remediation restarted (cleanly, before the load) with its fault point at {@code at} ({@code after-intent} or
     * {@code after-call}) on the {@value #FAULT_POINT_ACTION}rd action; half way through the load the suite waits for
     * the line the service prints there, kills it with SIGKILL and starts it again without the fault point: the
     * action parked at the point must be done once, by the resumed intent.
     */
    public Result killInActionWindow(String at) throws Exception {
        Duration faultPointWait = Duration.ofSeconds(90);
        Service remediation = services.remediation();
        remediation.stop();
        remediation.startWith(List.of("--alertpilot.remediation.fault-point.at=" + at,
                "--alertpilot.remediation.fault-point.action=" + FAULT_POINT_ACTION));
        return scenario("kill-in-action-window " + at, Effect.ACTION, run -> {
            // the load goes on meanwhile; a loaded machine may take a while to bring the third action to the point
            boolean reached = remediation.awaitOutput("ALERTPILOT FAULT POINT " + at + " reached",
                    faultPointWait);
            remediation.kill();
            remediation.startWith(List.of());
            return reached ? null : "the fault point " + at + " was not reached within " + faultPointWait;
        });
    }

    /**
     * The services (all three) cut off from every broker by the proxies for {@link Settings#cutOff()}, then healed:
     * ingest must answer 503 (never 2xx) while cut off, and everything acknowledged must be acted on or paged once.
     */
    public Result brokerUnreachable() throws Exception {
        return scenario("broker-unreachable", Effect.ACK, run -> {
            long cutAt = System.currentTimeMillis();
            processes.brokers().cut();
            pause(settings.cutOff());
            processes.brokers().heal();
            // a request sent just before the cut may still be acknowledged within ingest's publish timeout (5 s)
            long acked = run.acknowledgedBetween(cutAt + 6_000, System.currentTimeMillis());
            return acked == 0 ? null : acked + " alerts acknowledged (2xx) while the brokers were unreachable";
        });
    }

    /**
     * Every alert of the load asks to restart the one Deployment {@code d-race} (a fingerprint each; cooldown 10 m),
     * with two remediation replicas in the group from the start, so the two decide alerts for one target from the
     * first one on; half way the second replica is killed with SIGKILL and started again (a rebalance under load,
     * its partitions moving to the first and back): exactly one restart, every alert decided, the ledger entry exact.
     */
    public Result twoReplicasRace() throws Exception {
        kubernetes.deployment(ScenarioRun.RACE_TARGET);
        List<String> args = new ArrayList<>(services.remediationArgs());
        args.replaceAll(a -> a.endsWith("=remediation-1") ? a.replace("remediation-1", "remediation-2") : a);
        Service second = processes.start("remediation-service", "remediation-service-2", args);
        return new ScenarioRun(this, "two-replicas-race", null, true).run(run -> {
            second.killAndRestart();
            return null;
        }, results);
    }

    /**
     * On three brokers: the node leading most partitions of the alert and ledger topics killed with SIGKILL and
     * started again 5 s later; nothing acknowledged may be missing from Kafka (acks=all, min.insync.replicas=2).
     */
    public Result leaderLoss3Brokers() throws Exception {
        return scenario("leader-loss-3-brokers", Effect.ACK, run -> {
            Map<Integer, Integer> led = new HashMap<>();
            admin.describeTopics(List.of(Topics.ALERTS, Topics.REMEDIATION_LEDGER)).allTopicNames()
                    .get(10, TimeUnit.SECONDS).values().stream().flatMap(t -> t.partitions().stream())
                    .map(TopicPartitionInfo::leader).filter(l -> l != null)
                    .forEach(leader -> led.merge(leader.id(), 1, Integer::sum));
            int leader = led.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            System.out.println("[fault suite] killing broker " + leader + ", leader of " + led.get(leader)
                    + " alert and ledger partitions");
            processes.brokers().restart(leader, Duration.ofSeconds(5), true);
            return null;
        });
    }

    /**
     * The storm ({@link StormRun}) with {@code perTarget} alerts for each of its 100 Deployments: remediation restarted
     * (cleanly) with the storm's rate limit ({@link StormRun#SETTINGS}) for it, then with the set-up's settings again.
     * First on a set-up: the limit counts the actions of its whole period, earlier scenarios' too.
     */
    public StormResult storm(int perTarget) throws Exception {
        Service remediation = services.remediation();
        remediation.stop();
        remediation.startWith(StormRun.SETTINGS);
        try {
            StormResult result = new StormRun(this, perTarget).run();
            storms.add(result);
            return result;
        } finally {
            remediation.stop();
            remediation.startWith(List.of());
        }
    }

    private Result scenario(String name, Effect effect, Fault fault) throws Exception {
        return new ScenarioRun(this, name, effect, false).run(fault, results);
    }

    private static String restarted(Service service) throws Exception {
        service.killAndRestart();
        return null;
    }

    Settings settings() {
        return settings;
    }

    Processes processes() {
        return processes;
    }

    KubernetesFake kubernetes() {
        return kubernetes;
    }

    PagerDutyFake pagerDuty() {
        return pagerDuty;
    }

    Admin admin() {
        return admin;
    }

    /** The scenarios run on this set-up so far. */
    public List<Result> results() {
        return List.copyOf(results);
    }

    private void start() throws Exception {
        processes.brokers().start();
        admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, processes.bootstrap()));
        services = SetUp.start(processes, kubernetes, pagerDuty);
    }

    /** The address of {@code path} on ingest. */
    String ingestUrl(String path) {
        return services.ingest().url(path);
    }

    /** Posts {@code body} to ingest's generic webhook; null when no answer came (refused, reset, timed out). */
    HttpResponse<String> post(String body) throws InterruptedException {
        return services.post(body);
    }

    /** Stops every process and fake and prints the table of this set-up's scenarios. */
    @Override
    public void close() throws Exception {
        try {
            if (admin != null) {
                admin.close();
            }
            processes.close();
        } finally {
            kubernetes.close();
            pagerDuty.close();
            if (!results.isEmpty()) {
                print("logs: " + processes.work(), results, settings);
            }
            storms.forEach(storm -> System.out.println(storm.figures()));
        }
    }

    static void print(String footer, List<Result> results, Settings settings) {
        System.out.println();
        System.out.printf("fault suite: %d s of load per scenario at %d alerts/s (half restart, half page)%n",
                settings.seconds(), settings.rate());
        System.out.printf("%-34s %5s %5s %7s %4s | %7s %4s %3s | %8s %4s %4s %3s %5s %6s | %s%n", "scenario", "sent",
                "acked", "onKafka", "lost", "act.exp", "done", "dup", "page.exp", "sent", "miss", "dup", "extra",
                "resent", "recovery");
        for (Result r : results) {
            System.out.printf("%-34s %5d %5d %7d %4d | %7d %4d %3d | %8d %4d %4d %3d %5d %6d | %s%s%n", r.name(),
                    r.sent(), r.acked(), r.onKafka(), r.lost(), r.actionsExpected(), r.actionsDone(),
                    r.actionsDuplicated(), r.pagesExpected(), r.pagesSent(), r.pagesMissing(), r.pagesDuplicated(),
                    r.pagesExtra(), r.pagesResent(), r.recovery(), r.passed() ? "" : "   FAILED " + r.problems());
        }
        System.out.println(footer);
    }
}
