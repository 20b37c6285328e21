package io.alertpilot.support.web;

import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;

/** Writes a 401 with both {@code WWW-Authenticate} challenges and a problem+json body, from a servlet filter. */
public final class UnauthorizedResponse {

    private UnauthorizedResponse() {
    }

    public static void write(HttpServletResponse response, String instance, String detail) throws IOException {
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"alertpilot\"");
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"alertpilot\", charset=\"UTF-8\"");
        FilterProblems.write(response, HttpStatus.UNAUTHORIZED, "unauthorized", instance, detail, Map.of());
    }
}
