package io.alertpilot.remediation.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertStatus;
import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.fixtures.Alerts;
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
import io.alertpilot.remediation.k8s.KubernetesActionExecutor;
import io.alertpilot.remediation.k8s.KubernetesClusters;
import io.alertpilot.remediation.k8s.KubernetesInspector;
import io.alertpilot.remediation.k8s.KubernetesResilience;
import io.alertpilot.remediation.k8s.ResilienceSettings;
import io.alertpilot.remediation.playbook.source.PlaybookLibrary;
import io.alertpilot.remediation.run.Evaluation;
import io.alertpilot.remediation.run.RemediationMetrics;
import io.alertpilot.remediation.run.RemediationReporter;
import io.alertpilot.remediation.run.RemediationRun;
import io.alertpilot.remediation.run.RemediationSettings;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSetBuilder;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscalerBuilder;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The actions with a HorizontalPodAutoscaler or a way back ({@code scale} through an HPA, {@code patch-hpa},
 * {@code isolate}) through the service's own run ({@link RemediationRun#of}) with its Kubernetes executor, inspector,
 * breakers and retries against fabric8's mock API server in CRUD mode, live and in dry run. Each test has its own
 * namespace.
 */
class ReversibleActionsIT {

    private static final KubernetesMockServer K8S = new KubernetesMockServer(new Context(), new MockWebServer(),
            new HashMap<>(), new KubernetesCrudDispatcher(), false);
    private static NamespacedKubernetesClient client;
    private static KubernetesResilience resilience;

    private final List<RemediationEvent> events = new CopyOnWriteArrayList<>();
    private LocalTargetLocks locks;
    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

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
    void aScaleOfADeploymentThatAnHpaOwnsRaisesTheHpasMinimumAndLeavesTheDeploymentToIt() {
        ClusterObjects.deployment(client, "hpa-scale", "web", 3, 3);
        hpa("hpa-scale", "web", "web", 2, 4);
        RemediationRun run = run(false);

        run.remediator().handle(alert("RevScale", AlertStatus.FIRING, "hpa-scale", "fp-hpa-scale"));

        await().atMost(Duration.ofSeconds(30)).until(() -> phases("hpa-scale").contains(RemediationPhase.SUCCEEDED));
        assertThat(deployment("hpa-scale", "web").getSpec().getReplicas()).as("untouched: the HPA owns it").isEqualTo(3);
        HorizontalPodAutoscaler hpa = hpa("hpa-scale", "web");
        assertThat(hpa.getSpec().getMinReplicas()).as("3 by 2 inside 1..6").isEqualTo(5);
        assertThat(hpa.getSpec().getMaxReplicas()).as("raised to fit the new minimum").isEqualTo(5);
        assertThat(event("hpa-scale", RemediationPhase.SUCCEEDED).message())
                .contains("through HorizontalPodAutoscaler web", "minReplicas 2 -> 5", "maxReplicas 4 -> 5");
        assertThat(phases("hpa-scale")).as("verified once the HPA scaled the Deployment")
                .doesNotContain(RemediationPhase.VERIFIED, RemediationPhase.FAILED);

        // what the HPA controller does with its new minimum
        client.apps().deployments().inNamespace("hpa-scale").withName("web").edit(d -> {
            d.getSpec().setReplicas(5);
            d.getStatus().setReplicas(5);
            d.getStatus().setUpdatedReplicas(5);
            d.getStatus().setReadyReplicas(5);
            d.getStatus().setAvailableReplicas(5);
            return d;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> phases("hpa-scale").contains(RemediationPhase.VERIFIED));
        assertThat(phases("hpa-scale")).containsExactly(RemediationPhase.PLANNED, RemediationPhase.STARTED,
                RemediationPhase.SUCCEEDED, RemediationPhase.VERIFIED);

        awaitSettled("hpa-scale", "Deployment", "web");
        run.remediator().handle(alert("RevScale", AlertStatus.RESOLVED, "hpa-scale", "fp-hpa-scale"));
        assertThat(reverts("hpa-scale")).as("the HPA's bounds are set back").containsExactly(
                RemediationPhase.PLANNED, RemediationPhase.STARTED, RemediationPhase.SUCCEEDED,
                RemediationPhase.VERIFIED);
        assertThat(bounds(hpa("hpa-scale", "web"))).containsExactly(2, 4);
    }

    @Test
    void aScaleToZeroOfADeploymentAnHpaOwnsScalesTheDeploymentItselfAndWaitsForItsPodsToGo() {
        ClusterObjects.deployment(client, "hpa-zero", "web", 3, 3);
        hpa("hpa-zero", "web", "web", 2, 4);
        RemediationRun run = run(false);

        run.remediator().handle(alert("RevScaleZero", AlertStatus.FIRING, "hpa-zero", "fp-hpa-zero"));

        await().atMost(Duration.ofSeconds(30)).until(() -> phases("hpa-zero").contains(RemediationPhase.SUCCEEDED));
        assertThat(deployment("hpa-zero", "web").getSpec().getReplicas()).isZero();
        assertThat(bounds(hpa("hpa-zero", "web"))).as("an HPA cannot hold 0").containsExactly(2, 4);
        assertThat(event("hpa-zero", RemediationPhase.SUCCEEDED).message()).contains("from 3 to 0",
                "HorizontalPodAutoscaler web");
        assertThat(phases("hpa-zero")).as("its 3 pods still run").doesNotContain(RemediationPhase.VERIFIED,
                RemediationPhase.FAILED);

        client.apps().deployments().inNamespace("hpa-zero").withName("web").edit(d -> {
            d.getStatus().setReplicas(0);
            d.getStatus().setReadyReplicas(0);
            d.getStatus().setAvailableReplicas(0);
            d.getStatus().setUpdatedReplicas(0);
            return d;
        });
        await().atMost(Duration.ofSeconds(30)).until(() -> phases("hpa-zero").contains(RemediationPhase.VERIFIED));
        assertThat(event("hpa-zero", RemediationPhase.VERIFIED).message()).contains("0 replicas");
    }

    @Test
    void aScaleOfADeploymentNoHpaTargetsScalesTheDeployment() {
        ClusterObjects.deployment(client, "no-hpa-scale", "web", 3, 3);
        hpa("no-hpa-scale", "other", "web-canary", 2, 4);
        RemediationRun run = run(false);

        run.remediator().handle(alert("RevScale", AlertStatus.FIRING, "no-hpa-scale", "fp-no-hpa-scale"));

        await().atMost(Duration.ofSeconds(30)).until(() -> phases("no-hpa-scale").contains(RemediationPhase.SUCCEEDED));
        assertThat(deployment("no-hpa-scale", "web").getSpec().getReplicas()).isEqualTo(5);
        assertThat(event("no-hpa-scale", RemediationPhase.SUCCEEDED).message()).contains("from 3 to 5")
                .doesNotContain("HorizontalPodAutoscaler");
        assertThat(hpa("no-hpa-scale", "other").getSpec().getMinReplicas()).as("another workload's HPA").isEqualTo(2);
    }

    @Test
    void patchHpaSetsTheBoundsAndTheResolutionSetsThePreviousOnesAgain() {
        ClusterObjects.deployment(client, "patch-hpa", "web", 3, 3);
        hpa("patch-hpa", "web-hpa", "web", 2, 6);
        RemediationRun run = run(false);

        run.remediator().handle(alert("RevPatchHpa", AlertStatus.FIRING, "patch-hpa", "fp-patch-hpa"));

        await().atMost(Duration.ofSeconds(30)).until(() -> phases("patch-hpa").contains(RemediationPhase.VERIFIED));
        assertThat(phases("patch-hpa")).containsExactly(RemediationPhase.PLANNED, RemediationPhase.STARTED,
                RemediationPhase.SUCCEEDED, RemediationPhase.VERIFIED);
        assertThat(bounds(hpa("patch-hpa", "web-hpa"))).containsExactly(4, 12);
        assertThat(event("patch-hpa", RemediationPhase.SUCCEEDED).message())
                .contains("web-hpa", "minReplicas 4 (was 2)", "maxReplicas 12 (was 6)");

        awaitSettled("patch-hpa", "Deployment", "web");
        AlertEvent resolved = alert("RevPatchHpa", AlertStatus.RESOLVED, "patch-hpa", "fp-patch-hpa");
        Evaluation.RecoveryView explained = run.evaluator().evaluate(resolved).recovery();
        assertThat(explained.undoes()).singleElement().satisfies(undo -> {
            assertThat(undo.type()).isEqualTo("patch-hpa");
            assertThat(undo.parameters()).containsEntry("hpa", "web-hpa").containsEntry("min", "2")
                    .containsEntry("max", "6");
        });
        run.remediator().handle(resolved);

        assertThat(reverts("patch-hpa")).containsExactly(RemediationPhase.PLANNED, RemediationPhase.STARTED,
                RemediationPhase.SUCCEEDED, RemediationPhase.VERIFIED);
        assertThat(bounds(hpa("patch-hpa", "web-hpa"))).containsExactly(2, 6);
        assertThat(run.evaluator().evaluate(resolved).recovery().undoes()).as("undone once").isEmpty();
    }

    @Test
    void patchHpaWithoutAnHpaFailsNoHpaForAHumanToSee() {
        ClusterObjects.deployment(client, "patch-no-hpa", "web", 3, 3);
        RemediationRun run = run(false);

        run.remediator().handle(alert("RevPatchHpa", AlertStatus.FIRING, "patch-no-hpa", "fp-patch-no-hpa"));

        await().atMost(Duration.ofSeconds(30)).until(() -> phases("patch-no-hpa").contains(RemediationPhase.FAILED));
        assertThat(phases("patch-no-hpa")).containsExactly(RemediationPhase.PLANNED, RemediationPhase.STARTED,
                RemediationPhase.FAILED);
        RemediationEvent failed = event("patch-no-hpa", RemediationPhase.FAILED);
        assertThat(failed.reason()).isEqualTo("no-hpa");
        assertThat(failed.message()).contains("no HorizontalPodAutoscaler", "Deployment web");

        run.remediator().handle(alert("RevPatchHpa", AlertStatus.RESOLVED, "patch-no-hpa", "fp-patch-no-hpa"));
        assertThat(reverts("patch-no-hpa")).as("nothing was changed, so nothing is undone").isEmpty();
    }

    @Test
    void isolateSelectsTheWorkloadsPodsOnceAndTheResolutionRemovesThePolicy() {
        ClusterObjects.deployment(client, "isolate", "cart", 2, 2);
        ClusterObjects.deployment(client, "isolate", "checkout", 2, 2);
        RemediationRun run = run(false);

        run.remediator().handle(alert("RevIsolate", AlertStatus.FIRING, "isolate", "fp-isolate"));

        await().atMost(Duration.ofSeconds(30)).until(() -> phases("isolate").contains(RemediationPhase.VERIFIED));
        NetworkPolicy policy = policy("isolate", "alertpilot-isolate-deployment-cart");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(Map.of("app", "cart"));
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress()).as("deny all: no rule lets anything in").isNullOrEmpty();
        assertThat(policy.getSpec().getEgress()).as("deny all: no rule lets anything out").isNullOrEmpty();
        assertThat(policy.getMetadata().getLabels()).containsEntry("app.kubernetes.io/managed-by", "alertpilot");
        assertThat(policy.getMetadata().getAnnotations()).containsEntry("alertpilot.io/remediation-id",
                event("isolate", RemediationPhase.STARTED).remediationId());

        awaitSettled("isolate", "Deployment", "cart");
        run.remediator().handle(alert("RevIsolate", AlertStatus.FIRING, "isolate", "fp-isolate"));
        await().atMost(Duration.ofSeconds(30)).until(() -> phases("isolate").stream()
                .filter(p -> p == RemediationPhase.VERIFIED).count() == 2);
        assertThat(events("isolate").stream().filter(e -> e.phase() == RemediationPhase.SUCCEEDED).toList().getLast()
                .message()).contains("isolated already by NetworkPolicy alertpilot-isolate-deployment-cart");
        assertThat(client.network().v1().networkPolicies().inNamespace("isolate").list().getItems()).hasSize(1);

        awaitSettled("isolate", "Deployment", "cart");
        run.remediator().handle(alert("RevIsolate", AlertStatus.RESOLVED, "isolate", "fp-isolate"));

        assertThat(reverts("isolate")).as("one policy, removed once").containsExactly(RemediationPhase.PLANNED,
                RemediationPhase.STARTED, RemediationPhase.SUCCEEDED, RemediationPhase.VERIFIED);
        assertThat(events("isolate").stream().filter(e -> "revert".equals(e.reason())).map(RemediationEvent::action))
                .containsOnly("isolate");
        assertThat(client.network().v1().networkPolicies().inNamespace("isolate").list().getItems()).isEmpty();
    }

    @Test
    void isolateWithEgressFalseDeniesIngressOnlyAndStaysWithoutRemoveOnRecovery() {
        client.apps().statefulSets().inNamespace("isolate-in").resource(new StatefulSetBuilder()
                .withNewMetadata().withName("db").withNamespace("isolate-in").endMetadata()
                .withNewSpec().withReplicas(1).withServiceName("db")
                    .withNewSelector().addToMatchLabels("app", "db").addToMatchLabels("tier", "data").endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", "db").addToLabels("tier", "data")
                    .endMetadata().endTemplate().endSpec()
                .build()).create();
        RemediationRun run = run(false);
        Map<String, String> labels = Map.of("namespace", "isolate-in", "statefulset", "db");

        run.remediator().handle(Alerts.firing("RevIsolateIngress", labels).fingerprint("fp-in")
                .severity(Severity.CRITICAL).build());
        await().atMost(Duration.ofSeconds(30)).until(() -> phases("isolate-in").contains(RemediationPhase.VERIFIED));
        NetworkPolicy policy = policy("isolate-in", "alertpilot-isolate-statefulset-db");
        assertThat(policy.getSpec().getPolicyTypes()).containsExactly("Ingress");
        assertThat(policy.getSpec().getPodSelector().getMatchLabels()).isEqualTo(Map.of("app", "db", "tier", "data"));

        awaitSettled("isolate-in", "StatefulSet", "db");
        run.remediator().handle(Alerts.firing("RevIsolateIngress", labels).fingerprint("fp-in")
                .status(AlertStatus.RESOLVED).severity(Severity.CRITICAL).build());
        assertThat(reverts("isolate-in")).isEmpty();
        assertThat(policy("isolate-in", "alertpilot-isolate-statefulset-db")).as("stays until removed by hand").isNotNull();
    }

    @Test
    void aLaterIsolationOfBothDirectionsPatchesTheIngressOnlyPolicyAndOnlyTheAlertThatCreatedItRemovesIt() {
        ClusterObjects.deployment(client, "isolate-two", "cart", 2, 2);
        RemediationRun run = run(false);

        run.remediator().handle(alert("RevIsolateInFirst", AlertStatus.FIRING, "isolate-two", "fp-first"));
        await().atMost(Duration.ofSeconds(30)).until(() -> phases("isolate-two").contains(RemediationPhase.VERIFIED));
        assertThat(policy("isolate-two", "alertpilot-isolate-deployment-cart").getSpec().getPolicyTypes())
                .containsExactly("Ingress");

        awaitSettled("isolate-two", "Deployment", "cart");
        run.remediator().handle(alert("RevIsolate", AlertStatus.FIRING, "isolate-two", "fp-second"));
        await().atMost(Duration.ofSeconds(30)).until(() -> phases("isolate-two").stream()
                .filter(p -> p == RemediationPhase.VERIFIED).count() == 2);
        NetworkPolicy both = policy("isolate-two", "alertpilot-isolate-deployment-cart");
        assertThat(both.getSpec().getPolicyTypes()).as("the later step's directions").containsExactly("Ingress",
                "Egress");
        assertThat(both.getMetadata().getAnnotations()).containsEntry("alertpilot.io/isolates", "Deployment/cart");

        awaitSettled("isolate-two", "Deployment", "cart");
        run.remediator().handle(alert("RevIsolate", AlertStatus.RESOLVED, "isolate-two", "fp-second"));
        assertThat(reverts("isolate-two")).as("the second alert found the policy in place: not its to remove")
                .isEmpty();
        assertThat(policy("isolate-two", "alertpilot-isolate-deployment-cart")).isNotNull();

        run.remediator().handle(alert("RevIsolateInFirst", AlertStatus.RESOLVED, "isolate-two", "fp-first"));
        assertThat(reverts("isolate-two")).containsExactly(RemediationPhase.PLANNED, RemediationPhase.STARTED,
                RemediationPhase.SUCCEEDED, RemediationPhase.VERIFIED);
        assertThat(policy("isolate-two", "alertpilot-isolate-deployment-cart")).isNull();
    }

    @Test
    void anIsolationAnotherAlertRecreatedStaysUntilThatAlertResolves() {
        ClusterObjects.deployment(client, "isolate-keep", "cart", 2, 2);
        RemediationRun run = run(false);
        run.remediator().handle(alert("RevIsolate", AlertStatus.FIRING, "isolate-keep", "fp-a"));
        await().atMost(Duration.ofSeconds(30)).until(() -> phases("isolate-keep").contains(RemediationPhase.VERIFIED));
        awaitSettled("isolate-keep", "Deployment", "cart");
        client.network().v1().networkPolicies().inNamespace("isolate-keep").withName(
                "alertpilot-isolate-deployment-cart").delete(); // removed by hand, then made again by another alert
        await().atMost(Duration.ofSeconds(30)).until(() -> policy("isolate-keep",
                "alertpilot-isolate-deployment-cart") == null);
        run.remediator().handle(alert("RevIsolate", AlertStatus.FIRING, "isolate-keep", "fp-b"));
        await().atMost(Duration.ofSeconds(30)).until(() -> phases("isolate-keep").stream()
                .filter(p -> p == RemediationPhase.VERIFIED).count() == 2);
        awaitSettled("isolate-keep", "Deployment", "cart");

        run.remediator().handle(alert("RevIsolate", AlertStatus.RESOLVED, "isolate-keep", "fp-a"));
        assertThat(reverts("isolate-keep")).as("fp-b still needs it").isEmpty();
        assertThat(policy("isolate-keep", "alertpilot-isolate-deployment-cart")).isNotNull();

        run.remediator().handle(alert("RevIsolate", AlertStatus.RESOLVED, "isolate-keep", "fp-b"));
        assertThat(reverts("isolate-keep")).contains(RemediationPhase.VERIFIED);
        assertThat(policy("isolate-keep", "alertpilot-isolate-deployment-cart")).isNull();
    }

    @Test
    void aDryRunPlansTheScalePatchAndIsolationAndChangesNothing() {
        ClusterObjects.deployment(client, "dry", "web", 3, 3);
        ClusterObjects.deployment(client, "dry", "cart", 2, 2);
        hpa("dry", "web", "web", 2, 6);
        RemediationRun run = run(true);

        for (String name : List.of("RevScale", "RevPatchHpa", "RevIsolate")) {
            run.remediator().handle(alert(name, AlertStatus.FIRING, "dry", "fp-dry-" + name));
        }

        assertThat(events("dry")).extracting(RemediationEvent::action).containsExactly("scale", "patch-hpa",
                "isolate");
        assertThat(events("dry")).allSatisfy(e -> {
            assertThat(e.phase()).isEqualTo(RemediationPhase.PLANNED);
            assertThat(e.dryRun()).isTrue();
        });
        assertThat(bounds(hpa("dry", "web"))).containsExactly(2, 6);
        assertThat(deployment("dry", "web").getSpec().getReplicas()).isEqualTo(3);
        assertThat(client.network().v1().networkPolicies().inNamespace("dry").list().getItems()).isEmpty();

        run.remediator().handle(alert("RevPatchHpa", AlertStatus.RESOLVED, "dry", "fp-dry-RevPatchHpa"));
        assertThat(reverts("dry")).as("a dry run remembers nothing to undo").isEmpty();
    }

    /** The run on the mock cluster, with the test playbooks and no cooldown. */
    private RemediationRun run(boolean dryRun) {
        Clock clock = Clock.systemUTC();
        NamespacePolicy namespaces = new NamespacePolicy(Set.of(), Set.of("kube-system"));
        RemediationSettings settings = new RemediationSettings(dryRun, Duration.ofMinutes(5), Duration.ofMinutes(1),
                Duration.ofMillis(50), Duration.ofMinutes(30));
        Decider decider = new Decider(new ActionPlanner(namespaces, "default"),
                new Guards(namespaces, new ActionRateLimiter(100, Duration.ofMinutes(1), clock), clock),
                new GuardDefaults(Duration.ZERO, 5, Duration.ofHours(1), 6, Duration.ofMinutes(30), 1),
                dryRun, settings.approvalTimeout(), clock, KnownClusters.of(Set.of("default")));
        KubernetesClusters clusters = new KubernetesClusters(Map.of("default", client), "default");
        locks = new LocalTargetLocks(clock, "it");
        return RemediationRun.of(new RemediationRun.Parts(new PlaybookLibrary(List.of(playbooks()), clock), decider,
                new InMemoryLedger(), locks, new KubernetesInspector(clusters, resilience),
                new KubernetesActionExecutor(clusters, resilience), new RemediationReporter(events::add, event -> { },
                        new RemediationMetrics(new SimpleMeterRegistry()), clock),
                scheduler, settings, clock));
    }

    private static String playbooks() {
        try {
            return Path.of(ReversibleActionsIT.class.getResource("/reversible-playbooks.yml").toURI()).toString();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static AlertEvent alert(String name, AlertStatus status, String namespace, String fingerprint) {
        String deployment = name.startsWith("RevIsolate") ? "cart" : "web";
        return Alerts.firing(name, Map.of("namespace", namespace, "deployment", deployment)).status(status)
                .fingerprint(fingerprint).severity(Severity.CRITICAL).build();
    }

    /** Waits until the action on {@code kind namespace/name} is verified and its target lock released. */
    private void awaitSettled(String namespace, String kind, String name) {
        await().atMost(Duration.ofSeconds(30)).until(() -> locks.holder("default/" + namespace + "/" + kind + "/"
                + name).isEmpty());
    }

    private List<RemediationEvent> events(String namespace) {
        return events.stream().filter(e -> namespace.equals(e.target().namespace())).toList();
    }

    private List<RemediationPhase> phases(String namespace) {
        return events(namespace).stream().filter(e -> !"revert".equals(e.reason())).map(RemediationEvent::phase)
                .toList();
    }

    /** The phases of the ways back taken in {@code namespace}. */
    private List<RemediationPhase> reverts(String namespace) {
        return events(namespace).stream().filter(e -> "revert".equals(e.reason())).map(RemediationEvent::phase)
                .toList();
    }

    private RemediationEvent event(String namespace, RemediationPhase phase) {
        return events(namespace).stream().filter(e -> e.phase() == phase).findFirst().orElseThrow();
    }

    private static HorizontalPodAutoscaler hpa(String namespace, String name, String target, int min, int max) {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).resource(
                new HorizontalPodAutoscalerBuilder()
                        .withNewMetadata().withName(name).withNamespace(namespace).endMetadata()
                        .withNewSpec().withMinReplicas(min).withMaxReplicas(max)
                            .withNewScaleTargetRef().withApiVersion("apps/v1").withKind("Deployment").withName(target)
                            .endScaleTargetRef()
                        .endSpec().build()).create();
    }

    private static HorizontalPodAutoscaler hpa(String namespace, String name) {
        return client.autoscaling().v2().horizontalPodAutoscalers().inNamespace(namespace).withName(name).get();
    }

    private static List<Integer> bounds(HorizontalPodAutoscaler hpa) {
        return List.of(hpa.getSpec().getMinReplicas(), hpa.getSpec().getMaxReplicas());
    }

    private static Deployment deployment(String namespace, String name) {
        return client.apps().deployments().inNamespace(namespace).withName(name).get();
    }

    private static NetworkPolicy policy(String namespace, String name) {
        return client.network().v1().networkPolicies().inNamespace(namespace).withName(name).get();
    }
}
