package io.alertpilot.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires a bearer token or basic credential from {@link ApiAuthProperties} on every request under {@code /api/},
 * except the {@link SelfAuthenticatedPaths}. Under {@code /actuator/health} a credential is optional: a caller whose
 * credential is accepted is the request's principal, so that health shows its components
 * ({@code management.endpoint.health.show-details=when-authorized}); anyone else, probes included, sees the status
 * only. Metrics are not touched.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiAuthenticationFilter.class);
    private static final String SCOPE = "api";
    private static final String HEALTH = "/actuator/health";
    private static final Principal API_CALLER = () -> "api";

    private final ApiAuthProperties properties;
    private final Credentials credentials;
    private final Set<String> excluded;

    public ApiAuthenticationFilter(ApiAuthProperties properties, Collection<SelfAuthenticatedPaths> selfAuthenticated) {
        this.properties = properties;
        this.credentials = new Credentials(properties, Map.of(), List.of(SCOPE), "alertpilot.api.auth");
        this.excluded = selfAuthenticated.stream().flatMap(paths -> paths.paths().stream()).collect(Collectors.toSet());
        if (!properties.isEnabled()) {
            log.warn("API authentication is OFF (alertpilot.api.auth.enabled=false): anyone who can reach this "
                    + "service can use its API");
        } else if (credentials.none()) {
            log.warn("No API credential is configured (alertpilot.api.auth.tokens, ALERTPILOT_API_TOKEN): every "
                    + "request to /api/ is refused");
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = RequestPaths.of(request);
        return !properties.isEnabled() || !(isApi(path) || isHealth(path)) || excluded.contains(trimSlash(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        if (isHealth(RequestPaths.of(request))) {
            chain.doFilter(authorization != null && credentials.accepts(SCOPE, authorization)
                    ? authenticated(request) : request, response);
            return;
        }
        if (credentials.accepts(SCOPE, authorization)) {
            chain.doFilter(request, response);
            return;
        }
        log.warn("Refused an API request to {} from {}: {} credentials", request.getRequestURI(),
                request.getRemoteAddr(), authorization == null ? "missing" : "wrong");
        UnauthorizedResponse.write(response, request.getRequestURI(), authorization == null
                ? "The Authorization header is missing: send the API bearer token or basic credentials"
                : "The credentials are not accepted for the API");
    }

    private static boolean isApi(String path) {
        return path.startsWith("/api/") || path.equals("/api");
    }

    private static boolean isHealth(String path) {
        return path.equals(HEALTH) || path.startsWith(HEALTH + "/");
    }

    private static HttpServletRequest authenticated(HttpServletRequest request) {
        return new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return API_CALLER;
            }
        };
    }

    private static String trimSlash(String path) {
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }
}
