package io.alertpilot.support.web;

import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * A request parameter that cannot be used (not one of the allowed values, out of range): answered 400
 * {@code invalid-field} naming the parameter in {@code field}.
 */
public class InvalidParameterException extends RuntimeException {

    private final String field;

    public InvalidParameterException(String field, String message) {
        super(message);
        this.field = field;
    }

    /** The parameter's name. */
    public String field() {
        return field;
    }

    /** The problem body of this refusal. */
    public ProblemDetail problem() {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-field", field, getMessage());
    }
}
