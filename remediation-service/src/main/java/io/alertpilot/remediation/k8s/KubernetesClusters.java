package io.alertpilot.remediation.k8s;

import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.ConfigBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import java.io.File;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The Kubernetes clients by cluster name. A target that names no cluster goes to the default cluster (a service usually
 * runs in the cluster it repairs); a target that names a cluster that is not configured goes nowhere
 * ({@link UnknownClusterException}), never to the default in its place. Thread safe; closes the clients on
 * {@link #close()}.
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

    /**
     * How to reach one cluster: an API server URL, a kubeconfig file (with an optional context), or, when both are
     * blank, the in-cluster service account or the default kubeconfig.
     */
    public record Connection(String masterUrl, String kubeconfig, String context, boolean trustCerts) {

        public Connection {
            masterUrl = masterUrl == null ? "" : masterUrl;
            kubeconfig = kubeconfig == null ? "" : kubeconfig;
            context = context == null ? "" : context;
        }
    }

    /**
     * Clients for {@code connections}, each with the given timeouts and fabric8's own retries off (Resilience4j
     * retries around every call; fabric8's would multiply them).
     */
    public static KubernetesClusters connect(Map<String, Connection> connections, String defaultCluster,
            Duration requestTimeout, Duration connectTimeout) {
        Map<String, KubernetesClient> clients = new LinkedHashMap<>();
        connections.forEach((name, connection) -> clients.put(name,
                new KubernetesClientBuilder().withConfig(config(connection, requestTimeout, connectTimeout)).build()));
        return new KubernetesClusters(clients, defaultCluster);
    }

    private static Config config(Connection cluster, Duration requestTimeout, Duration connectTimeout) {
        Config base;
        if (!cluster.kubeconfig().isBlank()) {
            base = Config.fromKubeconfig(cluster.context().isBlank() ? null : cluster.context(),
                    new File(cluster.kubeconfig()));
        } else if (!cluster.masterUrl().isBlank()) {
            base = Config.empty();
        } else {
            base = Config.autoConfigure(cluster.context().isBlank() ? null : cluster.context());
        }
        ConfigBuilder builder = new ConfigBuilder(base)
                .withRequestRetryBackoffLimit(0)
                .withRequestTimeout((int) requestTimeout.toMillis())
                .withConnectionTimeout((int) connectTimeout.toMillis());
        if (!cluster.masterUrl().isBlank()) {
            builder.withMasterUrl(cluster.masterUrl()).withTrustCerts(cluster.trustCerts());
        }
        return builder.build();
    }

    /**
     * The configured name that serves {@code cluster}: the default when it is null or blank, else itself.
     *
     * @throws UnknownClusterException when {@code cluster} names a cluster that is not configured
     */
    public String resolve(String cluster) {
        if (cluster == null || cluster.isBlank()) {
            return defaultCluster;
        }
        if (!clients.containsKey(cluster)) {
            throw new UnknownClusterException(cluster, clients.keySet());
        }
        return cluster;
    }

    /**
     * The client of {@link #resolve(String) cluster}.
     *
     * @throws UnknownClusterException when {@code cluster} names a cluster that is not configured
     */
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
