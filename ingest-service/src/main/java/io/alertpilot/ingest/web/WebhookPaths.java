package io.alertpilot.ingest.web;

import java.util.Map;

/** The webhook paths and the source name each one serves. */
final class WebhookPaths {

    static final String ALERTMANAGER = "/api/v1/webhooks/alertmanager";
    static final String AZURE_MONITOR = "/api/v1/webhooks/azure-monitor";
    static final String GENERIC = "/api/v1/alerts";

    /** Path to source name, as used in configuration, metrics and rejected records. */
    static final Map<String, String> SOURCES = Map.of(
            ALERTMANAGER, "alertmanager",
            AZURE_MONITOR, "azure-monitor",
            GENERIC, "generic");

    private WebhookPaths() {
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
