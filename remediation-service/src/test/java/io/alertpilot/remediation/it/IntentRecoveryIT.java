package io.alertpilot.remediation.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionExecutor.ExecutionContext;
import io.alertpilot.remediation.action.ActionPlanner;
import io.alertpilot.remediation.action.NamespacePolicy;
import io.alertpilot.remediation.decide.Decider;
import io.alertpilot.remediation.decide.KnownClusters;
import io.alertpilot.remediation.guard.ActionRateLimiter;
import io.alertpilot.remediation.guard.GuardDefaults;
import io.alertpilot.remediation.guard.Guards;
import io.alertpilot.remediation.guard.ForwardingLedger;
import io.alertpilot.remediation.guard.GuardCheckUnavailableException;
import io.alertpilot.remediation.guard.InMemoryLedger;
import io.alertpilot.remediation.guard.Ledger;
import io.alertpilot.remediation.guard.LedgerEntry;
import io.alertpilot.remediation.guard.LedgerEntry.ActionIntent;
import io.alertpilot.remediation.guard.LocalTargetLocks;
import io.alertpilot.remediation.k8s.KubernetesActionExecutor;
import io.alertpilot.remediation.k8s.KubernetesClusters;
import io.alertpilot.remediation.k8s.KubernetesInspector;
import io.alertpilot.remediation.k8s.KubernetesResilience;
import io.alertpilot.remediation.k8s.ResilienceSettings;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import io.alertpilot.remediation.run.IntentRecovery;
import io.alertpilot.remediation.run.RemediationMetrics;
import io.alertpilot.remediation.run.RemediationReporter;
import io.alertpilot.remediation.run.RemediationRun;
import io.alertpilot.remediation.run.RemediationSettings;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.dsl.base.PatchContext;
import io.fabric8.kubernetes.client.dsl.base.PatchType;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Effectively-once actions through the service's own run ({@link RemediationRun#of}) with its Kubernetes executor
 * against fabric8's mock API server in CRUD mode: a normal run leaves its intent done; an intent found without its
 * done (a crash, simulated by writing the ledger entry the dead replica left) is resumed: recorded done when the
 * action id is on the target, carried out once with the intent's time when it is not, FAILED
 * {@code intent-unconfirmed} when the action cannot tell. Each test has its own namespace.
 */
class IntentRecoveryIT {

    private static final KubernetesMockServer K8S = new KubernetesMockServer(new Context(), new MockWebServer(),
            new HashMap<>(), new KubernetesCrudDispatcher(), false);
    private static final String RESTARTED_AT = "kubectl.kubernetes.io/restartedAt";
    private static NamespacedKubernetesClient client;
    private static KubernetesResilience resilience;

    private final List<RemediationEvent> events = new CopyOnWriteArrayList<>();
    private final InMemoryLedger ledger = new InMemoryLedger();
    /** While set, the run's ledger refuses every write (the store unavailable). */
    private final AtomicBoolean unavailable = new AtomicBoolean();
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    private final RemediationRun run = run();

    @BeforeAll
    static void cluster() {
        K8S.init();
        client = K8S.createClient();
        resilience = new KubernetesResilience(new ResilienceSettings(Duration.ofSeconds(5), 2, Duration.ofMillis(20),
                Duration.ofMillis(100), 50, 10, 5, Duration.ofSeconds(30)), new SimpleMeterRegistry());
        resilience.register("default");
    }

    @AfterAll
    static void stop() {
        resilience.close();
        client.close();
        K8S.destroy();
    }

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Test
    void aNormalRunLeavesItsIntentDoneAndItsIdOnTheTarget() {
        ClusterObjects.deployment(client, "normal", "web", 2, 2);

        run.remediator().handle(alert("IntentRestart", "normal"));

        await().atMost(Duration.ofSeconds(30)).until(() -> phases("normal").contains(RemediationPhase.SUCCEEDED));
        String id = event("normal", RemediationPhase.SUCCEEDED).remediationId();
        LedgerEntry entry = ledger.get(key("normal"));
        assertThat(entry.pendingIntents()).isEmpty();
        ActionIntent intent = entry.intent(id);
        assertThat(intent).isNotNull();
        assertThat(intent.action()).isEqualTo("restart");
        assertThat(intent.doneAt()).isNotNull();
        assertThat(templateAnnotations("normal")).containsEntry(ExecutionContext.ACTION_ID, id)
                .containsEntry(RESTARTED_AT, intent.at().toString());
    }

    @Test
    void anIntentWhoseRestartWasAppliedIsRecordedDoneWithoutRestartingAgain() {
        ClusterObjects.deployment(client, "applied", "web", 2, 2);
        ActionIntent intent = crashedIntent("IntentRestart", "applied", "intent-restart", "restart");
        // what the dead replica's call did before it could write the done
        client.apps().deployments().inNamespace("applied").withName("web").patch(PatchContext.of(PatchType.JSON_MERGE),
                Json.writeString(Map.of("spec", Map.of("template", Map.of("metadata", Map.of("annotations",
                        Map.of(RESTARTED_AT, intent.at().toString(), ExecutionContext.ACTION_ID,
                                intent.actionId())))))));

        run.intents().resume();

        assertThat(phases("applied")).containsExactly(RemediationPhase.SUCCEEDED);
        RemediationEvent succeeded = event("applied", RemediationPhase.SUCCEEDED);
        assertThat(succeeded.remediationId()).isEqualTo(intent.actionId());
        assertThat(succeeded.message()).isEqualTo(IntentRecovery.FOUND_DONE);
        assertThat(succeeded.fingerprint()).isEqualTo(intent.alert().fingerprint());
        assertThat(ledger.get(key("applied")).pendingIntents()).isEmpty();
        assertThat(templateAnnotations("applied")).as("restarted once, by the dead replica")
                .containsEntry(RESTARTED_AT, intent.at().toString());
        await().atMost(Duration.ofSeconds(30)).until(() -> phases("applied").contains(RemediationPhase.VERIFIED));
    }

    @Test
    void anIntentWithoutItsCallIsCarriedOutOnceWithTheIntentsTime() {
        ClusterObjects.deployment(client, "not-called", "web", 2, 2);
        ActionIntent intent = crashedIntent("IntentRestart", "not-called", "intent-restart", "restart");
        assertThat(templateAnnotations("not-called")).doesNotContainKey(RESTARTED_AT);

        run.intents().resume();

        assertThat(phases("not-called")).containsExactly(RemediationPhase.STARTED, RemediationPhase.SUCCEEDED);
        assertThat(events("not-called")).allSatisfy(e -> assertThat(e.remediationId()).isEqualTo(intent.actionId()));
        assertThat(templateAnnotations("not-called")).containsEntry(RESTARTED_AT, intent.at().toString())
                .containsEntry(ExecutionContext.ACTION_ID, intent.actionId());
        assertThat(ledger.get(key("not-called")).intent(intent.actionId()).doneAt()).isNotNull();

        await().atMost(Duration.ofSeconds(30)).until(() -> phases("not-called").contains(RemediationPhase.VERIFIED));
        run.intents().resume();
        assertThat(phases("not-called")).as("done: never carried out again")
                .containsExactly(RemediationPhase.STARTED, RemediationPhase.SUCCEEDED, RemediationPhase.VERIFIED);
    }

    @Test
    void anIntentOfAnActionThatCannotTellIsFailedIntentUnconfirmedAndNotCarriedOut() {
        Deployment before = ClusterObjects.deployment(client, "unknown", "web", 2, 2);
        ActionIntent intent = crashedIntent("IntentRollback", "unknown", "intent-rollback", "rollback");

        run.intents().resume();

        assertThat(phases("unknown")).containsExactly(RemediationPhase.FAILED);
        RemediationEvent failed = event("unknown", RemediationPhase.FAILED);
        assertThat(failed.reason()).isEqualTo(IntentRecovery.INTENT_UNCONFIRMED);
        assertThat(failed.remediationId()).isEqualTo(intent.actionId());
        assertThat(ledger.get(key("unknown")).pendingIntents()).as("recorded done: never retried").isEmpty();
        assertThat(client.apps().deployments().inNamespace("unknown").withName("web").get().getSpec())
                .as("nothing was called").isEqualTo(before.getSpec());
        run.intents().resume();
        assertThat(phases("unknown")).containsExactly(RemediationPhase.FAILED);
    }

    @Test
    void anIntentWithoutItsCallWhoseAlertResolvedMeanwhileIsNotCarriedOut() {
        ClusterObjects.deployment(client, "resolved", "web", 2, 2);
        ActionIntent intent = crashedIntent("IntentRestart", "resolved", "intent-restart", "restart");
        Instant resolvedAt = intent.at().plusSeconds(30);
        ledger.put(ledger.get(key("resolved")).withStatus("FIRING", intent.at()).withStatus("RESOLVED", resolvedAt));

        run.intents().resume();

        assertThat(phases("resolved")).containsExactly(RemediationPhase.SKIPPED);
        RemediationEvent skipped = event("resolved", RemediationPhase.SKIPPED);
        assertThat(skipped.reason()).isEqualTo(IntentRecovery.INTERRUPTED);
        assertThat(skipped.message()).contains("resolved meanwhile").contains("nothing was done");
        assertThat(templateAnnotations("resolved")).as("not restarted").doesNotContainKey(RESTARTED_AT);
        assertThat(ledger.get(key("resolved")).pendingIntents()).isEmpty();
    }

    @Test
    void aScaleFoundDoneThroughAnHpaIsFailedIntentUnconfirmedAsItsWayBackIsLost() {
        ClusterObjects.deployment(client, "scale-hpa", "web", 2, 2);
        ActionIntent intent = crashedIntent("IntentScale", "scale-hpa", "intent-scale", "scale",
                new Action.Scale(null, 2, 1, 6).parameters());
        // what the dead replica's call did: the HPA's minimum raised, with the action id, in one patch
        client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("scale-hpa").resource(
                new HorizontalPodAutoscalerBuilder().withNewMetadata().withName("web").withNamespace("scale-hpa")
                        .withAnnotations(Map.of(ExecutionContext.ACTION_ID, intent.actionId())).endMetadata()
                        .withNewSpec().withMinReplicas(4).withMaxReplicas(6).withNewScaleTargetRef()
                        .withApiVersion("apps/v1").withKind("Deployment").withName("web").endScaleTargetRef()
                        .endSpec().build()).create();

        run.intents().resume();

        assertThat(phases("scale-hpa")).containsExactly(RemediationPhase.FAILED);
        RemediationEvent failed = event("scale-hpa", RemediationPhase.FAILED);
        assertThat(failed.reason()).isEqualTo(IntentRecovery.INTENT_UNCONFIRMED);
        assertThat(failed.message()).contains("cannot be told");
        assertThat(ledger.get(key("scale-hpa")).pendingIntents()).isEmpty();
        assertThat(client.autoscaling().v2().horizontalPodAutoscalers().inNamespace("scale-hpa").withName("web").get()
                .getSpec().getMinReplicas()).as("not scaled again").isEqualTo(4);
    }

    @Test
    void anUnconfirmedIntentWhoseDoneCannotBeWrittenPagesOnceWhenItIsRecorded() {
        ClusterObjects.deployment(client, "done-lost", "web", 2, 2);
        ActionIntent intent = crashedIntent("IntentRollback", "done-lost", "intent-rollback", "rollback");

        unavailable.set(true);
        run.intents().resume();
        run.intents().resume();
        assertThat(phases("done-lost")).as("nothing reported while the done is not recorded").isEmpty();
        assertThat(ledger.get(key("done-lost")).pendingIntents()).extracting(ActionIntent::actionId)
                .containsExactly(intent.actionId());

        unavailable.set(false);
        run.intents().resume();
        run.intents().resume();
        assertThat(phases("done-lost")).containsExactly(RemediationPhase.FAILED);
        assertThat(event("done-lost", RemediationPhase.FAILED).reason()).isEqualTo(IntentRecovery.INTENT_UNCONFIRMED);
    }

    @Test
    void aScaleCarriesItsIdOnTheWorkloadAndIsFoundDoneByItAfterACrash() {
        ClusterObjects.deployment(client, "scale", "web", 2, 2);

        run.remediator().handle(alert("IntentScale", "scale"));

        await().atMost(Duration.ofSeconds(30)).until(() -> phases("scale").contains(RemediationPhase.SUCCEEDED));
        String id = event("scale", RemediationPhase.SUCCEEDED).remediationId();
        Deployment scaled = client.apps().deployments().inNamespace("scale").withName("web").get();
        assertThat(scaled.getSpec().getReplicas()).isEqualTo(4);
        assertThat(scaled.getMetadata().getAnnotations()).containsEntry(ExecutionContext.ACTION_ID, id);

        // the done of that scale lost: the resume finds the id on the workload and scales no further
        ActionIntent done = ledger.get(key("scale")).intent(id);
        ActionIntent pending = new ActionIntent(id, done.eventId(), done.playbook(), done.step(), done.index(),
                done.action(), done.parameters(), done.alert(), done.at().minus(1, ChronoUnit.MINUTES), done.owner(),
                null);
        ledger.put(ledger.get(key("scale")).withIntent(pending, Instant.now()));
        run.intents().resume();
        assertThat(ledger.get(key("scale")).pendingIntents()).as("the live owner verifies under the lock: left alone")
                .hasSize(1);

        client.apps().deployments().inNamespace("scale").withName("web").edit(d -> {
            d.getStatus().setReplicas(4);
            d.getStatus().setUpdatedReplicas(4);
            d.getStatus().setReadyReplicas(4);
            d.getStatus().setAvailableReplicas(4);
            return d;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> {
            run.intents().resume();
            return ledger.get(key("scale")).pendingIntents().isEmpty();
        });

        assertThat(events("scale")).filteredOn(e -> e.phase() == RemediationPhase.SUCCEEDED)
                .extracting(RemediationEvent::message).last().isEqualTo(IntentRecovery.FOUND_DONE);
        assertThat(client.apps().deployments().inNamespace("scale").withName("web").get().getSpec().getReplicas())
                .isEqualTo(4);
        assertThat(ledger.get(key("scale")).pendingIntents()).isEmpty();
    }

    /** The ledger entry a replica that died after writing the intent of {@code action} left behind. */
    private ActionIntent crashedIntent(String alertName, String namespace, String playbook, String action) {
        return crashedIntent(alertName, namespace, playbook, action, Map.of());
    }

    private ActionIntent crashedIntent(String alertName, String namespace, String playbook, String action,
            Map<String, String> parameters) {
        AlertEvent alert = alert(alertName, namespace);
        Instant at = Instant.now().minus(1, ChronoUnit.MINUTES).truncatedTo(ChronoUnit.SECONDS);
        ActionIntent intent = new ActionIntent(UUID.randomUUID().toString(), alert.eventId(), playbook, null, 0,
                action, parameters, alert, at, "dead-replica", null);
        ledger.put(ledger.get(key(namespace)).withHandled(alert.eventId(), at).withAttempt(at).withIntent(intent, at));
        return intent;
    }

    private RemediationRun run() {
        Clock clock = Clock.systemUTC();
        NamespacePolicy namespaces = new NamespacePolicy(Set.of(), Set.of("kube-system"));
        RemediationSettings settings = new RemediationSettings(false, Duration.ofMinutes(5), Duration.ofMinutes(1),
                Duration.ofMillis(50), Duration.ofMinutes(30));
        Decider decider = new Decider(new ActionPlanner(namespaces, "default"),
                new Guards(namespaces, new ActionRateLimiter(100, Duration.ofMinutes(1), clock), clock),
                new GuardDefaults(Duration.ZERO, 5, Duration.ofHours(1), 6, Duration.ofMinutes(30), 1),
                false, settings.approvalTimeout(), clock, KnownClusters.of(Set.of("default")));
        KubernetesClusters clusters = new KubernetesClusters(Map.of("default", client), "default");
        return RemediationRun.of(new RemediationRun.Parts(new PlaybookLibrary(List.of(playbooks()), clock), decider,
                new SwitchableLedger(ledger, unavailable), new LocalTargetLocks(clock, "it"), new KubernetesInspector(clusters, resilience),
                new KubernetesActionExecutor(clusters, resilience), new RemediationReporter(events::add, event -> { },
                        new RemediationMetrics(new SimpleMeterRegistry()), clock),
                scheduler, settings, clock));
    }

    /** {@code ledger}, refusing writes while {@code unavailable} is set (the store cannot be reached). */
    private static final class SwitchableLedger extends ForwardingLedger {
        private final AtomicBoolean unavailable;

        SwitchableLedger(Ledger ledger, AtomicBoolean unavailable) {
            super(ledger);
            this.unavailable = unavailable;
        }

        @Override
        public LedgerEntry put(LedgerEntry entry) {
            if (unavailable.get()) {
                throw new GuardCheckUnavailableException("ledger-unavailable", "the ledger cannot be written", null);
            }
            return ledger.put(entry);
        }
    }

    private static String playbooks() {
        try {
            return Path.of(IntentRecoveryIT.class.getResource("/intent-playbooks.yml").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AlertEvent alert(String name, String namespace) {
        return Alerts.firing(name, Map.of("namespace", namespace, "deployment", "web")).fingerprint("fp-" + namespace)
                .severity(Severity.CRITICAL).build();
    }

    private static String key(String namespace) {
        return "default/" + namespace + "/Deployment/web";
    }

    private static Map<String, String> templateAnnotations(String namespace) {
        Map<String, String> annotations = client.apps().deployments().inNamespace(namespace).withName("web").get()
                .getSpec().getTemplate().getMetadata().getAnnotations();
        return annotations == null ? Map.of() : annotations;
    }

    private List<RemediationEvent> events(String namespace) {
        return events.stream().filter(e -> namespace.equals(e.target().namespace())).toList();
    }

    private List<RemediationPhase> phases(String namespace) {
        return events(namespace).stream().map(RemediationEvent::phase).toList();
    }

    private RemediationEvent event(String namespace, RemediationPhase phase) {
        return events(namespace).stream().filter(e -> e.phase() == phase).findFirst().orElseThrow();
    }
}
