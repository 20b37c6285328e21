package io.alertpilot.support.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.web.util.UrlPathHelper;

/**
 * The path of a request as Spring MVC maps it to a handler: percent-decoded, without {@code ;} path parameters, with
 * {@code //} merged. Filters that decide by path must use this, never {@link HttpServletRequest#getRequestURI()}:
 * {@code /%61pi/v1/alerts} and {@code /api;x=y/v1/alerts} do not start with {@code /api/} as raw URIs, yet reach the
 * handler of {@code /api/v1/alerts}.
 */
public final class RequestPaths {

    private RequestPaths() {
    }

    /** The decoded, normalized path of {@code request} within the application. */
    public static String of(HttpServletRequest request) {
        return UrlPathHelper.defaultInstance.getPathWithinApplication(request);
    }

    /** {@code path} without one trailing slash ({@code /} itself stays). */
    public static String withoutTrailingSlash(String path) {
        return path.endsWith("/") && path.length() > 1 ? path.substring(0, path.length() - 1) : path;
    }
}
