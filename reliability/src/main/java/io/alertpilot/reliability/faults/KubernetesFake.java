package io.alertpilot.reliability.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentBuilder;
import io.fabric8.kubernetes.client.NamespacedKubernetesClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesCrudDispatcher;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.fabric8.mockwebserver.Context;
import io.fabric8.mockwebserver.MockWebServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The Kubernetes API of the fault suite: fabric8's mock API server in CRUD mode, reached through a WireMock proxy that
 * can answer 5xx or answer late (after the API server applied the call) on demand. Rollout restarts are counted from
 * the proxy's journal, as the API server applied them (forwarded and answered 2xx, however late the answer reached
 * the caller): one restart per distinct {@code restartedAt} written to a Deployment's pod template (writing the same
 * value again starts no rollout on a real cluster). The mock's own request queue is not read: reading a recorded
 * body races with the mock reading it.
 */
final class KubernetesFake implements AutoCloseable {

    static final String NAMESPACE = "shop";
    private static final Pattern DEPLOYMENT = Pattern.compile("/apis/apps/v1/namespaces/" + NAMESPACE
            + "/deployments/([^/?]+)(\\?.*)?");
    private static final Pattern RESTARTED_AT = Pattern.compile(
            "\"kubectl\\.kubernetes\\.io/restartedAt\"\\s*:\\s*\"([^\"]+)\"");

    /** The mock logs every request at INFO; kept referenced so the level holds. */
    private static final Logger MOCK_LOG = Logger.getLogger("io.fabric8.mockwebserver");

    static {
        MOCK_LOG.setLevel(Level.WARNING);
    }

    private final KubernetesMockServer server = new KubernetesMockServer(new Context(), new MockWebServer(),
            new HashMap<>(), new KubernetesCrudDispatcher(), false);
    private final WireMockServer proxy = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .containerThreads(40));
    private final NamespacedKubernetesClient client;
    private final String master;
    private final List<StubMapping> faults = new CopyOnWriteArrayList<>();

    KubernetesFake() {
        server.init();
        client = server.createClient();
        master = client.getMasterUrl().toString().replaceAll("/$", "");
        proxy.start();
        proxy.stubFor(any(anyUrl()).atPriority(10).willReturn(aResponse().proxiedFrom(master)));
    }

    /** The API server address the remediation service is given. */
    String url() {
        return "http://127.0.0.1:" + proxy.port();
    }

    /** Creates a ready Deployment of 2 replicas in {@link #NAMESPACE}. */
    void deployment(String name) {
        Deployment deployment = new DeploymentBuilder()
                .withNewMetadata().withName(name).withNamespace(NAMESPACE)
                    .addToAnnotations("deployment.kubernetes.io/revision", "1").endMetadata()
                .withNewSpec().withReplicas(2)
                    .withNewSelector().addToMatchLabels("app", name).endSelector()
                    .withNewTemplate().withNewMetadata().addToLabels("app", name).endMetadata()
                        .withNewSpec().addNewContainer().withName("app").withImage("shop/" + name + ":1").endContainer()
                        .endSpec().endTemplate()
                .endSpec()
                .withNewStatus().withReplicas(2).withUpdatedReplicas(2).withReadyReplicas(2).withAvailableReplicas(2)
                    .endStatus()
                .build();
        client.apps().deployments().inNamespace(NAMESPACE).resource(deployment).create();
    }

    /** Every workload call answers 503 until {@link #heal()}. */
    void answerServerErrors() {
        faults.add(proxy.stubFor(any(urlPathMatching("/apis/apps/.*")).atPriority(1).willReturn(aResponse()
                .withStatus(503).withHeader("Content-Type", "application/json")
                .withBody("{\"kind\":\"Status\",\"apiVersion\":\"v1\",\"status\":\"Failure\","
                        + "\"message\":\"the server is currently unable to handle the request\","
                        + "\"reason\":\"ServiceUnavailable\",\"code\":503}"))));
    }

    /** Every workload call is applied by the API server and answered {@code delay} later, until {@link #heal()}. */
    void answerLate(Duration delay) {
        faults.add(proxy.stubFor(any(urlPathMatching("/apis/apps/.*")).atPriority(1).willReturn(aResponse()
                .proxiedFrom(master).withFixedDelay((int) delay.toMillis()))));
    }

    void heal() {
        faults.forEach(proxy::removeStub);
        faults.clear();
    }

    /**
     * The rollout restarts the API server applied, as the distinct restart times written per Deployment (0 = not
     * restarted, 2 or more = restarted twice), and when each was first applied (epoch milliseconds).
     */
    Restarts restarts() {
        return restartsOf(proxy.getAllServeEvents());
    }

    /**
     * Like {@link #restarts()}, of the calls since the last take only: the calls read are dropped from the proxy's
     * journal, so a long run holds at most one interval of them.
     */
    Restarts takeRestarts() {
        List<ServeEvent> events = proxy.getAllServeEvents();
        events.forEach(event -> proxy.removeServeEvent(event.getId()));
        return restartsOf(events);
    }

    private static Restarts restartsOf(List<ServeEvent> events) {
        Map<String, Map<String, Long>> applied = new HashMap<>();
        for (ServeEvent event : events) {
            if (!"PATCH".equals(event.getRequest().getMethod().getName())
                    || !event.getResponseDefinition().isProxyResponse()
                    || event.getResponse().getStatus() / 100 != 2) {
                continue;
            }
            Matcher deployment = DEPLOYMENT.matcher(event.getRequest().getUrl());
            Matcher restartedAt = RESTARTED_AT.matcher(event.getRequest().getBodyAsString());
            if (deployment.matches() && restartedAt.find()) {
                applied.computeIfAbsent(deployment.group(1), d -> new HashMap<>())
                        .merge(restartedAt.group(1), event.getRequest().getLoggedDate().getTime(), Math::min);
            }
        }
        return new Restarts(applied);
    }

    /** Restart times per Deployment, each with when it was applied. */
    record Restarts(Map<String, Map<String, Long>> applied) {

        int of(String deployment) {
            return applied.getOrDefault(deployment, Map.of()).size();
        }

        /** The first restart applied at or after {@code epochMillis}, or -1. */
        long firstAtOrAfter(long epochMillis) {
            return applied.values().stream().flatMap(times -> times.values().stream()).filter(t -> t >= epochMillis)
                    .min(Long::compare).orElse(-1L);
        }
    }

    @Override
    public void close() {
        proxy.stop();
        client.close();
        server.destroy();
    }
}
