package io.alertpilot.remediation.web;

import io.alertpilot.model.maintenance.InvalidWindowException;
import io.alertpilot.support.kafka.KafkaNotAcknowledgedException;
import io.alertpilot.support.web.Problems;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * Problem bodies (RFC 9457) of the maintenance window API, naming the offending field (a JSON path such as
 * {@code matchers[0].value}). Ordered before Spring Boot's problem-details handler.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(assignableTypes = MaintenanceWindowController.class)
class MaintenanceExceptionHandler {

    @ExceptionHandler(InvalidWindowException.class)
    ProblemDetail invalid(InvalidWindowException e) {
        if (e.field() == null) {
            return Problems.of(HttpStatus.BAD_REQUEST, "invalid-json", null, e.getMessage());
        }
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-field", e.field(), e.getMessage());
    }

    @ExceptionHandler(MaintenanceWindowController.UnknownWindowException.class)
    ProblemDetail unknown(MaintenanceWindowController.UnknownWindowException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown-window", null, e.getMessage());
    }

    @ExceptionHandler({KafkaNotAcknowledgedException.class, IllegalStateException.class})
    ProblemDetail unavailable(RuntimeException e) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, "kafka-unavailable", null, e.getMessage());
    }
}
