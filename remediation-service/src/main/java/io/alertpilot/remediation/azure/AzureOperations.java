package io.alertpilot.remediation.azure;

import com.azure.core.util.polling.SyncPoller;
import com.azure.resourcemanager.containerservice.fluent.AgentPoolsClient;
import com.azure.resourcemanager.containerservice.fluent.ManagedClustersClient;
import com.azure.resourcemanager.containerservice.fluent.models.AgentPoolInner;
import com.azure.resourcemanager.containerservice.fluent.models.ManagedClusterInner;
import com.azure.resourcemanager.containerservice.models.Code;
import com.azure.resourcemanager.cosmos.fluent.SqlResourcesClient;
import com.azure.resourcemanager.cosmos.fluent.models.ThroughputSettingsGetResultsInner;
import com.azure.resourcemanager.cosmos.models.ThroughputSettingsResource;
import com.azure.resourcemanager.cosmos.models.ThroughputSettingsUpdateParameters;
import com.azure.resourcemanager.postgresqlflexibleserver.fluent.ServersClient;
import com.azure.resourcemanager.postgresqlflexibleserver.models.ReplicationRole;
import com.azure.resourcemanager.postgresqlflexibleserver.models.ServerForUpdate;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.AzureResourceId;
import io.alertpilot.remediation.action.Verification;
import java.util.Map;

/**
 * The calls of each Azure action and of its verification, on the SDK's clients; the caller adds the breaker and the
 * mapping of failures. Each action reads the resource first and sends nothing when it is already as wanted; a change
 * is sent (the begin call of its long-running operation) and handed to {@link Track} without waiting for it.
 */
final class AzureOperations {

    /** Keeps a long-running operation that was sent for the verification to follow; answers its key. */
    interface Track {
        String track(SyncPoller<?, ?> poller);
    }

    /** The Done detail naming the long-running operation the verification follows. */
    static final String OPERATION = "operation";
    private static final String ACCEPTED = " (accepted: the verification follows the operation)";

    private final AzureClients clients;
    private final Track track;

    AzureOperations(AzureClients clients, Track track) {
        this.clients = clients;
        this.track = track;
    }

    ActionResult aksStart(AzureResourceId id) {
        ManagedClustersClient clusters = clients.aks(id.subscription()).serviceClient().getManagedClusters();
        Code before = powerState(clusters.getByResourceGroup(id.resourceGroup(), id.name()));
        if (Code.RUNNING.equals(before)) {
            return new ActionResult.Done("AKS cluster " + id.name() + " is already running",
                    Map.of("powerState", "Running"));
        }
        String operation = track.track(clusters.beginStart(id.resourceGroup(), id.name()));
        return new ActionResult.Done("started AKS cluster " + id.name() + ACCEPTED,
                Map.of("powerState", before + " -> Running", OPERATION, operation));
    }

    Verification aksRunning(AzureResourceId id) {
        ManagedClusterInner cluster = clients.aks(id.subscription()).serviceClient().getManagedClusters()
                .getByResourceGroup(id.resourceGroup(), id.name());
        if ("Failed".equalsIgnoreCase(cluster.provisioningState())) {
            return new Verification.Failed("lro-failed", "AKS cluster " + id.name() + " is in provisioning state "
                    + "Failed");
        }
        Code state = powerState(cluster);
        return Code.RUNNING.equals(state) ? new Verification.Verified("AKS cluster " + id.name() + " is running")
                : new Verification.Pending("AKS cluster " + id.name() + " is " + state);
    }

    ActionResult aksScale(AzureResourceId id, Action.AksScaleNodePool action) {
        AgentPoolsClient pools = clients.aks(id.subscription()).serviceClient().getAgentPools();
        AgentPoolInner pool = pools.get(id.resourceGroup(), id.name(), action.nodePool());
        int current = pool.count() == null ? 0 : pool.count();
        int wanted = action.count().desired(current);
        String what = "node pool " + action.nodePool() + " of AKS cluster " + id.name();
        if (wanted == current) {
            return new ActionResult.Done(what + " already has " + current + " nodes", Map.of("count",
                    Integer.toString(current)));
        }
        String operation = track.track(pools.beginCreateOrUpdate(id.resourceGroup(), id.name(), action.nodePool(),
                pool.withCount(wanted)));
        return new ActionResult.Done("scaled " + what + " from " + current + " to " + wanted + ACCEPTED,
                Map.of("count", current + " -> " + wanted, OPERATION, operation));
    }

    Verification aksScaled(AzureResourceId id, Action.AksScaleNodePool action, ActionResult.Done done) {
        AgentPoolInner pool = clients.aks(id.subscription()).serviceClient().getAgentPools()
                .get(id.resourceGroup(), id.name(), action.nodePool());
        return reached("node pool " + action.nodePool(), pool.count(), wanted(done, "count"),
                pool.provisioningState());
    }

    ActionResult cosmosThroughput(AzureResourceId id, Action.CosmosThroughput action) {
        SqlResourcesClient sql = clients.cosmos(id.subscription()).serviceClient().getSqlResources();
        Integer throughput = throughput(sql, id, action).resource().throughput();
        String what = "the throughput of " + cosmosName(id, action);
        if (throughput == null) {
            throw new AzureCallException("autoscale-throughput", what + " is autoscale: cosmos-throughput sets "
                    + "manual throughput only", null);
        }
        int wanted = action.throughput().desired(throughput);
        if (wanted == throughput) {
            return new ActionResult.Done(what + " is already " + throughput + " RU/s",
                    Map.of("throughput", throughput.toString()));
        }
        ThroughputSettingsUpdateParameters update = new ThroughputSettingsUpdateParameters()
                .withResource(new ThroughputSettingsResource().withThroughput(wanted));
        SyncPoller<?, ?> poller = action.container() == null
                ? sql.beginUpdateSqlDatabaseThroughput(id.resourceGroup(), id.name(), action.database(), update)
                : sql.beginUpdateSqlContainerThroughput(id.resourceGroup(), id.name(), action.database(),
                        action.container(), update);
        return new ActionResult.Done("set " + what + " from " + throughput + " to " + wanted + " RU/s" + ACCEPTED,
                Map.of("throughput", throughput + " -> " + wanted, OPERATION, track.track(poller)));
    }

    Verification cosmosSet(AzureResourceId id, Action.CosmosThroughput action, ActionResult.Done done) {
        SqlResourcesClient sql = clients.cosmos(id.subscription()).serviceClient().getSqlResources();
        return reached("the throughput of " + cosmosName(id, action), throughput(sql, id, action).resource()
                .throughput(), wanted(done, "throughput"), null);
    }

    ActionResult postgresPromote(AzureResourceId id) {
        ServersClient servers = clients.postgres(id.subscription()).serviceClient().getServers();
        ReplicationRole role = servers.getByResourceGroup(id.resourceGroup(), id.name()).replicationRole();
        if (!replica(role)) {
            return new ActionResult.Done("PostgreSQL server " + id.name() + " is not a replica (" + role + ")",
                    Map.of("replicationRole", String.valueOf(role)));
        }
        String operation = track.track(servers.beginUpdate(id.resourceGroup(), id.name(),
                new ServerForUpdate().withReplicationRole(ReplicationRole.NONE)));
        return new ActionResult.Done("promoted PostgreSQL replica " + id.name() + " to a standalone server"
                + ACCEPTED, Map.of("replicationRole", role + " -> None", OPERATION, operation));
    }

    Verification postgresPromoted(AzureResourceId id) {
        ReplicationRole role = clients.postgres(id.subscription()).serviceClient().getServers()
                .getByResourceGroup(id.resourceGroup(), id.name()).replicationRole();
        return replica(role) ? new Verification.Pending("PostgreSQL server " + id.name() + " is still " + role)
                : new Verification.Verified("PostgreSQL server " + id.name() + " is no longer a replica (" + role + ")");
    }

    private static Code powerState(ManagedClusterInner cluster) {
        return cluster.powerState() == null ? null : cluster.powerState().code();
    }

    private static boolean replica(ReplicationRole role) {
        return ReplicationRole.ASYNC_REPLICA.equals(role) || ReplicationRole.GEO_ASYNC_REPLICA.equals(role);
    }

    private static ThroughputSettingsGetResultsInner throughput(SqlResourcesClient sql, AzureResourceId id,
            Action.CosmosThroughput action) {
        return action.container() == null
                ? sql.getSqlDatabaseThroughput(id.resourceGroup(), id.name(), action.database())
                : sql.getSqlContainerThroughput(id.resourceGroup(), id.name(), action.database(), action.container());
    }

    private static String cosmosName(AzureResourceId id, Action.CosmosThroughput action) {
        return "Cosmos DB " + id.name() + "/" + action.database()
                + (action.container() == null ? "" : "/" + action.container());
    }

    /** The value a SUCCEEDED change set: the right side of {@code before -> after}, or the value unchanged. */
    private static int wanted(ActionResult.Done done, String key) {
        String value = done.details().get(key);
        return Integer.parseInt(value.substring(value.lastIndexOf(' ') + 1));
    }

    private static Verification reached(String what, Integer now, int wanted, String provisioningState) {
        if ("Failed".equalsIgnoreCase(provisioningState)) {
            return new Verification.Failed("lro-failed", what + " is in provisioning state Failed");
        }
        return now != null && now == wanted ? new Verification.Verified(what + " is " + wanted)
                : new Verification.Pending(what + " is " + now + ", not yet " + wanted);
    }
}
