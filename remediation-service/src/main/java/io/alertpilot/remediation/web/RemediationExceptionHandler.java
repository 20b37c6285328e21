package io.alertpilot.remediation.web;

import io.alertpilot.formats.InvalidAlertException;
import io.alertpilot.remediation.guard.GuardCheckUnavailableException;
import io.alertpilot.remediation.playbook.InvalidPlaybookException;
import io.alertpilot.support.web.InvalidParameterException;
import io.alertpilot.support.web.Problems;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Problem bodies (RFC 9457) for the remediation API only. */
@RestControllerAdvice(assignableTypes = {PlaybookController.class, RemediationController.class})
class RemediationExceptionHandler {

    @ExceptionHandler(InvalidAlertException.class)
    ProblemDetail invalidAlert(InvalidAlertException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-field", e.field(), e.getMessage());
    }

    /**
     * Draft playbooks in evaluate that cannot be used: the first problem's file, playbook and field, and every problem
     * in {@code problems}, as the loader reports them.
     */
    @ExceptionHandler(InvalidPlaybookException.class)
    ProblemDetail invalidPlaybook(InvalidPlaybookException e) {
        ProblemDetail problem = Problems.of(HttpStatus.BAD_REQUEST, "invalid-playbook", e.field(), e.getMessage());
        problem.setProperty("file", e.file());
        problem.setProperty("playbook", e.playbook());
        problem.setProperty("problems", e.problems().stream().map(p -> new PlaybookProblem(p.source(), p.item(),
                p.field(), p.line() > 0 ? p.line() : null, p.message())).toList());
        return problem;
    }

    /** One problem of a draft playbook file; {@code line} is null when unknown. */
    record PlaybookProblem(String file, String playbook, String field, Integer line, String message) {
    }

    @ExceptionHandler(HttpMessageNotReadableException.class)
    ProblemDetail unreadable(HttpMessageNotReadableException e) {
        return Problems.of(HttpStatus.BAD_REQUEST, "invalid-json", null, "the body is not valid JSON");
    }

    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail badRequest(InvalidParameterException e) {
        return e.problem();
    }

    @ExceptionHandler(RemediationController.UnknownRemediationException.class)
    ProblemDetail unknown(RemediationController.UnknownRemediationException e) {
        return Problems.of(HttpStatus.NOT_FOUND, "unknown-remediation", "id", e.getMessage());
    }

    @ExceptionHandler(RemediationController.NotPendingException.class)
    ProblemDetail notPending(RemediationController.NotPendingException e) {
        return Problems.of(HttpStatus.CONFLICT, "not-pending", null, e.getMessage());
    }

    @ExceptionHandler(GuardCheckUnavailableException.class)
    ProblemDetail unavailable(GuardCheckUnavailableException e) {
        return Problems.of(HttpStatus.SERVICE_UNAVAILABLE, e.reason(), null, e.getMessage());
    }
}
