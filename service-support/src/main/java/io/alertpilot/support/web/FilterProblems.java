package io.alertpilot.support.web;

import io.alertpilot.model.kafka.Json;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;

/** Writes a problem+json body shaped like {@link Problems}' from a servlet filter, where no MVC advice runs. */
final class FilterProblems {

    private FilterProblems() {
    }

    static void write(HttpServletResponse response, HttpStatus status, String reason, String instance, String detail,
            Map<String, String> extra) throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", Problems.type(reason).toString());
        problem.put("title", status.getReasonPhrase());
        problem.put("status", status.value());
        problem.put("detail", detail);
        problem.put("instance", instance);
        problem.put("reason", reason);
        problem.putAll(extra);
        response.getOutputStream().write(Json.write(problem));
    }
}
