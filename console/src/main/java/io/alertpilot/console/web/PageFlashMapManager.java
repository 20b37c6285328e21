package io.alertpilot.console.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.stereotype.Component;
import org.springframework.web.servlet.FlashMap;
import org.springframework.web.servlet.FlashMapManager;
import org.springframework.web.servlet.support.SessionFlashMapManager;

/**
 * The flash messages of the console ({@link Flash}), kept in the session until the page a command redirected to is
 * shown. An htmx request never takes them: a live page reloading itself on a server-sent event while the command
 * is in flight asks for the same path as the redirect, and would otherwise use up the message before the browser
 * arrives. The name is the one the dispatcher servlet looks up, and Spring Boot's own flash map manager backs off for
 * it.
 */
@Component("flashMapManager")
class PageFlashMapManager implements FlashMapManager {

    /** The header htmx sends with every request it makes. */
    static final String HTMX_REQUEST = "HX-Request";

    private final SessionFlashMapManager session = new SessionFlashMapManager();

    @Override
    public FlashMap retrieveAndUpdate(HttpServletRequest request, HttpServletResponse response) {
        if (request.getHeader(HTMX_REQUEST) != null) {
            return null;
        }
        return session.retrieveAndUpdate(request, response);
    }

    @Override
    public void saveOutputFlashMap(FlashMap flashMap, HttpServletRequest request, HttpServletResponse response) {
        session.saveOutputFlashMap(flashMap, request, response);
    }
}
