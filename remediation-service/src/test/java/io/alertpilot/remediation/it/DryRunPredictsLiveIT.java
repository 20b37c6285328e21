package io.alertpilot.remediation.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alertpilot.formats.AlertFormats;
import io.alertpilot.formats.FormatSettings;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.SeverityMapping;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.action.ActionPlanner;
import io.alertpilot.remediation.action.NamespacePolicy;
import io.alertpilot.remediation.decide.Decider;
import io.alertpilot.remediation.decide.KnownClusters;
import io.alertpilot.remediation.guard.ActionRateLimiter;
import io.alertpilot.remediation.guard.GuardDefaults;
import io.alertpilot.remediation.guard.Guards;
import io.alertpilot.remediation.guard.InMemoryLedger;
import io.alertpilot.remediation.guard.LocalTargetLocks;
import io.alertpilot.remediation.it.GuardSequence.AlertStep;
import io.alertpilot.remediation.it.GuardSequence.ApprovalStep;
import io.alertpilot.remediation.it.GuardSequence.Decided;
import io.alertpilot.remediation.k8s.KubernetesActionExecutor;
import io.alertpilot.remediation.k8s.KubernetesClusters;
import io.alertpilot.remediation.k8s.KubernetesInspector;
import io.alertpilot.remediation.k8s.KubernetesResilience;
import io.alertpilot.remediation.k8s.ResilienceSettings;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import io.alertpilot.remediation.run.RemediationMetrics;
import io.alertpilot.remediation.run.RemediationReporter;
import io.alertpilot.remediation.run.RemediationRun;
import io.alertpilot.remediation.run.RemediationSettings;
import io.alertpilot.remediation.run.WebhookExecutor;
import io.alertpilot.testing.TestClock;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * A dry run predicts the live run (issue 12, Done when 3): the alert sequence of {@link GuardSequence} (cooldown, max
 * attempts, the global rate limit, an approval, flapping) played through the service's own run
 * ({@link RemediationRun#of}) with fabric8's mock API server in CRUD mode as the cluster (the service's Kubernetes
 * executor and inspector, with their breakers and retries), on a test clock that the sequence's offsets move. Played
 * in dry run first (nothing changes on the cluster) and then live: the dry run's PLANNED are the live run's STARTED
 * at the same offsets, and every SKIPPED has the same reason. Each run has a ledger of its own, as a service that
 * starts in dry run or live would.
 */
class DryRunPredictsLiveIT {

    private static final Instant START = Instant.parse("2026-11-23T10:00:00Z");
    private static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    private static final KubernetesMockServer K8S = new KubernetesMockServer(new Context(), new MockWebServer(),
            new HashMap<>(), new KubernetesCrudDispatcher(), false);
    private static NamespacedKubernetesClient client;

    @BeforeAll
    static void cluster() {
        K8S.init();
        client = K8S.createClient();
    }

    @AfterAll
    static void stop() {
        client.close();
        K8S.destroy();
    }

    @Test
    void theDryRunPlansWhatTheLiveRunStartsAndSkipsForTheSameReasons() {
        GuardSequence sequence = GuardSequence.read();
        sequence.objects().forEach(DryRunPredictsLiveIT::create);

        List<Decided> dry = play(sequence, true);
        assertThat(restarted()).as("a dry run changes nothing on the cluster").isEmpty();
        List<Decided> live = play(sequence, false);

        assertThat(live).containsExactlyElementsOf(sequence.expected());
        assertThat(dry).containsExactlyElementsOf(sequence.expectedInDryRun());
        assertThat(restarted()).containsExactlyInAnyOrder("checkout", "payments", "cart", "search");
    }

    /** Plays the sequence on a run of its own and answers its decisions. */
    private static List<Decided> play(GuardSequence sequence, boolean dryRun) {
        TestClock clock = new TestClock(START);
        List<RemediationEvent> events = new CopyOnWriteArrayList<>();
        LocalTargetLocks locks = new LocalTargetLocks(clock, dryRun ? "dry-run" : "live");
        ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
        AlertFormats formats = new AlertFormats(new FormatSettings(SeverityMapping.defaults(), 100));
        try (KubernetesResilience resilience = new KubernetesResilience(new ResilienceSettings(Duration.ofSeconds(5),
                2, Duration.ofMillis(20), Duration.ofMillis(100), 50, 10, 5, Duration.ofSeconds(30)),
                new SimpleMeterRegistry())) {
            resilience.register("default");
            RemediationRun run = run(sequence, dryRun, clock, events, locks, scheduler, resilience);
            for (GuardSequence.Step step : sequence.steps()) {
                clock.set(START.plus(step.at()));
                switch (step) {
                    case AlertStep alert -> formats.read(array(alert.alert()), clock.instant())
                            .forEach(run.remediator()::handle);
                    case ApprovalStep approval -> {
                        if (!dryRun) {
                            String id = events.reversed().stream()
                                    .filter(e -> e.phase() == RemediationPhase.PENDING_APPROVAL
                                            && e.playbook().equals(approval.playbook()))
                                    .findFirst().orElseThrow().remediationId();
                            assertThat(run.approvals().approve(id, approval.by())).contains(id);
                        }
                    }
                }
                // the next alert comes after every action started so far is verified and its lock released
                await().atMost(Duration.ofSeconds(30)).until(() -> settled(events, locks));
            }
        } finally {
            scheduler.shutdownNow();
        }
        return events.stream()
                .filter(e -> e.phase() == RemediationPhase.STARTED || e.phase() == RemediationPhase.SKIPPED
                        || e.phase() == RemediationPhase.PENDING_APPROVAL
                        || e.phase() == RemediationPhase.PLANNED && e.dryRun())
                .map(e -> new Decided(Duration.between(START, e.occurredAt()), e.playbook(),
                        e.key().substring(e.key().indexOf('/') + 1), e.phase().name(), e.reason()))
                .toList();
    }

    private static RemediationRun run(GuardSequence sequence, boolean dryRun, TestClock clock,
            List<RemediationEvent> events, LocalTargetLocks locks, ScheduledExecutorService scheduler,
            KubernetesResilience resilience) {
        NamespacePolicy namespaces = new NamespacePolicy(Set.of(), Set.of("kube-system"));
        RemediationSettings settings = new RemediationSettings(dryRun, Duration.ofMinutes(15), Duration.ofMinutes(1),
                Duration.ofMillis(20), Duration.ofMinutes(30));
        Decider decider = new Decider(new ActionPlanner(namespaces, "default"),
                new Guards(namespaces, new ActionRateLimiter(sequence.rateLimit(), sequence.ratePeriod(), clock),
                        clock),
                new GuardDefaults(Duration.ofMinutes(5), 3, Duration.ofHours(1), 6, Duration.ofMinutes(30), 1),
                dryRun, settings.approvalTimeout(), clock, KnownClusters.of(Set.of("default")));
        KubernetesClusters clusters = new KubernetesClusters(Map.of("default", client), "default");
        return RemediationRun.of(new RemediationRun.Parts(
                new PlaybookLibrary(List.of(sequence.playbooks().toString()), clock), decider, new InMemoryLedger(),
                locks, new KubernetesInspector(clusters, resilience),
                new WebhookExecutor(new KubernetesActionExecutor(clusters, resilience), Duration.ofSeconds(5)),
                new RemediationReporter(events::add, event -> { },
                        new RemediationMetrics(new SimpleMeterRegistry()), clock),
                scheduler, settings, clock));
    }

    /** Every action started is verified (or failed) and no target lock is held. */
    private static boolean settled(List<RemediationEvent> events, LocalTargetLocks locks) {
        long started = events.stream().filter(e -> e.phase() == RemediationPhase.STARTED).count();
        long ended = events.stream().filter(e -> e.phase() == RemediationPhase.VERIFIED
                || e.phase() == RemediationPhase.FAILED).count();
        return started == ended && events.stream().allMatch(e -> locks.holder(e.key()).isEmpty());
    }

    private static JsonNode array(JsonNode alert) {
        return Json.mapper().createArrayNode().add(alert);
    }

    private static void create(Map<String, Object> object) {
        ClusterObjects.deployment(client, (String) object.get("namespace"), (String) object.get("name"),
                (Integer) object.get("replicas"), (Integer) object.get("readyReplicas"));
    }

    /** The names of the Deployments a rollout restart touched. */
    private static List<String> restarted() {
        return client.apps().deployments().inNamespace("rehearse").list().getItems().stream()
                .filter(d -> d.getSpec().getTemplate().getMetadata().getAnnotations() != null
                        && d.getSpec().getTemplate().getMetadata().getAnnotations().containsKey(RESTARTED_AT))
                .map(d -> d.getMetadata().getName()).toList();
    }
}
