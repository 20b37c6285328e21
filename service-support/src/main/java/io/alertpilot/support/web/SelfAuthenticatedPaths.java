package io.alertpilot.support.web;

import java.util.List;

/**
 * Paths under {@code /api/} that check their own credentials (the webhooks, which have per-source credentials or
 * signatures) and so are left alone by {@link ApiAuthenticationFilter}. A service declares one bean of this type.
 *
 * @param paths exact paths
 */
public record SelfAuthenticatedPaths(List<String> paths) {

    public SelfAuthenticatedPaths {
        paths = List.copyOf(paths);
    }
}
