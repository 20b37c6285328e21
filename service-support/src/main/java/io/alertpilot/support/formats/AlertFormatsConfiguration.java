package io.alertpilot.support.formats;

import io.alertpilot.formats.AlertFormats;
import io.alertpilot.formats.FormatSettings;
import io.alertpilot.model.alert.SeverityMapping;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * The one {@link AlertFormats} of an application, built from {@code alertpilot.formats.*} (and the keys' former names
 * under {@code alertpilot.ingest}, with a warning). Imported by every service that reads alert bodies; services
 * running in one JVM share the bean. Bad values fail start-up with a message naming the property.
 */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(AlertFormatProperties.class)
public class AlertFormatsConfiguration {

    private static final Logger log = LoggerFactory.getLogger(AlertFormatsConfiguration.class);

    @Bean
    AlertFormats alertFormats(AlertFormatProperties properties, Environment environment) {
        return new AlertFormats(settings(properties, FormerIngestKeys.of(environment)));
    }

    static FormatSettings settings(AlertFormatProperties properties, FormerIngestKeys former) {
        if (!former.isEmpty()) {
            log.warn("{} and {} are read as alertpilot.formats.severities and "
                    + "alertpilot.formats.max-alerts-per-request: rename them, the services that read alert bodies "
                    + "share these keys", FormerIngestKeys.SEVERITIES, FormerIngestKeys.MAX_ALERTS);
        }
        int maxAlerts = former.maxAlertsPerRequest(properties.maxAlertsPerRequest(),
                AlertFormatProperties.DEFAULT_MAX_ALERTS_PER_REQUEST);
        FormatSettings settings;
        try {
            settings = new FormatSettings(SeverityMapping.withOverrides(former.mergeSeverities(properties.severities())),
                    maxAlerts);
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("alertpilot.formats.max-alerts-per-request: " + e.getMessage());
        }
        if (properties.maxValueLength() == null) {
            return settings;
        }
        try {
            return new FormatSettings(settings.severities(), maxAlerts, properties.maxValueLength());
        } catch (IllegalArgumentException e) {
            throw new IllegalStateException("alertpilot.formats.max-value-length: " + e.getMessage());
        }
    }
}
