package io.alertpilot.support.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Writes a 403 problem+json body (reason {@code forbidden}) from a servlet filter for an authenticated user who lacks
 * the role a request needs; its {@code role} field names that role ({@code responder}, ...).
 */
public final class ForbiddenResponse {

    private ForbiddenResponse() {
    }

    /**
     * @param user who asked
     * @param missing the role the request needs
     * @param method the request's method
     * @param path the request's path
     */
    public static void write(HttpServletResponse response, String user, Role missing, String method, String path)
            throws IOException {
        FilterProblems.write(response, HttpStatus.FORBIDDEN, "forbidden", path,
                "user " + user + " lacks role " + missing.configName() + " for " + method + " " + path,
                Map.of("role", missing.configName()));
    }
}
