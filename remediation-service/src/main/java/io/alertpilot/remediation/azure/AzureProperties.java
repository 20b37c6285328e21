package io.alertpilot.remediation.azure;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Azure actions ({@code alertpilot.remediation.azure.*}); every default is here. The client secret is
 * not a setting: it is read from {@code clientSecretFile} (a mounted Secret), never logged.
 *
 * @param enabled false (the default): every Azure action is SKIPPED {@code azure-disabled} and reaches a human
 * @param credential how the service signs in: the AKS workload identity, a managed identity, or a client secret
 * @param tenantId the Entra ID tenant; required for {@code client-secret}, else taken from the environment
 * @param clientId the application (client) id; for a managed identity, a user-assigned identity's client id
 * @param resourceManagerEndpoint the Resource Manager, https; another cloud's for sovereign clouds
 * @param authorityHost the Entra ID authority for sovereign clouds; empty for the public cloud's
 * @param callTimeout one HTTP call (one attempt)
 * @param operationTimeout how long the verification follows an action's long-running operation (the action itself
 *     never waits: it answers SUCCEEDED, accepted, once the change is sent); after it the verification reads the
 *     resource's state only, until the verify timeout
 * @param maxRetries retries of a throttled (429, honouring Retry-After), timed-out or 5xx call, after the first
 */
@Validated
@ConfigurationProperties("alertpilot.remediation.azure")
public record AzureProperties(
        @DefaultValue("false") boolean enabled,
        @DefaultValue("workload-identity") Credential credential,
        @DefaultValue("") String tenantId,
        @DefaultValue("") String clientId,
        @DefaultValue("") String clientSecretFile,
        @DefaultValue("https://management.azure.com/") URI resourceManagerEndpoint,
        @DefaultValue("") String authorityHost,
        @DefaultValue("10s") Duration callTimeout,
        @DefaultValue("2m") Duration operationTimeout,
        @DefaultValue("3") @Min(0) @Max(10) int maxRetries,
        @DefaultValue("1s") Duration retryDelay,
        @DefaultValue("30s") Duration maxRetryDelay) {

    /** How the service gets its Azure token. */
    public enum Credential {
        /** AKS workload identity: the federated token file and ids the webhook injects (AZURE_* variables). */
        WORKLOAD_IDENTITY,
        /** The managed identity of the node or pod (system-assigned, or user-assigned by {@code clientId}). */
        MANAGED_IDENTITY,
        /** A service principal's secret read from {@code clientSecretFile}. */
        CLIENT_SECRET
    }

    public AzureProperties {
        if (enabled && !"https".equals(resourceManagerEndpoint.getScheme())) {
            throw new IllegalArgumentException("alertpilot.remediation.azure.resource-manager-endpoint='"
                    + resourceManagerEndpoint + "' must be an https URL (a bearer token is never sent in clear text)");
        }
        if (enabled && credential == Credential.CLIENT_SECRET
                && (tenantId.isBlank() || clientId.isBlank() || clientSecretFile.isBlank())) {
            throw new IllegalArgumentException("alertpilot.remediation.azure.credential=client-secret needs "
                    + "alertpilot.remediation.azure.tenant-id, .client-id and .client-secret-file");
        }
    }

    /** The token scope of the Resource Manager: its endpoint with {@code /.default}. */
    public String scope() {
        String endpoint = resourceManagerEndpoint.toString();
        return (endpoint.endsWith("/") ? endpoint : endpoint + "/") + ".default";
    }
}
