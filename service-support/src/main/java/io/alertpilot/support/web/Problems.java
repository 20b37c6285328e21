package io.alertpilot.support.web;

import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/** Builds the RFC 9457 problem bodies the services answer with: a reason code, and the offending field if any. */
public final class Problems {

    private Problems() {
    }

    /** The problem type URI of a reason code. */
    public static URI type(String reason) {
        return URI.create("urn:alertpilot:problem:" + reason);
    }

    /** A problem with a reason code, and the offending field when there is one. */
    public static ProblemDetail of(HttpStatus status, String reason, String field, String detail) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(status, detail);
        problem.setType(type(reason));
        problem.setProperty("reason", reason);
        if (field != null) {
            problem.setProperty("field", field);
        }
        return problem;
    }
}
