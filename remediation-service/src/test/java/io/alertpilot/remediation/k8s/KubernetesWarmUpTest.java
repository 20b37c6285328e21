package io.alertpilot.remediation.k8s;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.Socket;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The start-up call to each cluster: once, with no retry, and a down or silent cluster does not stop the start. */
class KubernetesWarmUpTest {

    private final WireMockServer healthy = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    private final WireMockServer failing = new WireMockServer(WireMockConfiguration.options().dynamicPort());
    /** Accepts connections and never answers. */
    private ServerSocket silent;
    private final List<Socket> silentConnections = new CopyOnWriteArrayList<>();
    private KubernetesClusters clusters;

    @BeforeEach
    void start() throws IOException {
        healthy.start();
        failing.start();
        silent = new ServerSocket(0);
        Thread.ofVirtual().start(() -> {
            try {
                while (true) {
                    silentConnections.add(silent.accept());
                }
            } catch (IOException closed) {
                // the test is over
            }
        });
        healthy.stubFor(get(urlPathEqualTo("/version")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"major\":\"1\",\"minor\":\"31\",\"gitVersion\":\"v1.31.2\"}")));
        failing.stubFor(get(anyUrl()).willReturn(aResponse().withStatus(503).withBody("{}")));
        // the clusters' own request timeout is far longer than the warm-up's: the warm-up sets its own
        clusters = KubernetesClusters.connect(Map.of(
                "healthy", connection(healthy.port()), "failing", connection(failing.port()),
                "silent", connection(silent.getLocalPort()), "unreachable", connection(1)),
                "healthy", Duration.ofMinutes(5), Duration.ofSeconds(5));
    }

    @AfterEach
    void stop() throws IOException {
        clusters.close();
        healthy.stop();
        failing.stop();
        silent.close();
        for (Socket connection : silentConnections) {
            connection.close();
        }
    }

    private static KubernetesClusters.Connection connection(int port) {
        return new KubernetesClusters.Connection("http://localhost:" + port, "", "", false);
    }

    @Test
    void eachClusterIsCalledOnceWithoutRetryAndTheCallsEnd() {
        KubernetesWarmUp warmUp = new KubernetesWarmUp(clusters);

        // a longer timeout than the service's 2 s: a cold test JVM on a loaded machine must not make this flaky
        Map<String, String> byCluster = warmUp.warmUp(Duration.ofSeconds(10)).join();

        assertThat(byCluster).containsOnlyKeys("failing", "healthy", "silent", "unreachable");
        assertThat(byCluster.get("healthy")).startsWith("answered in").endsWith("(v1.31.2)");
        assertThat(byCluster.get("failing")).startsWith("did not answer");
        assertThat(byCluster.get("silent")).as("ended by the warm-up's timeout, not the cluster's 5 minutes")
                .startsWith("did not answer");
        assertThat(byCluster.get("unreachable")).startsWith("did not answer");
        assertThat(healthy.findAll(anyRequestedFor(anyUrl()))).hasSize(1);
        assertThat(failing.findAll(anyRequestedFor(anyUrl()))).as("a 503 is not retried").hasSize(1);
        assertThat(silentConnections).as("a timeout is not retried").hasSize(1);
        assertThat(byCluster.get("failing")).contains("HTTP 503");
    }

    @Test
    void theStartGoesOnWhileAClusterHasNotAnswered() {
        KubernetesWarmUp warmUp = new KubernetesWarmUp(clusters);

        warmUp.start();

        assertThat(warmUp.isRunning()).isTrue();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(silentConnections)
                .as("the silent cluster was called, once").hasSize(1));
    }

    @Test
    void withoutKubernetesThereIsNothingToDo() {
        KubernetesWarmUp warmUp = new KubernetesWarmUp(null);

        warmUp.start();

        assertThat(warmUp.isRunning()).isTrue();
        assertThat(warmUp.getPhase()).as("before the listener containers").isLessThan(Integer.MAX_VALUE - 100);
    }
}
