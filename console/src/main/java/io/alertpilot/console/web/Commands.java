package io.alertpilot.console.web;

import io.alertpilot.console.service.InvalidWindowFormException;
import io.alertpilot.console.service.ServiceRefusedException;
import io.alertpilot.console.service.ServiceUnavailableException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Runs one command against a service and leaves its outcome as the {@link Flash} of the page the browser is sent
 * to: what was done, or what the service said when it refused (403 naming the role, 409, 503), or that it could not be
 * reached.
 */
final class Commands {

    private static final Logger log = LoggerFactory.getLogger(Commands.class);

    private Commands() {
    }

    /** Runs {@code command}; {@code done} is the message when it succeeds. Answers the redirect to {@code page}. */
    static String run(RedirectAttributes redirect, String page, String done, Runnable command) {
        redirect.addFlashAttribute(Flash.ATTRIBUTE, outcome(done, command));
        return "redirect:" + page;
    }

    /** Runs {@code command} and answers the flash saying how it went. */
    static Flash outcome(String done, Runnable command) {
        try {
            command.run();
            return Flash.ok(done);
        } catch (ServiceRefusedException e) {
            return Flash.error("Refused: " + e.getMessage());
        } catch (InvalidWindowFormException e) {
            return Flash.error(e.getMessage());
        } catch (ServiceUnavailableException e) {
            log.warn("A console command failed: {}", e.getMessage());
            return Flash.error("Not done: " + e.getMessage());
        }
    }
}
