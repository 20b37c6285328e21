package io.alertpilot.ingest.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds the RFC 9457 problem bodies ingest answers with. */
final class Problems {

    private Problems() {
    }

    /** The problem type URI of a reason code. */
    static URI type(String reason) {
        return URI.create("urn:alertpilot:problem:" + reason);
    }

    /** A problem with a reason code, and the offending field when there is one. */
    static ProblemDetail of(HttpStatus status, String reason, String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(reason));
        problem.setProperty("reason", reason);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }
}
