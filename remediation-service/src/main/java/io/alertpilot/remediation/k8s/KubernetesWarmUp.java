package io.alertpilot.remediation.k8s;

import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.VersionInfo;
import io.fabric8.kubernetes.client.http.HttpClient;
import io.fabric8.kubernetes.client.http.HttpRequest;
import io.fabric8.kubernetes.client.http.HttpResponse;
import io.fabric8.kubernetes.client.utils.KubernetesSerialization;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Warms each cluster's client at start-up, before the alert consumers start, so that the first action after a start
 * does not also pay for a cold JVM's first Kubernetes call (measured in the fault suite: about 5 s between the first
 * alert and its restart). Per cluster it reads and writes a Deployment and a Lease with the client's JSON mapper (no
 * call) and asks the API server once for its {@code /version}.
 *
 * <p>The contract: the call is made once, with no retry and a {@link #TIMEOUT} request timeout, through the
 * cluster's own HTTP client (the connection it opens is the one the actions use), and outside the breaker and
 * retries of {@link KubernetesResilience} (a down cluster's answer opens no breaker). The clusters are called at the
 * same time, and the start waits for them at most their timeout and half a second: a call still running then
 * (a connection that hangs) finishes in the background. The outcome of every cluster is logged once, in one INFO line,
 * when every call is over. A failure changes nothing else.
 */
public final class KubernetesWarmUp implements SmartLifecycle {

    /** Before spring-kafka's listener containers (their phase is {@code Integer.MAX_VALUE - 100}). */
    static final int PHASE = Integer.MAX_VALUE - 200;
    /** The request timeout of the one call to each cluster. */
    static final Duration TIMEOUT = Duration.ofSeconds(2);
    /** The start waits for the calls at most their timeout and this. */
    static final Duration WAIT_MARGIN = Duration.ofMillis(500);
    private static final Logger log = LoggerFactory.getLogger(KubernetesWarmUp.class);
    private static final String DEPLOYMENT = """
            {"apiVersion":"apps/v1","kind":"Deployment","metadata":{"name":"warm-up","namespace":"warm-up",
             "resourceVersion":"1","annotations":{"deployment.kubernetes.io/revision":"1"}},
             "spec":{"replicas":1,"selector":{"matchLabels":{"app":"warm-up"}},"template":{"metadata":{"labels":
             {"app":"warm-up"},"annotations":{"kubectl.kubernetes.io/restartedAt":"2026-01-01T00:00:00Z"}},
             "spec":{"containers":[{"name":"app","image":"warm-up:1","resources":{"limits":{"memory":"64Mi"}}}]}}},
             "status":{"observedGeneration":1,"replicas":1,"updatedReplicas":1,"readyReplicas":1,
             "availableReplicas":1,"conditions":[{"type":"Available","status":"True"}]}}""";
    private static final String LEASE = """
            {"apiVersion":"coordination.k8s.io/v1","kind":"Lease","metadata":{"name":"warm-up","namespace":"warm-up",
             "resourceVersion":"1"},"spec":{"holderIdentity":"warm-up","leaseDurationSeconds":900,
             "acquireTime":"2026-01-01T00:00:00.000000Z","renewTime":"2026-01-01T00:00:00.000000Z"}}""";

    private final KubernetesClusters clusters;
    private volatile boolean running;

    /** @param clusters the clusters to warm; null when the service runs without Kubernetes (nothing to do) */
    public KubernetesWarmUp(KubernetesClusters clusters) {
        this.clusters = clusters;
    }

    @Override
    public void start() {
        running = true;
        if (clusters == null) {
            return;
        }
        long started = System.nanoTime();
        CompletableFuture<Map<String, String>> outcomes = warmUp(TIMEOUT);
        outcomes.thenAccept(byCluster -> log.info(
                "Kubernetes warm-up done in {} ms (one call to each cluster, no retry, {} ms timeout): {}",
                millisSince(started), TIMEOUT.toMillis(), byCluster.entrySet().stream()
                        .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining("; "))));
        try {
            outcomes.get(TIMEOUT.toMillis() + WAIT_MARGIN.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException | TimeoutException e) {
            // the start goes on; the calls still running finish in the background and are logged then
        }
    }

    /**
     * Calls every cluster at once, each on its own virtual thread.
     *
     * @return the outcome of each call by cluster name, once every call is over
     */
    CompletableFuture<Map<String, String>> warmUp(Duration requestTimeout) {
        Map<String, CompletableFuture<String>> calls = new TreeMap<>();
        for (String name : clusters.names()) {
            calls.put(name, CompletableFuture.supplyAsync(() -> warmUp(clusters.client(name), requestTimeout),
                    task -> Thread.ofVirtual().name("alertpilot-kubernetes-warm-up-" + name).start(task)));
        }
        return CompletableFuture.allOf(calls.values().toArray(CompletableFuture[]::new)).thenApply(done -> {
            Map<String, String> outcomes = new TreeMap<>();
            calls.forEach((name, call) -> outcomes.put(name, call.join()));
            return outcomes;
        });
    }

    private static String warmUp(KubernetesClient client, Duration requestTimeout) {
        long started = System.nanoTime();
        try {
            KubernetesSerialization json = client.getKubernetesSerialization();
            json.asJson(json.unmarshal(DEPLOYMENT, Deployment.class));
            json.asJson(json.unmarshal(LEASE, Lease.class));
            started = System.nanoTime(); // the time logged is the call's
            // the cluster's own HTTP client (its connection pool, authentication and fabric8 retries off), with a
            // timeout of this request's own; the typed DSL would apply the cluster's longer request timeout
            HttpClient http = client.getHttpClient();
            HttpRequest request = http.newHttpRequestBuilder()
                    .uri(client.getMasterUrl().toString().replaceAll("/+$", "") + "/version")
                    .timeout(requestTimeout.toMillis(), TimeUnit.MILLISECONDS).build();
            HttpResponse<String> response = http.sendAsync(request, String.class)
                    .get(requestTimeout.toMillis() + WAIT_MARGIN.toMillis(), TimeUnit.MILLISECONDS);
            if (!response.isSuccessful()) {
                return "did not answer in " + millisSince(started) + " ms: HTTP " + response.code();
            }
            VersionInfo version = json.unmarshal(response.body(), VersionInfo.class);
            return "answered in " + millisSince(started) + " ms ("
                    + (version.getGitVersion() == null ? "no version" : version.getGitVersion()) + ")";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "interrupted";
        } catch (ExecutionException e) {
            return "did not answer in " + millisSince(started) + " ms: " + e.getCause();
        } catch (TimeoutException | RuntimeException e) {
            return "did not answer in " + millisSince(started) + " ms: " + e;
        }
    }

    private static long millisSince(long started) {
        return (System.nanoTime() - started) / 1_000_000;
    }

    @Override
    public void stop() {
        running = false;
    }

    @Override
    public boolean isRunning() {
        return running;
    }

    @Override
    public int getPhase() {
        return PHASE;
    }
}
