package io.alertpilot.ingest.web;

import io.alertpilot.support.web.SelfAuthenticatedPaths;
import java.util.List;
import java.util.Map;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The webhook paths and the source name each one serves. */
@Configuration(proxyBeanMethods = false)
class WebhookPaths {

    static final String ALERTMANAGER = "/api/v1/webhooks/alertmanager";
    static final String AZURE_MONITOR = "/api/v1/webhooks/azure-monitor";
    static final String GENERIC = "/api/v1/alerts";

    /** Path to source name, as used in configuration, metrics and rejected records. */
    static final Map<String, String> SOURCES = Map.of(
            ALERTMANAGER, "alertmanager",
            AZURE_MONITOR, "azure-monitor",
            GENERIC, "generic");

    /** The webhooks check their own per-source credentials, not the API's. */
    @Bean
    static SelfAuthenticatedPaths ingestWebhookPaths() {
        return new SelfAuthenticatedPaths(List.copyOf(SOURCES.keySet()));
    }

    /** The source served at {@code path}, or null when the path is not a webhook. */
    static String sourceOf(String path) {
        if (path == null) {
            return null;
        }
        String trimmed = path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
        return SOURCES.get(trimmed);
    }
}
