package io.alertpilot.remediation.k8s;

import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Kubernetes clients by cluster name. A target in a cluster that is not configured goes to the default cluster
 * (a service usually runs in the cluster it repairs). Thread safe; closes the clients on {@link #close()}.
 */
public final class KubernetesClusters implements AutoCloseable {

    private final Map<String, KubernetesClient> clients;
    private final String defaultCluster;

    public KubernetesClusters(Map<String, KubernetesClient> clients, String defaultCluster) {
        if (!clients.containsKey(defaultCluster)) {
            throw new IllegalArgumentException("the default cluster '" + defaultCluster + "' is not configured; "
                    + "configured are " + clients.keySet());
        }
        this.clients = new TreeMap<>(clients);
        this.defaultCluster = defaultCluster;
    }

    /** The configured name that serves {@code cluster}: itself when configured, else the default. */
    public String resolve(String cluster) {
        return cluster != null && clients.containsKey(cluster) ? cluster : defaultCluster;
    }

    /** The client of {@link #resolve(String) cluster}. */
    public KubernetesClient client(String cluster) {
        return clients.get(resolve(cluster));
    }

    public String defaultCluster() {
        return defaultCluster;
    }

    public Set<String> names() {
        return clients.keySet();
    }

    @Override
    public void close() {
        clients.values().forEach(KubernetesClient::close);
    }
}
