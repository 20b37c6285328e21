package io.alertpilot.remediation.web;

import io.alertpilot.model.maintenance.InvalidWindowException;
import io.alertpilot.support.kafka.KafkaNotAcknowledgedException;
import io.alertpilot.support.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import tools.jackson.core.JacksonException;

/**
 * Problem bodies (RFC 9457) of the maintenance window API, naming the offending field. Ordered before Spring Boot's
 * problem-details handler, which would answer an unreadable body without the field.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = MaintenanceWindowController.class)
class MaintenanceExceptionHandler {

    @ExceptionHandler(InvalidWindowException.class)
    ProblemDetail invalid(InvalidWindowException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-field", e.field(), e.getMessage());
    }

    /**
     * A body that does not bind: the field is the JSON path where binding failed, followed by the field a window part
     * names when it refused its value ({@code matchers[0].value}, {@code recurrence.weekdays[1]}).
     */
    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        JacksonException jackson = find(e, JacksonException.class);
        InvalidWindowException invalid = find(e, InvalidWindowException.class);
        String path = jackson == null ? null : path(jackson);
        if (invalid != null) {
            String field = path == null || path.isEmpty() ? invalid.field() : path + "." + invalid.field();
            return Problems.of(HttpStatus.BAD_REQUEST, "invalid-field", field, field + ": "
                    + invalid.getMessage().substring(invalid.field().length() + 2));
        }
        if (path != null && !path.isEmpty()) {
            return Problems.of(HttpStatus.BAD_REQUEST, "invalid-field", path, path + " has a value of the wrong type "
                    + "or format (times are ISO-8601 instants such as 2026-11-30T22:00:00Z)");
        }
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-json", null, "the body is not valid JSON");
    }

    @ExceptionHandler(MaintenanceWindowController.UnknownWindowException.class)
    ProblemDetail unknown(MaintenanceWindowController.UnknownWindowException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown-window", null, e.getMessage());
    }

    @ExceptionHandler({KafkaNotAcknowledgedException.class, IllegalStateException.class})
    ProblemDetail unavailable(RuntimeException e) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "kafka-unavailable", null, e.getMessage());
    }

    private static String path(JacksonException e) {
        StringBuilder path = new StringBuilder();
        for (JacksonException.Reference reference : e.getPath()) {
            if (reference.getPropertyName() != null) {
                path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
            } else if (reference.getIndex() >= 0) {
                path.append('[').append(reference.getIndex()).append(']');
            }
        }
        return path.toString();
    }

    private static <T extends Throwable> T find(Throwable e, Class<T> type) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (type.isInstance(t)) {
                return type.cast(t);
            }
        }
        return null;
    }
}
