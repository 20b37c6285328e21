package io.alertpilot.remediation.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.remediation.Diagnosis;
import io.alertpilot.model.remediation.Diagnosis.PodState;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.action.Verification;
import io.alertpilot.remediation.diagnose.DiagnoseSettings;
import io.alertpilot.remediation.diagnose.Redaction;
import io.fabric8.kubernetes.api.model.EventBuilder;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.api.model.apps.ReplicaSetBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMixedDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import io.fabric8.mockwebserver.ServerRequest;
import io.fabric8.mockwebserver.ServerResponse;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Queue;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The {@code diagnose} action against fabric8's mock API server: CRUD for the objects, and (mixed in) expectations for
 * what CRUD mode does not serve: a pod's previous log, and a 403 on the events of one namespace.
 */
class DiagnoseIT {

    private static final Map<ServerRequest, Queue<ServerResponse>> EXPECTATIONS = new HashMap<>();
    private static final KubernetesMockServer SERVER = new KubernetesMockServer(new Context(), new MockWebServer(),
            EXPECTATIONS, new KubernetesMixedDispatcher(EXPECTATIONS), false);
    private static final String LOG = """
            2026-11-30T10:00:01Z INFO starting checkout with password=hunter2
            2026-11-30T10:00:02Z DEBUG calling payments with Authorization: Bearer abc.def-123
            2026-11-30T10:00:03Z ERROR java.lang.OutOfMemoryError: Java heap space
            """;

    private static KubernetesClient client;
    private static KubernetesResilience resilience;
    private static KubernetesActionExecutor executor;

    @BeforeAll
    static void start() {
        SERVER.init();
        client = SERVER.createClient();
        resilience = new KubernetesResilience(new ResilienceSettings(Duration.ofSeconds(5), 2, Duration.ofMillis(10),
                Duration.ofMillis(50), 50, 10, 5, Duration.ofSeconds(30)), new SimpleMeterRegistry());
        KubernetesClusters clusters = new KubernetesClusters(Map.of("default", client), "default");
        DiagnoseSettings settings = new DiagnoseSettings(Duration.ofSeconds(10), 16 * 1024, 20, 50,
                Redaction.of(List.of()));
        executor = new KubernetesActionExecutor(clusters, resilience,
                new Diagnostician(clusters, resilience, settings, Clock.systemUTC()));
    }

    @AfterAll
    static void stop() {
        resilience.close();
        client.close();
        SERVER.destroy();
    }

    @Test
    void gathersPodsEventsThePreviousLogRedactedAndTheRolloutHistory() {
        Deployment checkout = deployment("shop", "checkout");
        replicaSet("shop", checkout, 1, "shop/checkout:1.4.1");
        replicaSet("shop", checkout, 2, "shop/checkout:1.4.2");
        pod("shop", "checkout-healthy", 0, null);
        pod("shop", "checkout-crashing", 7, "OOMKilled");
        event("shop", "e1", "Pod", "checkout-crashing", "BackOff", "Back-off restarting failed container",
                "2026-11-30T10:00:05Z");
        event("shop", "e2", "Deployment", "checkout", "ScalingReplicaSet", "Scaled up replica set checkout-2 to 2",
                "2026-11-30T09:59:00Z");
        event("shop", "e3", "Pod", "someone-else", "Killing", "not ours", "2026-11-30T10:00:06Z");
        SERVER.expect().get()
                .withPath("/api/v1/namespaces/shop/pods/checkout-crashing/log?pretty=false&container=app"
                        + "&previous=true&tailLines=50")
                .andReturn(200, LOG).always();

        ActionResult result = executor.execute(target("shop", "checkout"), new Action.Diagnose(50), null);

        assertThat(result).isInstanceOf(ActionResult.Done.class);
        Diagnosis diagnosis = ((ActionResult.Done) result).diagnosis();
        assertThat(diagnosis.pods()).containsExactly(
                new PodState("checkout-crashing", "Running", false, 7, "CrashLoopBackOff, OOMKilled", "node-1"),
                new PodState("checkout-healthy", "Running", true, 0, null, "node-1"));
        assertThat(diagnosis.events()).containsExactly(
                "Deployment/checkout ScalingReplicaSet: Scaled up replica set checkout-2 to 2",
                "Pod/checkout-crashing BackOff: Back-off restarting failed container");
        assertThat(diagnosis.logContainer()).isEqualTo("checkout-crashing/app");
        assertThat(diagnosis.logTail()).hasSize(3)
                .noneMatch(line -> line.contains("hunter2") || line.contains("abc.def-123"))
                .contains("2026-11-30T10:00:03Z ERROR java.lang.OutOfMemoryError: Java heap space");
        assertThat(diagnosis.logTail().getFirst()).endsWith("starting checkout with [REDACTED]");
        assertThat(diagnosis.rollouts()).containsExactly(
                "revision 1: shop/checkout:1.4.1 (ReplicaSet checkout-1, 1 replicas)",
                "revision 2: shop/checkout:1.4.2 (ReplicaSet checkout-2, 1 replicas)");
        assertThat(diagnosis.notes()).isEmpty();
        assertThat(executor.verify(target("shop", "checkout"), new Action.Diagnose(50), (ActionResult.Done) result))
                .isInstanceOf(Verification.Verified.class);
    }

    @Test
    void aForbiddenEventListIsANoteNotAFailure() {
        deployment("locked", "cart");
        pod("locked", "cart-1", 0, null);
        // the events are listed one bounded page at a time, never the whole namespace
        SERVER.expect().get().withPath("/api/v1/namespaces/locked/events?limit=" + Diagnostician.EVENTS_LISTED)
                .andReturn(403, new StatusBuilder().withCode(403).withReason("Forbidden")
                        .withMessage("events is forbidden: User \"alertpilot\" cannot list resource \"events\"")
                        .build())
                .always();

        ActionResult result = executor.execute(target("locked", "cart"), new Action.Diagnose(50), null);

        assertThat(result).isInstanceOf(ActionResult.Done.class);
        Diagnosis diagnosis = ((ActionResult.Done) result).diagnosis();
        assertThat(diagnosis.pods()).extracting(PodState::name).containsExactly("cart-1");
        assertThat(diagnosis.events()).isEmpty();
        assertThat(diagnosis.notes()).singleElement().asString().startsWith("events: not gathered (http-403)");
    }

    @Test
    void aMissingWorkloadIsANote() {
        ActionResult result = executor.execute(target("shop", "gone"), new Action.Diagnose(50), null);

        assertThat(((ActionResult.Done) result).diagnosis().notes()).first().asString()
                .startsWith("pods: not gathered (http-404)");
    }

    private static ResolvedTarget target(String namespace, String name) {
        return new ResolvedTarget("default", "Deployment", namespace, name);
    }

    private static Deployment deployment(String namespace, String name) {
        return client.apps().deployments().inNamespace(namespace).resource(new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace)
                    .addToAnnotations("deployment.kubernetes.io/revision", "2").endMetadata()
                .withNewSpec().withReplicas(2)
                    .withNewSelector().addToMatchLabels("app", name).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                        .withNewSpec().addNewContainer().withName("app").withImage("shop/" + name + ":2")
                        .endContainer().endSpec().endTemplate()
                .endSpec().build()).create();
    }

    private static void replicaSet(String namespace, Deployment owner, int revision, String image) {
        String name = owner.getMetadata().getName();
        client.apps().replicaSets().inNamespace(namespace).resource(new ReplicaSetBuilder()
                .withNewMetadata().withName(name + "-" + revision).withNamespace(namespace)
                    .addToAnnotations("deployment.kubernetes.io/revision", Integer.toString(revision))
                    .addNewOwnerReference().withApiVersion("apps/v1").withKind("Deployment").withName(name)
                        .withUid(owner.getMetadata().getUid()).withController(true).endOwnerReference()
                .endMetadata()
                .withNewSpec().withReplicas(1)
                    .withNewSelector().addToMatchLabels("app", name).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                        .withNewSpec().addNewContainer().withName("app").withImage(image).endContainer().endSpec()
                    .endTemplate()
                .endSpec().build()).create();
    }

    /** A running pod of the app; with restarts, crash-looping after its last run ended {@code lastReason}. */
    private static void pod(String namespace, String name, int restarts, String lastReason) {
        String app = name.substring(0, name.indexOf('-'));
        PodBuilder pod = new PodBuilder()
                .withNewMetadata().withName(name).withNamespace(namespace).addToLabels("app", app).endMetadata()
                .withNewSpec().withNodeName("node-1").addNewContainer().withName("app").withImage("shop/" + app)
                    .endContainer().endSpec();
        var status = pod.withNewStatus().withPhase("Running")
                .addNewCondition().withType("Ready").withStatus(restarts == 0 ? "True" : "False").endCondition()
                .addNewContainerStatus().withName("app").withRestartCount(restarts).withReady(restarts == 0);
        if (restarts > 0) {
            status = status.withNewState().withNewWaiting().withReason("CrashLoopBackOff").endWaiting().endState()
                    .withNewLastState().withNewTerminated().withReason(lastReason).withExitCode(137).endTerminated()
                    .endLastState();
        }
        client.pods().inNamespace(namespace).resource(status.endContainerStatus().endStatus().build()).create();
    }

    private static void event(String namespace, String id, String kind, String name, String reason, String message,
            String at) {
        client.v1().events().inNamespace(namespace).resource(new EventBuilder()
                .withNewMetadata().withName(id).withNamespace(namespace).endMetadata()
                .withNewInvolvedObject().withKind(kind).withName(name).withNamespace(namespace).endInvolvedObject()
                .withReason(reason).withMessage(message).withLastTimestamp(at).withType("Warning").build()).create();
    }
}
