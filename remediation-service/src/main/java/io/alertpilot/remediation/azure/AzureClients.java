package io.alertpilot.remediation.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.HttpPipeline;
import com.azure.core.http.HttpPipelineBuilder;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.azure.core.http.policy.BearerTokenAuthenticationPolicy;
import com.azure.core.http.policy.ExponentialBackoff;
import com.azure.core.http.policy.RequestIdPolicy;
import com.azure.core.http.policy.RetryPolicy;
import com.azure.core.http.policy.UserAgentPolicy;
import com.azure.core.management.AzureEnvironment;
import com.azure.core.management.profile.AzureProfile;
import com.azure.resourcemanager.containerservice.ContainerServiceManager;
import com.azure.resourcemanager.cosmos.CosmosManager;
import com.azure.resourcemanager.postgresqlflexibleserver.PostgreSqlManager;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The Azure management clients, one set per subscription, over one HTTP pipeline: request id, the SDK's retry
 * (bounded by {@code maxRetries}, honouring Retry-After on 429 and 503), the bearer token of the credential for the
 * Resource Manager's scope. Created on first use. Thread safe.
 */
public final class AzureClients {

    private final HttpPipeline pipeline;
    private final AzureProperties properties;
    private final Map<String, ContainerServiceManager> aks = new ConcurrentHashMap<>();
    private final Map<String, CosmosManager> cosmos = new ConcurrentHashMap<>();
    private final Map<String, PostgreSqlManager> postgres = new ConcurrentHashMap<>();

    /**
     * @param httpClient the HTTP client; null for the JDK's with the configured timeouts
     */
    public AzureClients(AzureProperties properties, TokenCredential credential, HttpClient httpClient) {
        this.properties = properties;
        HttpClient client = httpClient != null ? httpClient : new JdkHttpClientBuilder()
                .connectionTimeout(properties.callTimeout())
                .responseTimeout(properties.callTimeout())
                .readTimeout(properties.callTimeout())
                .build();
        this.pipeline = new HttpPipelineBuilder()
                .httpClient(client)
                .policies(new UserAgentPolicy("alertpilot-remediation"), new RequestIdPolicy(),
                        new RetryPolicy(new ExponentialBackoff(properties.maxRetries(), properties.retryDelay(),
                                properties.maxRetryDelay())),
                        new BearerTokenAuthenticationPolicy(credential, properties.scope()))
                .build();
    }

    /** The AKS client of {@code subscription}. */
    ContainerServiceManager aks(String subscription) {
        return aks.computeIfAbsent(subscription, s -> ContainerServiceManager.authenticate(pipeline, profile(s)));
    }

    /** The Cosmos DB client of {@code subscription}. */
    CosmosManager cosmos(String subscription) {
        return cosmos.computeIfAbsent(subscription, s -> CosmosManager.authenticate(pipeline, profile(s)));
    }

    /** The PostgreSQL flexible server client of {@code subscription}. */
    PostgreSqlManager postgres(String subscription) {
        return postgres.computeIfAbsent(subscription, s -> PostgreSqlManager.authenticate(pipeline, profile(s)));
    }

    private AzureProfile profile(String subscription) {
        String endpoint = properties.resourceManagerEndpoint().toString();
        AzureEnvironment environment = new AzureEnvironment(Map.of(
                "resourceManagerEndpointUrl", endpoint,
                "managementEndpointUrl", endpoint,
                "activeDirectoryEndpointUrl", properties.authorityHost().isBlank()
                        ? AzureEnvironment.AZURE.getActiveDirectoryEndpoint() : properties.authorityHost()));
        return new AzureProfile(properties.tenantId().isBlank() ? null : properties.tenantId(), subscription,
                environment);
    }
}
