package io.alertpilot.notifier.channel;

import io.alertpilot.model.incident.ApprovalRequest;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * Where a person paged for an approval acts: the console's page of the remediation ({@code
 * <consoleUrl>/remediations/<id>}, when a console URL is configured) and the remediation API's approve and reject
 * calls ({@code <apiUrl>/api/v1/remediations/<id>/approve}), with the equivalent curl. The curl names the token as
 * {@code $ALERTPILOT_API_TOKEN}, never a secret. Immutable.
 *
 * @param consoleUrl the console's base URL, or null when there is no console to link to
 * @param apiUrl the base URL at which people reach the remediation API
 */
public record ApprovalLinks(String consoleUrl, String apiUrl) {

    /** Standalone's address, no console. */
    public static final ApprovalLinks LOCAL = new ApprovalLinks(null, "http://localhost:8080");

    public ApprovalLinks {
        consoleUrl = base(consoleUrl, "console-url");
        apiUrl = base(apiUrl, "api-url");
        if (apiUrl == null) {
            throw new IllegalArgumentException("alertpilot.notifier.links.api-url must be set");
        }
    }

    private static String base(String url, String key) {
        if (url == null || url.isBlank()) {
            return null;
        }
        String trimmed = url.strip();
        if (!trimmed.startsWith("http://") && !trimmed.startsWith("https://")) {
            throw new IllegalArgumentException(
                    "alertpilot.notifier.links." + key + " must be an http:// or https:// URL, not '" + trimmed + "'");
        }
        return trimmed.endsWith("/") ? trimmed.substring(0, trimmed.length() - 1) : trimmed;
    }

    /**
     * True when {@link #apiUrl} names a Kubernetes Service's in-cluster address ({@code <service>.<namespace>.svc} or
     * {@code ...svc.cluster.local}): people outside the cluster cannot run the curl a page shows.
     */
    public boolean apiOnlyInsideCluster() {
        String host;
        try {
            host = URI.create(apiUrl).getHost();
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (host == null) {
            return false;
        }
        String h = host.toLowerCase(Locale.ROOT);
        return h.endsWith(".svc") || h.endsWith(".svc.cluster.local");
    }

    /** What an approval page shows for {@code request}. */
    public ApprovalNotice notice(ApprovalRequest request) {
        String id = URLEncoder.encode(request.remediationId(), StandardCharsets.UTF_8);
        String api = apiUrl + "/api/v1/remediations/" + id;
        return new ApprovalNotice(request, consoleUrl == null ? null : consoleUrl + "/remediations/" + id,
                api + "/approve", api + "/reject");
    }
}
