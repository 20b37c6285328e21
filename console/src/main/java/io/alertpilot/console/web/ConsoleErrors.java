package io.alertpilot.console.web;

import io.alertpilot.support.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Bad input to a console page: 400 problem+json naming the field; an unknown incident or remediation: 404. */
@RestControllerAdvice(basePackages = "io.alertpilot.console.web")
class ConsoleErrors {

    @ExceptionHandler(InvalidFilterException.class)
    ProblemDetail invalidFilter(InvalidFilterException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-filter", e.field(), e.getMessage());
    }

    @ExceptionHandler(UnknownItemException.class)
    @ResponseStatus(HttpStatus.NOT_FOUND)
    ProblemDetail unknown(UnknownItemException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown", "id", e.getMessage());
    }
}
