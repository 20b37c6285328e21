package io.alertpilot.remediation.azure;

import com.azure.core.credential.TokenCredential;
import com.azure.identity.ClientSecretCredentialBuilder;
import com.azure.identity.ManagedIdentityCredentialBuilder;
import com.azure.identity.WorkloadIdentityCredentialBuilder;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** The Azure sign-in {@link AzureProperties} describe, as azure-identity builds it. */
final class AzureCredentials {

    private AzureCredentials() {
    }

    /**
     * The credential of {@code properties}; a client secret is read once from its file here.
     *
     * @throws UncheckedIOException when the client secret file cannot be read (the message names the file only)
     */
    static TokenCredential of(AzureProperties properties) {
        return switch (properties.credential()) {
            case WORKLOAD_IDENTITY -> {
                WorkloadIdentityCredentialBuilder builder = new WorkloadIdentityCredentialBuilder();
                if (!properties.tenantId().isBlank()) {
                    builder.tenantId(properties.tenantId());
                }
                if (!properties.clientId().isBlank()) {
                    builder.clientId(properties.clientId());
                }
                if (!properties.authorityHost().isBlank()) {
                    builder.authorityHost(properties.authorityHost());
                }
                yield builder.build();
            }
            case MANAGED_IDENTITY -> {
                ManagedIdentityCredentialBuilder builder = new ManagedIdentityCredentialBuilder();
                if (!properties.clientId().isBlank()) {
                    builder.clientId(properties.clientId());
                }
                yield builder.build();
            }
            case CLIENT_SECRET -> {
                ClientSecretCredentialBuilder builder = new ClientSecretCredentialBuilder()
                        .tenantId(properties.tenantId())
                        .clientId(properties.clientId())
                        .clientSecret(secret(Path.of(properties.clientSecretFile())));
                if (!properties.authorityHost().isBlank()) {
                    builder.authorityHost(properties.authorityHost());
                }
                yield builder.build();
            }
        };
    }

    private static String secret(Path file) {
        try {
            return Files.readString(file).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read alertpilot.remediation.azure.client-secret-file " + file
                    + " (" + e.getClass().getSimpleName() + ")", e);
        }
    }
}
