package io.alertpilot.console.web;

import io.alertpilot.console.security.ConsoleUser;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** What every console page shows: the logged-in user (name, roles) for the header and the buttons of its roles. */
@ControllerAdvice(basePackages = "io.alertpilot.console")
class ConsoleModel {

    @ModelAttribute("user")
    ConsoleUser user(Authentication authentication) {
        return ConsoleUser.of(authentication);
    }
}
