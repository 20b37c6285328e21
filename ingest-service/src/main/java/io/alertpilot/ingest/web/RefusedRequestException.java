package io.alertpilot.ingest.web;

import org.springframework.http.HttpStatus;

/** A request ingest will not accept; carries what the caller is told and what is kept of the body. */
class RefusedRequestException extends RuntimeException {

    private final HttpStatus status;
    private final String reason;
    private final String field;
    private final RequestBody body;

    RefusedRequestException(HttpStatus status, String reason, String field, String detail, RequestBody body) {
        super(detail);
        this.status = status;
        this.reason = reason;
        this.field = field;
        this.body = body;
    }

    HttpStatus status() {
        return status;
    }

    String reason() {
        return reason;
    }

    String field() {
        return field;
    }

    RequestBody body() {
        return body;
    }
}
