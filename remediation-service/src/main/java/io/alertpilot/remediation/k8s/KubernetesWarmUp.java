package io.alertpilot.remediation.k8s;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Makes one harmless call to each cluster (its {@code /version}) at start-up, before the alert consumers start, so
 * that the first action after a start does not also pay for the client's first connection, its HTTP client and its
 * JSON reading (measured in the fault suite: about 5 s between the first alert and its decision on a cold JVM). A
 * failure is logged and changes nothing: the calls of the actions have their own timeouts and breaker.
 */
public final class KubernetesWarmUp implements SmartLifecycle {

    /** Before spring-kafka's listener containers (their phase is {@code Integer.MAX_VALUE - 100}). */
    static final int PHASE = Integer.MAX_VALUE - 200;
    private static final Logger log = LoggerFactory.getLogger(KubernetesWarmUp.class);

    private final KubernetesClusters clusters;
    private volatile boolean running;

    /** @param clusters the clusters to call; null when the service runs without Kubernetes (nothing to do) */
    public KubernetesWarmUp(KubernetesClusters clusters) {
        this.clusters = clusters;
    }

    @Override
    public void start() {
        running = true;
        if (clusters == null) {
            return;
        }
        for (String name : clusters.names()) {
            long started = System.nanoTime();
            try {
                clusters.client(name).getKubernetesVersion();
                log.info("cluster {} answered the start-up call in {} ms", name,
                        (System.nanoTime() - started) / 1_000_000);
            } catch (RuntimeException e) {
                log.info("cluster {} did not answer the start-up call in {} ms: {}", name,
                        (System.nanoTime() - started) / 1_000_000, e.toString());
            }
        }
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
