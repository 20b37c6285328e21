package io.alertpilot.reliability.faults;

import static io.alertpilot.reliability.faults.Processes.pause;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.testing.KafkaReadBack;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntPredicate;
import tools.jackson.databind.JsonNode;

/**
 * The storm of the {@link FaultSuite}: the alerts of {@link StormGroups} sent at once through ingest's Alertmanager
 * webhook, one request per group from several senders, two groups sent twice (the same fingerprints firing again, as
 * Alertmanager re-sends a group); once every occurrence is decided and paged, two groups again with some alerts
 * resolved (one wholly, one half) and the rest firing again. Remediation runs with a global rate limit of
 * {@value #RATE_LIMIT} actions per {@link #RATE_PERIOD} (the storm exceeds it: 100 Deployments) and the playbook's
 * cooldown of 10 minutes per Deployment.
 *
 * <p>Counted from the topics and the fakes, never from an order: every firing occurrence decided exactly once (one
 * terminal remediation event), no resolved occurrence acting; every Deployment restarted at most once, actions
 * started since the limit was set within it; every alert whose decision needs a human (cooldown, rate limit, ...)
 * paged exactly once, re-sent alerts included (one incident per fingerprint); every acknowledged alert on Kafka.
 */
final class StormRun {

    static final int RATE_LIMIT = 20;
    static final Duration RATE_PERIOD = Duration.ofMinutes(10);
    /** The remediation settings of the storm, on top of the set-up's. */
    static final List<String> SETTINGS = List.of("--alertpilot.remediation.guard.rate-limit=" + RATE_LIMIT,
            "--alertpilot.remediation.guard.rate-period=" + RATE_PERIOD.toMinutes() + "m");
    private static final String WEBHOOK = "/api/v1/webhooks/alertmanager";
    private static final int SENDERS = 6;
    /** Groups sent twice during the storm, and the groups of the resolving round (half, then all resolved). */
    private static final int[] SENT_TWICE = {4, 9};
    private static final int HALF_RESOLVED = 5;
    private static final int ALL_RESOLVED = 10;
    private static final Duration SETTLE = Duration.ofMinutes(3);

    private final FaultSuite suite;
    private final String run = UUID.randomUUID().toString().substring(0, 6);
    private final StormGroups groups;
    private final LoadClient client = new LoadClient(SetUp.TOKEN);
    /** Acknowledged occurrences: eventId to fingerprint. */
    private final Map<String, String> firing = new ConcurrentHashMap<>();
    private final Map<String, String> resolved = new ConcurrentHashMap<>();
    /** Every remediation event on the topic, by the alert occurrence it is of. */
    private final Map<String, List<RemediationEvent>> events = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final AtomicInteger refused = new AtomicInteger();
    private final List<String> problems = new CopyOnWriteArrayList<>();

    /** A storm of {@code perTarget} alerts for each of {@value StormGroups#TARGETS} Deployments. */
    StormRun(FaultSuite suite, int perTarget) {
        this.suite = suite;
        this.groups = new StormGroups(run, perTarget);
    }

    StormResult run() throws Exception {
        groups.deployments().forEach(suite.kubernetes()::deployment);
        try (TopicReader reader = new TopicReader(suite.processes().bootstrap(), Topics.REMEDIATIONS, json -> {
            RemediationEvent event = Json.mapper().readValue(json, RemediationEvent.class);
            events.computeIfAbsent(event.alertEventId(), id -> new CopyOnWriteArrayList<>()).add(event);
        })) {
            List<String> storm = new ArrayList<>();
            for (int group = 0; group < groups.groups(); group++) {
                storm.add(groups.body(group, i -> false));
            }
            for (int group : SENT_TWICE) {
                storm.add(groups.body(group, i -> false));
            }
            long start = System.currentTimeMillis();
            send(storm);
            long answered = System.currentTimeMillis();
            settle();
            Map<String, PagerDutyFake.Pages> stormPages = suite.pagerDuty().pages();
            double decideSeconds = (lastDecision() - start) / 1000.0;
            double pageSeconds = (lastPage(stormPages) - answered) / 1000.0;

            IntPredicate half = i -> i % 2 == 0;
            send(List.of(groups.body(HALF_RESOLVED, half), groups.body(ALL_RESOLVED, i -> true)));
            settle();
            pause(Duration.ofSeconds(3)); // room for a late second decision or page to show
            StormResult result = count((answered - start) / 1000.0, decideSeconds, pageSeconds);
            System.out.println("[fault suite] " + result.figures());
            return result;
        }
    }

    /** Posts every body at once from {@value #SENDERS} senders; an answer's occurrences are acknowledged. */
    private void send(List<String> bodies) throws Exception {
        try (ExecutorService senders = Executors.newFixedThreadPool(SENDERS)) {
            List<Future<?>> sent = new ArrayList<>();
            for (String body : bodies) {
                sent.add(senders.submit(() -> acknowledge(client.post(suite.ingestUrl(WEBHOOK), body))));
            }
            for (Future<?> future : sent) {
                future.get();
            }
        }
    }

    private void acknowledge(String answer) {
        requests.incrementAndGet();
        if (answer == null) {
            refused.incrementAndGet();
            return;
        }
        for (JsonNode alert : Json.mapper().readTree(answer).path("alerts")) {
            String eventId = alert.path("eventId").asString();
            String fingerprint = alert.path("fingerprint").asString();
            (alert.path("status").asString().equals("FIRING") ? firing : resolved).put(eventId, fingerprint);
        }
    }

    /**
     * Waits (at most {@link #SETTLE}) until remediation and notifier read every record, every firing occurrence was
     * decided and every alert whose decision needs a human was paged.
     */
    private void settle() throws Exception {
        ConsumerLag remediationLag = new ConsumerLag(suite.admin(), "alertpilot-remediation", Topics.ALERTS);
        ConsumerLag notifierLag = new ConsumerLag(suite.admin(), "alertpilot-notifier", Topics.ALERTS,
                Topics.REMEDIATIONS);
        long deadline = System.nanoTime() + SETTLE.toNanos();
        while (System.nanoTime() < deadline) {
            if (remediationLag.read() == 0 && notifierLag.read() == 0
                    && firing.keySet().stream().allMatch(id -> !decisions(id).isEmpty())
                    && suite.pagerDuty().pages().keySet().containsAll(mustPage())) {
                return;
            }
            pause(Duration.ofMillis(500));
        }
    }

    private List<RemediationEvent> decisions(String eventId) {
        return events.getOrDefault(eventId, List.of()).stream().filter(e -> e.phase().terminal()).toList();
    }

    /** The fingerprints with a firing occurrence decided with a phase that needs a human. */
    private Set<String> mustPage() {
        Set<String> mustPage = new HashSet<>();
        firing.forEach((id, fingerprint) -> {
            if (decisions(id).stream().anyMatch(e -> e.phase().needsHuman())) {
                mustPage.add(fingerprint);
            }
        });
        return mustPage;
    }

    private long lastDecision() {
        return firing.keySet().stream().flatMap(id -> decisions(id).stream())
                .mapToLong(e -> e.occurredAt().toEpochMilli()).max().orElse(-1);
    }

    private long lastPage(Map<String, PagerDutyFake.Pages> pages) {
        return mustPage().stream().filter(pages::containsKey).mapToLong(f -> pages.get(f).first()).max().orElse(-1);
    }

    private StormResult count(double sendSeconds, double decideSeconds, double pageSeconds) {
        Set<String> onKafka = new HashSet<>(KafkaReadBack.readAllValues(suite.processes().bootstrap(), Topics.ALERTS,
                AlertEvent.class).stream().map(AlertEvent::eventId).toList());
        long acked = firing.size() + resolved.size();
        long lost = firing.keySet().stream().filter(id -> !onKafka.contains(id)).count()
                + resolved.keySet().stream().filter(id -> !onKafka.contains(id)).count();

        int decided = 0;
        int undecided = 0;
        int twice = 0;
        Map<String, Integer> byOutcome = new TreeMap<>();
        Set<String> rateLimited = new HashSet<>();
        for (Map.Entry<String, String> occurrence : firing.entrySet()) {
            List<RemediationEvent> decisions = decisions(occurrence.getKey());
            if (decisions.isEmpty()) {
                undecided++;
            } else if (decisions.size() > 1) {
                twice++;
            } else {
                decided++;
            }
            for (RemediationEvent decision : decisions) {
                byOutcome.merge(decision.phase() + (decision.reason() == null ? "" : " " + decision.reason()), 1,
                        Integer::sum);
                if ("rate-limit".equals(decision.reason())) {
                    rateLimited.add(occurrence.getValue());
                }
            }
        }
        int resolvedActed = (int) resolved.keySet().stream().filter(id -> started(events.get(id)) > 0).count();
        int actionsStarted = firing.keySet().stream().mapToInt(id -> started(events.get(id))).sum();
        int startsInPeriod = startsInPeriod();

        KubernetesFake.Restarts restarts = suite.kubernetes().restarts();
        List<String> deployments = groups.deployments();
        int restarted = (int) deployments.stream().filter(d -> restarts.of(d) > 0).count();
        int restartedTwice = (int) deployments.stream().filter(d -> restarts.of(d) > 1).count();
        if (restarted != actionsStarted) {
            problems.add(actionsStarted + " actions started but " + restarted + " Deployments restarted");
        }
        if (actionsStarted == 0) {
            problems.add("no action started: the storm's rate limit had no permit left");
        }
        if (rateLimited.isEmpty()) {
            problems.add("no alert refused by the rate limit: the storm did not exceed it");
        }

        Map<String, PagerDutyFake.Pages> pages = suite.pagerDuty().pages();
        Set<String> mustPage = mustPage();
        Set<String> fingerprints = new HashSet<>(firing.values());
        fingerprints.addAll(resolved.values());
        int sent = (int) mustPage.stream().filter(pages::containsKey).count();
        int duplicated = (int) fingerprints.stream().map(pages::get)
                .filter(p -> p != null && (p.accepted() > 1 || p.resent() > 0)).count();
        int extra = (int) fingerprints.stream().filter(f -> pages.containsKey(f) && !mustPage.contains(f)).count();
        int rateLimitedUnpaged = (int) rateLimited.stream().filter(f -> !pages.containsKey(f)).count();
        return new StormResult(firing.size(), StormGroups.TARGETS, resolved.size(), requests.get(), refused.get(), acked,
                lost, decided, undecided, twice, resolvedActed, actionsStarted, RATE_LIMIT, startsInPeriod, restarted,
                restartedTwice, byOutcome, mustPage.size(), sent, mustPage.size() - sent, duplicated, extra,
                rateLimitedUnpaged, sendSeconds, decideSeconds, pageSeconds, List.copyOf(problems));
    }

    /**
     * The most actions started (every alert's, not only the storm's) within one rate-limit period ending at an action
     * the storm started: the limit bounds each of them.
     */
    private int startsInPeriod() {
        List<Instant> all = events.values().stream().flatMap(List::stream)
                .filter(e -> e.phase() == RemediationPhase.STARTED && !e.dryRun()).map(RemediationEvent::occurredAt)
                .toList();
        return firing.keySet().stream().flatMap(id -> events.getOrDefault(id, List.of()).stream())
                .filter(e -> e.phase() == RemediationPhase.STARTED && !e.dryRun()).map(RemediationEvent::occurredAt)
                .mapToInt(at -> (int) all.stream().filter(t -> !t.isAfter(at) && t.isAfter(at.minus(RATE_PERIOD)))
                        .count())
                .max().orElse(0);
    }

    private static int started(List<RemediationEvent> events) {
        return events == null ? 0 : (int) events.stream()
                .filter(e -> e.phase() == RemediationPhase.STARTED && !e.dryRun()).count();
    }
}
