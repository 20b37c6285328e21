package io.alertpilot.ingest;

import io.alertpilot.ingest.normalize.AlertmanagerNormalizer;
import io.alertpilot.ingest.normalize.AzureMonitorNormalizer;
import io.alertpilot.ingest.normalize.GenericNormalizer;
import io.alertpilot.model.alert.SeverityMapping;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The pure parts of ingest, wired from its settings. */
@Configuration(proxyBeanMethods = false)
class IngestConfiguration {

    @Bean
    SeverityMapping ingestSeverityMapping(IngestProperties properties) {
        return SeverityMapping.withOverrides(properties.severities());
    }

    @Bean
    AlertmanagerNormalizer alertmanagerNormalizer(SeverityMapping ingestSeverityMapping, IngestProperties properties) {
        return new AlertmanagerNormalizer(ingestSeverityMapping, properties.maxAlertsPerRequest());
    }

    @Bean
    AzureMonitorNormalizer azureMonitorNormalizer(SeverityMapping ingestSeverityMapping) {
        return new AzureMonitorNormalizer(ingestSeverityMapping);
    }

    @Bean
    GenericNormalizer genericNormalizer(SeverityMapping ingestSeverityMapping, IngestProperties properties) {
        return new GenericNormalizer(ingestSeverityMapping, properties.maxAlertsPerRequest());
    }
}
