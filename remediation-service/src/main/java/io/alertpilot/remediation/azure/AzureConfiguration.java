package io.alertpilot.remediation.azure;

import io.alertpilot.remediation.k8s.ResilienceSettings;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** Wires the Azure actions when {@code alertpilot.remediation.azure.enabled} is true. */
@Configuration(proxyBeanMethods = false)
public class AzureConfiguration {

    @Bean
    @ConditionalOnProperty(name = "alertpilot.remediation.azure.enabled", havingValue = "true")
    AzureActionExecutor remediationAzure(AzureProperties properties, ResilienceSettings remediationResilienceSettings,
            MeterRegistry registry) {
        AzureClients clients = new AzureClients(properties, AzureCredentials.of(properties), null);
        return new AzureActionExecutor(clients, new AzureResilience(remediationResilienceSettings, registry),
                properties.operationTimeout());
    }
}
