package io.alertpilot.ingest.web;

import io.alertpilot.ingest.IngestMetrics;
import io.alertpilot.model.kafka.Json;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Lets a webhook request through only with a bearer token or basic credential accepted for its source; otherwise
 * answers 401 with {@code WWW-Authenticate} and a problem+json body, before any of the body is read (an
 * unauthenticated body is not stored). Off only with {@code alertpilot.ingest.auth.enabled=false}.
 */
@Component
class WebhookAuthenticationFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(WebhookAuthenticationFilter.class);

    private final AuthProperties properties;
    private final Credentials credentials;
    private final IngestMetrics metrics;

    WebhookAuthenticationFilter(AuthProperties properties, IngestMetrics metrics) {
        this.properties = properties;
        this.credentials = new Credentials(properties, WebhookPaths.SOURCES.values());
        this.metrics = metrics;
        if (!properties.isEnabled()) {
            log.warn("Webhook authentication is OFF (alertpilot.ingest.auth.enabled=false): anyone who can reach "
                    + "this service can submit alerts");
        } else {
            WebhookPaths.SOURCES.values().stream().filter(source -> !credentials.configured(source)).forEach(source ->
                    log.warn("No credential is configured for the {} webhook: it refuses every request", source));
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !properties.isEnabled() || WebhookPaths.sourceOf(request.getRequestURI()) == null;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String source = WebhookPaths.sourceOf(request.getRequestURI());
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (credentials.accepts(source, authorization)) {
            chain.doFilter(request, response);
            return;
        }
        metrics.rejected(source, "unauthorized");
        log.warn("Refused a {} webhook request from {}: {} credentials", source, request.getRemoteAddr(),
                authorization == null ? "missing" : "wrong");
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"alertpilot\"");
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"alertpilot\", charset=\"UTF-8\"");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", Problems.type("unauthorized"));
        problem.put("title", "Unauthorized");
        problem.put("status", HttpStatus.UNAUTHORIZED.value());
        problem.put("detail", authorization == null
                ? "The Authorization header is missing: send a bearer token or basic credentials for the " + source
                        + " webhook"
                : "The credentials are not accepted for the " + source + " webhook");
        problem.put("instance", request.getRequestURI());
        problem.put("reason", "unauthorized");
        response.getOutputStream().write(Json.write(problem));
    }
}
