package io.alertpilot.support.web;

import io.alertpilot.model.kafka.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Writes a 401 with both {@code WWW-Authenticate} challenges and a problem+json body, from a servlet filter. */
public final class UnauthorizedResponse {

    private UnauthorizedResponse() {
    }

    public static void write(HttpServletResponse response, String instance, String detail) throws IOException {
        response.setStatus(HttpStatus.UNAUTHORIZED.value());
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"alertpilot\"");
        response.addHeader(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"alertpilot\", charset=\"UTF-8\"");
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", Problems.type("unauthorized").toString());
        problem.put("title", "Unauthorized");
        problem.put("status", HttpStatus.UNAUTHORIZED.value());
        problem.put("detail", detail);
        problem.put("instance", instance);
        problem.put("reason", "unauthorized");
        response.getOutputStream().write(Json.write(problem));
    }
}
