package io.alertpilot.support.web;

import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.springframework.http.server.PathContainer;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Which {@link Role} a request to the operator APIs needs, in one table read top to bottom (the first rule that
 * matches decides):
 *
 * <table>
 *   <caption>Role rules</caption>
 *   <tr><th>request</th><th>role</th></tr>
 *   <tr><td>{@code GET}, {@code HEAD} anything</td><td>viewer</td></tr>
 *   <tr><td>{@code POST /api/v1/incidents/{id}/acknowledge}, {@code .../resolve}</td><td>responder</td></tr>
 *   <tr><td>{@code POST /api/v1/remediations/{id}/approve}, {@code .../reject}</td><td>approver</td></tr>
 *   <tr><td>{@code POST /api/v1/playbooks/evaluate}, {@code POST /api/v1/maintenance-windows/preview} (read only)</td>
 *       <td>viewer</td></tr>
 *   <tr><td>any other write, maintenance windows and pause included</td><td>admin</td></tr>
 * </table>
 *
 * <p>Paths are the decoded paths Spring MVC maps ({@link RequestPaths}); a trailing slash is ignored. Pure and thread
 * safe.
 */
public final class RoleRules {

    private static final Set<String> READS = Set.of("GET", "HEAD");
    private static final List<Rule> WRITES = List.of(
            new Rule("POST", "/api/v1/incidents/{id}/acknowledge", Role.RESPONDER),
            new Rule("POST", "/api/v1/incidents/{id}/resolve", Role.RESPONDER),
            new Rule("POST", "/api/v1/remediations/{id}/approve", Role.APPROVER),
            new Rule("POST", "/api/v1/remediations/{id}/reject", Role.APPROVER),
            new Rule("POST", "/api/v1/playbooks/evaluate", Role.VIEWER),
            new Rule("POST", "/api/v1/maintenance-windows/preview", Role.VIEWER));

    private RoleRules() {
    }

    /** The role a {@code method} request to {@code path} needs. */
    public static Role required(String method, String path) {
        String verb = method.toUpperCase(Locale.ROOT);
        if (READS.contains(verb)) {
            return Role.VIEWER;
        }
        PathContainer container = PathContainer.parsePath(RequestPaths.withoutTrailingSlash(path));
        return WRITES.stream().filter(rule -> rule.method().equals(verb) && rule.pattern().matches(container))
                .map(Rule::role).findFirst().orElse(Role.ADMIN);
    }

    private record Rule(String method, PathPattern pattern, Role role) {

        Rule(String method, String pattern, Role role) {
            this(method, PathPatternParser.defaultInstance.parse(pattern), role);
        }
    }
}
