package io.alertpilot.console.web;

import io.alertpilot.console.security.ConsoleUser;
import io.alertpilot.support.web.InvalidParameterException;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.servlet.ModelAndView;

/**
 * Bad input to a console page: 400 problem+json naming the field; an unknown incident or remediation: the 404 page
 * saying which (with the header of the logged-in user, as every page).
 */
@RestControllerAdvice(basePackages = "io.alertpilot.console.web")
class ConsoleErrors {

    @ExceptionHandler(InvalidParameterException.class)
    ProblemDetail invalidFilter(InvalidParameterException e) {
        return e.problem();
    }

    @ExceptionHandler(UnknownItemException.class)
    ModelAndView unknown(UnknownItemException e) {
        ModelAndView page = new ModelAndView("not-found", HttpStatus.NOT_FOUND);
        page.addObject("message", e.getMessage());
        page.addObject("user", ConsoleUser.of(SecurityContextHolder.getContext().getAuthentication()));
        return page;
    }
}
