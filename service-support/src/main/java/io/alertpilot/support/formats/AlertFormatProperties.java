package io.alertpilot.support.formats;

import io.alertpilot.model.alert.Severity;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * How the services read alert bodies ({@code alertpilot.formats.*}): ingest's webhooks and remediation's evaluate bind
 * these same keys, so the same configuration classifies an alert alike in both. The default lives here.
 *
 * @param severities severity texts added to (or overriding) the default mapping, e.g. {@code severities.p2: HIGH}
 * @param maxAlertsPerRequest the most alerts one body may carry, 1 to 100000; null when not set, then
 *     {@value #DEFAULT_MAX_ALERTS_PER_REQUEST} applies
 * @param maxValueLength the most characters of a label or annotation value kept, 64 to 1048576; a longer value is cut
 *     and marked (and counted by ingest); null when not set, then {@code FormatSettings.DEFAULT_MAX_VALUE_LENGTH}
 *     (4096) applies
 */
@ConfigurationProperties("alertpilot.formats")
public record AlertFormatProperties(Map<String, Severity> severities, Integer maxAlertsPerRequest,
        Integer maxValueLength) {

    /**
     * The most alerts one body may carry when nothing is configured: far above the largest group a real Alertmanager
     * sends (Alertmanager never retries a refused group), low enough to stop abuse.
     */
    public static final int DEFAULT_MAX_ALERTS_PER_REQUEST = 50_000;

    public AlertFormatProperties {
        severities = severities == null ? Map.of() : Map.copyOf(severities);
    }
}
