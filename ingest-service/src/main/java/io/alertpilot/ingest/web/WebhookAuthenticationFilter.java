package io.alertpilot.ingest.web;

import io.alertpilot.ingest.IngestMetrics;
import io.alertpilot.support.web.Credentials;
import io.alertpilot.support.web.RequestPaths;
import io.alertpilot.support.web.UnauthorizedResponse;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a webhook request through only with a bearer token or basic credential accepted for its source; otherwise
 * answers 401 with {@code WWW-Authenticate} and a problem+json body, before any of the body is read (an
 * unauthenticated body is not stored). Off only with {@code alertpilot.ingest.auth.enabled=false}; on with no
 * credential at all, the service refuses to start.
 */
@Component
class WebhookAuthenticationFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(WebhookAuthenticationFilter.class);

    private final AuthProperties properties;
    private final Credentials credentials;
    private final IngestMetrics metrics;

    WebhookAuthenticationFilter(AuthProperties properties, IngestMetrics metrics) {
        this.properties = properties;
        this.credentials = new Credentials(properties, properties.getSources(), WebhookPaths.SOURCES.values(),
                "alertpilot.ingest.auth");
        this.metrics = metrics;
        if (!properties.isEnabled()) {
            log.warn("Webhook authentication is OFF (alertpilot.ingest.auth.enabled=false): anyone who can reach "
                    + "this service can submit alerts");
            return;
        }
        if (credentials.none()) {
            throw new IllegalStateException("Webhook authentication is on but no credential is configured: set "
                    + "alertpilot.ingest.auth.tokens (ALERTPILOT_INGEST_TOKEN), alertpilot.ingest.auth.users, or "
                    + "alertpilot.ingest.auth.sources.<source>.*; only alertpilot.ingest.auth.enabled=false runs open");
        }
        WebhookPaths.SOURCES.values().stream().filter(source -> !credentials.configured(source)).forEach(source ->
                log.warn("No credential is configured for the {} webhook: it refuses every request", source));
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !properties.isEnabled() || WebhookPaths.sourceOf(RequestPaths.of(request)) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String source = WebhookPaths.sourceOf(RequestPaths.of(request));
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (credentials.accepts(source, authorization)) {
            chain.doFilter(request, response);
            return;
        }
        metrics.rejected(source, "unauthorized");
        log.warn("Refused a {} webhook request from {}: {} credentials", source, request.getRemoteAddr(),
                authorization == null ? "missing" : "wrong");
        UnauthorizedResponse.write(response, request.getRequestURI(), authorization == null
                ? "The Authorization header is missing: send a bearer token or basic credentials for the " + source
                        + " webhook"
                : "The credentials are not accepted for the " + source + " webhook");
    }
}
