package io.alertpilot.reliability.faults;

import static io.alertpilot.reliability.faults.Processes.pause;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.reliability.faults.FaultSuite.Effect;
import io.alertpilot.reliability.faults.FaultSuite.Fault;
import io.alertpilot.reliability.faults.FaultSuite.Result;
import io.alertpilot.testing.KafkaReadBack;
import java.net.http.HttpResponse;
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
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import tools.jackson.databind.JsonNode;

/**
 * One scenario of the {@link FaultSuite}: a steady load of alerts, the fault half way, the wait for every expected
 * action and page, and the counts. Mixed load: half of the alerts ask for a rollout restart of a Deployment of their
 * own ({@code FaultRestart}, one action expected each), half are handed to a human by their playbook
 * ({@code FaultPage}, one page expected each). One-target load ({@code race}): every alert asks to restart
 * {@value #RACE_TARGET} (a fingerprint each): one action expected in all, every other alert decided (a terminal
 * remediation event) and paged, and the target's ledger entry holding every acknowledged alert as handled and one
 * attempt.
 *
 * <p>Counted from Kafka and the fakes: alerts sent, acknowledged (2xx), on Kafka, lost (acknowledged but not on Kafka);
 * actions expected, done, duplicated (a Deployment restarted twice); pages expected (page alerts, and restart alerts
 * whose action was not done: a human must hear of them), sent, missing, duplicated (two accepted triggers for one
 * alert), extra (pages for an alert that was also fixed); the time from the end of the fault (and from its start) to
 * the first effect of the service it hit.
 */
final class ScenarioRun {

    static final String RACE_TARGET = "d-race";
    private static final Pattern EVENT_ID = Pattern.compile("\"eventId\"\\s*:\\s*\"([^\"]+)\"");

    private final FaultSuite suite;
    private final String name;
    private final Effect effect;
    private final boolean race;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    /** Acknowledged alerts: fingerprint to eventId. */
    private final Map<String, String> acked = new ConcurrentHashMap<>();
    private final Set<String> restartAlerts = ConcurrentHashMap.newKeySet();
    private final Set<String> pageAlerts = ConcurrentHashMap.newKeySet();
    private final List<Long> acks = new CopyOnWriteArrayList<>();
    private final AtomicLong sent = new AtomicLong();
    private final List<String> problems = new ArrayList<>();

    ScenarioRun(FaultSuite suite, String name, Effect effect, boolean race) {
        this.suite = suite;
        this.name = name;
        this.effect = effect;
        this.race = race;
    }

    /** How many alerts were acknowledged (2xx) from {@code fromMillis} until before {@code toMillis}. */
    long acknowledgedBetween(long fromMillis, long toMillis) {
        return acks.stream().filter(t -> t >= fromMillis && t < toMillis).count();
    }

    /** Runs the load with {@code fault} half way, adds the counts to {@code results} and returns them. */
    Result run(Fault fault, List<Result> results) throws Exception {
        FaultSuite.Settings settings = suite.settings();
        AtomicBoolean running = new AtomicBoolean(true);
        Thread load = Thread.ofPlatform().name("load").start(() -> load(running));
        pause(Duration.ofSeconds(settings.seconds() / 2));
        long faultStartMillis = System.currentTimeMillis();
        String faultProblem = fault.inject(this);
        if (faultProblem != null) {
            problems.add(faultProblem);
        }
        long faultEndMillis = System.currentTimeMillis();
        pause(Duration.ofSeconds(settings.seconds() - settings.seconds() / 2));
        running.set(false);
        load.join();

        long deadline = System.nanoTime() + settings.settle().toNanos();
        while (System.nanoTime() < deadline && !settled()) {
            pause(Duration.ofMillis(500));
        }
        pause(Duration.ofSeconds(3)); // room for a late second action or page to show
        Result result = count(faultStartMillis, faultEndMillis);
        System.out.println("[fault suite] " + result);
        results.add(result);
        return result;
    }

    private void load(AtomicBoolean running) {
        long interval = TimeUnit.SECONDS.toNanos(1) / suite.settings().rate();
        long next = System.nanoTime();
        while (running.get()) {
            long n = sent.incrementAndGet();
            String fingerprint = run + "-" + n;
            boolean restart = race || n % 2 == 1;
            String deployment = race ? RACE_TARGET : "d-" + fingerprint;
            if (restart && !race) {
                suite.kubernetes().deployment(deployment);
            }
            String body = restart
                    ? "[{\"name\":\"FaultRestart\",\"status\":\"firing\",\"severity\":\"warning\",\"fingerprint\":\""
                            + fingerprint + "\",\"labels\":{\"namespace\":\"" + KubernetesFake.NAMESPACE
                            + "\",\"deployment\":\"" + deployment + "\"}}]"
                    : "[{\"name\":\"FaultPage\",\"status\":\"firing\",\"severity\":\"critical\",\"fingerprint\":\""
                            + fingerprint + "\",\"labels\":{\"namespace\":\"" + KubernetesFake.NAMESPACE + "\"}}]";
            HttpResponse<String> response;
            try {
                response = suite.post(body);
            } catch (InterruptedException e) {
                return;
            }
            // not acknowledged: the sender keeps it (counted as sent - acked)
            if (SetUp.Services.accepted(response)) {
                Matcher matcher = EVENT_ID.matcher(response.body());
                if (matcher.find()) {
                    acked.put(fingerprint, matcher.group(1));
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
    }

    /**
     * Remediation and notifier have read every record, every acknowledged restart alert was restarted or paged (in a
     * race: decided, and paged unless it was the one acted on), and every page alert paged.
     */
    private boolean settled() throws Exception {
        if (lag("alertpilot-remediation", Topics.ALERTS) > 0
                || lag("alertpilot-notifier", Topics.ALERTS, Topics.REMEDIATIONS) > 0) {
            return false;
        }
        Map<String, PagerDutyFake.Pages> pages = suite.pagerDuty().pages();
        if (race) {
            return pages.keySet().containsAll(mustPage(decisions(), null));
        }
        KubernetesFake.Restarts restarts = suite.kubernetes().restarts();
        // the kill in an action's window must end with every action done (the resume carries the parked one out),
        // not only paged: its alert may be paged by the decision window before the dead replica's Lease expires
        boolean everyActionDone = everyActionMustBeDone();
        return pages.keySet().containsAll(pageAlerts) && restartAlerts.stream()
                .allMatch(f -> restarts.of("d-" + f) > 0 || !everyActionDone && pages.containsKey(f));
    }

    private boolean everyActionMustBeDone() {
        return name.startsWith("kill-in-action-window");
    }

    private Result count(long faultStartMillis, long faultEndMillis) throws Exception {
        Set<String> onKafka = new HashSet<>(KafkaReadBack.readAllValues(suite.processes().bootstrap(), Topics.ALERTS,
                AlertEvent.class).stream().map(AlertEvent::eventId).toList());
        long onKafkaOfRun = acked.values().stream().filter(onKafka::contains).count();
        Map<String, PagerDutyFake.Pages> pages = suite.pagerDuty().pages();
        KubernetesFake.Restarts restarts = suite.kubernetes().restarts();
        int actionsExpected;
        int actionsDone = 0;
        int actionsDuplicated = 0;
        Set<String> mustPage;
        if (race) {
            int restarted = restarts.of(RACE_TARGET);
            actionsExpected = 1;
            actionsDone = Math.min(restarted, 1);
            actionsDuplicated = restarted > 1 ? 1 : 0;
            Map<String, RemediationPhase> decisions = decisions();
            mustPage = mustPage(decisions, problems);
            checkLedger();
        } else {
            actionsExpected = restartAlerts.size();
            mustPage = new HashSet<>(pageAlerts);
            for (String fingerprint : restartAlerts) {
                int restarted = restarts.of("d-" + fingerprint);
                actionsDone += restarted > 0 ? 1 : 0;
                actionsDuplicated += restarted > 1 ? 1 : 0;
                if (restarted == 0) {
                    mustPage.add(fingerprint);
                }
            }
        }
        int pagesSent = (int) mustPage.stream().filter(pages::containsKey).count();
        int duplicated = (int) pages.entrySet().stream()
                .filter(e -> e.getKey().startsWith(run + "-") && e.getValue().accepted() > 1).count();
        int extra = (int) pages.keySet().stream()
                .filter(f -> f.startsWith(run + "-") && !mustPage.contains(f)).count();
        int resent = pages.entrySet().stream().filter(e -> e.getKey().startsWith(run + "-"))
                .mapToInt(e -> e.getValue().resent()).sum();
        if (resent > 0 && !name.equals("notifier kill -9")) {
            problems.add(resent + " pages sent again (re-sent triggers) without a notifier kill");
        }
        if (everyActionMustBeDone() && actionsDone != actionsExpected) {
            problems.add((actionsExpected - actionsDone) + " actions not done: every interrupted action must be "
                    + "carried out once");
        }
        long firstEffect = firstEffect(restarts, pages, faultEndMillis);
        long firstEffectOfFault = firstEffect(restarts, pages, faultStartMillis);
        String recovery = effect == null ? "-" : firstEffect < 0 ? "no effect after the fault"
                : (firstEffect - faultEndMillis) + " ms to first " + effect.name().toLowerCase() + " ("
                        + (firstEffectOfFault - faultStartMillis) + " ms from the fault's start)";
        return new Result(name, sent.get(), acked.size(), onKafkaOfRun, acked.size() - onKafkaOfRun,
                actionsExpected, actionsDone, actionsDuplicated, mustPage.size(), pagesSent,
                mustPage.size() - pagesSent, duplicated, extra, resent, recovery, List.copyOf(problems));
    }

    /** The first acknowledgement, restart or page (after {@link #effect}) at or after {@code fromMillis}, or -1. */
    private long firstEffect(KubernetesFake.Restarts restarts, Map<String, PagerDutyFake.Pages> pages,
            long fromMillis) {
        if (effect == null) {
            return -1;
        }
        return switch (effect) {
            case ACK -> acks.stream().filter(t -> t >= fromMillis).min(Long::compare).orElse(-1L);
            case ACTION -> restarts.firstAtOrAfter(fromMillis);
            case PAGE -> pages.entrySet().stream().filter(e -> e.getKey().startsWith(run + "-"))
                    .mapToLong(e -> e.getValue().first()).filter(t -> t >= fromMillis).min().orElse(-1L);
        };
    }

    /** The last remediation phase of each acknowledged alert of this run (by fingerprint); absent: none yet. */
    private Map<String, RemediationPhase> decisions() {
        Map<String, String> fingerprintOf = new HashMap<>();
        acked.forEach((fingerprint, eventId) -> fingerprintOf.put(eventId, fingerprint));
        Map<String, RemediationPhase> decisions = new HashMap<>();
        for (RemediationEvent event : KafkaReadBack.readAllValues(suite.processes().bootstrap(), Topics.REMEDIATIONS,
                RemediationEvent.class)) {
            String fingerprint = fingerprintOf.get(event.alertEventId());
            if (fingerprint != null && event.phase().terminal()) {
                decisions.put(fingerprint, event.phase());
            }
        }
        return decisions;
    }

    /**
     * In a race, the alerts a human must hear of: each one decided with a phase that needs a human, and each one not
     * decided at all (also named in {@code problems} when given).
     */
    private Set<String> mustPage(Map<String, RemediationPhase> decisions, List<String> problems) {
        Set<String> mustPage = new HashSet<>();
        for (String fingerprint : acked.keySet()) {
            RemediationPhase phase = decisions.get(fingerprint);
            if (phase == null || phase.needsHuman()) {
                mustPage.add(fingerprint);
            }
        }
        long undecided = acked.keySet().stream().filter(f -> !decisions.containsKey(f)).count();
        if (problems != null && undecided > 0) {
            problems.add(undecided + " alerts without a remediation decision");
        }
        return mustPage;
    }

    /** The race target's last ledger entry: every acknowledged alert handled, one attempt. */
    private void checkLedger() {
        JsonNode entry = null;
        for (ConsumerRecord<String, String> record : KafkaReadBack.readAll(suite.processes().bootstrap(),
                Topics.REMEDIATION_LEDGER, String.class)) {
            if (record.key() != null && record.key().endsWith("/" + RACE_TARGET) && record.value() != null) {
                entry = Json.mapper().readTree(record.value());
            }
        }
        if (entry == null) {
            problems.add("no ledger entry for " + RACE_TARGET);
            return;
        }
        Set<String> handled = new HashSet<>();
        entry.path("handled").forEach(id -> handled.add(id.asString()));
        long unhandled = acked.values().stream().filter(id -> !handled.contains(id)).count();
        if (unhandled > 0) {
            problems.add(unhandled + " acknowledged alerts not in the ledger's handled list of " + RACE_TARGET);
        }
        int attempts = entry.path("attempts").size();
        if (attempts != 1) {
            problems.add("the ledger of " + RACE_TARGET + " counts " + attempts + " attempts, not 1");
        }
    }

    /** Records of {@code topics} that {@code group} has not committed yet. */
    private long lag(String group, String... topics) throws Exception {
        var admin = suite.admin();
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
}
