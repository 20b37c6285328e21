package io.alertpilot.remediation.action;

import io.alertpilot.remediation.playbook.AzureResourceIdSyntax;
import java.util.Locale;
import java.util.regex.Matcher;

/**
 * An Azure Resource Manager resource id, {@code /subscriptions/<s>/resourceGroups/<g>/providers/<namespace>/<type>/<name>}
 * (a top-level resource), taken apart.
 *
 * @param provider the resource provider namespace, e.g. {@code Microsoft.ContainerService}
 * @param type the resource type within it, e.g. {@code managedClusters}
 */
public record AzureResourceId(String subscription, String resourceGroup, String provider, String type, String name) {

    /** AKS clusters. */
    public static final String MANAGED_CLUSTER = "Microsoft.ContainerService/managedClusters";
    /** Cosmos DB accounts. */
    public static final String COSMOS_ACCOUNT = "Microsoft.DocumentDB/databaseAccounts";
    /** Azure Database for PostgreSQL flexible servers. */
    public static final String POSTGRES_FLEXIBLE_SERVER = "Microsoft.DBforPostgreSQL/flexibleServers";

    /**
     * The parts of {@code id}.
     *
     * @throws IllegalArgumentException when {@code id} is not the id of a top-level resource in a resource group
     */
    public static AzureResourceId parse(String id) {
        Matcher matcher = AzureResourceIdSyntax.ID.matcher(id == null ? "" : id.strip());
        if (!matcher.matches()) {
            throw new IllegalArgumentException("is not an Azure resource id of the form /subscriptions/<subscription>"
                    + "/resourceGroups/<group>/providers/<namespace>/<type>/<name>");
        }
        return new AzureResourceId(matcher.group(1), matcher.group(2), matcher.group(3), matcher.group(4),
                matcher.group(5));
    }

    /** True when this is a resource of {@code providerType} ({@code namespace/type}, case-insensitive as in Azure). */
    public boolean is(String providerType) {
        return (provider + "/" + type).toLowerCase(Locale.ROOT).equals(providerType.toLowerCase(Locale.ROOT));
    }

    /** The id as Azure writes it. */
    public String id() {
        return "/subscriptions/" + subscription + "/resourceGroups/" + resourceGroup + "/providers/" + provider + "/"
                + type + "/" + name;
    }
}
