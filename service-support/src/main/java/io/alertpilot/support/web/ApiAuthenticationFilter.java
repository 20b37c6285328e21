package io.alertpilot.support.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.security.Principal;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Requires the credential of a configured user ({@link ConfiguredApiUsers}) on every request under {@code /api/},
 * except the {@link SelfAuthenticatedPaths}, and the role {@link RoleRules} names for the request: 401 without an
 * accepted credential, 403 (problem+json naming the missing {@code role}) without the role. An admitted request's
 * principal ({@link HttpServletRequest#getUserPrincipal()}, which Spring MVC hands to a {@link Principal} parameter)
 * is the user, named as configured ({@value Credentials#TOKEN_USER} for the shared token).
 *
 * <p>Under {@code /actuator/health} a credential is optional: a caller whose credential is accepted is the request's
 * principal, so that health shows its components ({@code management.endpoint.health.show-details=when-authorized});
 * anyone else, probes included, sees the status only. Metrics are not touched.
 */
public class ApiAuthenticationFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(ApiAuthenticationFilter.class);
    private static final String HEALTH = "/actuator/health";

    private final ApiAuthProperties properties;
    private final ConfiguredApiUsers users;
    private final Set<String> excluded;

    public ApiAuthenticationFilter(ApiAuthProperties properties, ConfiguredApiUsers users,
            Collection<SelfAuthenticatedPaths> selfAuthenticated) {
        this.properties = properties;
        this.users = users;
        this.excluded = selfAuthenticated.stream().flatMap(paths -> paths.paths().stream()).collect(Collectors.toSet());
        if (!properties.isEnabled()) {
            log.warn("API authentication is OFF (alertpilot.api.auth.enabled=false): anyone who can reach this "
                    + "service can use its API");
        } else if (users.none()) {
            log.warn("No API credential is configured (alertpilot.api.users.<name>, alertpilot.api.auth.tokens, "
                    + "ALERTPILOT_API_TOKEN): every request to /api/ is refused");
        }
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        String path = RequestPaths.of(request);
        return !properties.isEnabled() || !(isApi(path) || isHealth(path))
                || excluded.contains(RequestPaths.withoutTrailingSlash(path));
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
        String path = RequestPaths.of(request);
        Optional<ApiUser> user = authorization == null ? Optional.empty() : users.authenticate(authorization);
        if (isHealth(path)) {
            chain.doFilter(user.map(u -> authenticated(request, u)).orElse(request), response);
            return;
        }
        if (user.isEmpty()) {
            log.warn("Refused an API request to {} from {}: {} credentials", request.getRequestURI(),
                    request.getRemoteAddr(), authorization == null ? "missing" : "wrong");
            UnauthorizedResponse.write(response, request.getRequestURI(), authorization == null
                    ? "The Authorization header is missing: send the API bearer token or basic credentials"
                    : "The credentials are not accepted for the API");
            return;
        }
        Role required = RoleRules.required(request.getMethod(), path);
        if (!user.get().has(required)) {
            log.warn("Refused {} {} to user {}: lacks role {}", request.getMethod(), path, user.get().name(),
                    required.configName());
            ForbiddenResponse.write(response, user.get().name(), required, request.getMethod(), path);
            return;
        }
        chain.doFilter(authenticated(request, user.get()), response);
    }

    private static boolean isApi(String path) {
        return path.startsWith("/api/") || path.equals("/api");
    }

    private static boolean isHealth(String path) {
        return path.equals(HEALTH) || path.startsWith(HEALTH + "/");
    }

    /** The request as seen by the handler: its principal is the user, and its roles are the user's. */
    private static HttpServletRequest authenticated(HttpServletRequest request, ApiUser user) {
        Principal principal = user::name;
        return new HttpServletRequestWrapper(request) {
            @Override
            public Principal getUserPrincipal() {
                return principal;
            }

            @Override
            public String getRemoteUser() {
                return user.name();
            }

            @Override
            public boolean isUserInRole(String role) {
                try {
                    return user.has(Role.named(role));
                } catch (IllegalArgumentException e) {
                    return false;
                }
            }
        };
    }
}
