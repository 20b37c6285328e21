package io.alertpilot.console.security;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfAuthenticationStrategy;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.savedrequest.RequestCache;
import org.springframework.security.web.savedrequest.SavedRequest;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/**
 * The login page, and logging in: a user's token, or name and password, checked by {@link ConsoleLogin}. On success
 * the session id changes (no fixation), the CSRF token is replaced (the one of the login page is refused from then on,
 * as Spring Security's own login does), the session holds the user and the browser goes back to the page it asked
 * for before it was sent to log in (only a path on this site: see {@link #localPath}), else to the incidents; on
 * failure the page says so without telling which part was wrong.
 */
@Controller
class LoginController {

    private static final Logger log = LoggerFactory.getLogger(LoginController.class);

    private final ConsoleLogin login;
    private final SecurityContextRepository contexts;
    private final CsrfAuthenticationStrategy csrfRotation;
    private final RequestCache asked;

    LoginController(ConsoleLogin login, SecurityContextRepository consoleSecurityContextRepository,
            CsrfTokenRepository consoleCsrfTokenRepository, RequestCache consoleRequestCache) {
        this.login = login;
        this.contexts = consoleSecurityContextRepository;
        this.csrfRotation = new CsrfAuthenticationStrategy(consoleCsrfTokenRepository);
        this.asked = consoleRequestCache;
    }

    @GetMapping("/")
    String home() {
        return "redirect:/incidents";
    }

    @GetMapping("/login")
    String page(@RequestParam(required = false) String logout, Model model) {
        model.addAttribute("loggedOut", logout != null);
        return "login";
    }

    @PostMapping("/login")
    String login(@RequestParam(required = false) String token, @RequestParam(required = false) String username,
            @RequestParam(required = false) String password, HttpServletRequest request,
            HttpServletResponse response, Model model) {
        Optional<ConsoleUser> user = login.login(token, username, password);
        if (user.isEmpty()) {
            log.warn("Refused a console login from {}", request.getRemoteAddr());
            model.addAttribute("loginFailed", true);
            model.addAttribute("loggedOut", false);
            response.setStatus(HttpServletResponse.SC_UNAUTHORIZED);
            return "login";
        }
        if (request.getSession(false) != null) {
            request.changeSessionId();
        }
        request.getSession(true);
        ConsoleLogin.LoggedIn authentication = new ConsoleLogin.LoggedIn(user.get());
        csrfRotation.onAuthentication(authentication, request, response);
        SecurityContext context = SecurityContextHolder.createEmptyContext();
        context.setAuthentication(authentication);
        SecurityContextHolder.setContext(context);
        contexts.saveContext(context, request, response);
        log.info("User {} logged in to the console", user.get().name());
        SavedRequest saved = asked.getRequest(request, response);
        asked.removeRequest(request, response);
        return "redirect:" + Optional.ofNullable(saved).flatMap(s -> localPath(s.getRedirectUrl()))
                .orElse("/incidents");
    }

    /**
     * The path (and query) of {@code url} when it is a path on this site: an absolute URL's path, or a relative one
     * that starts with a single {@code /}; empty for anything else ({@code //host}, {@code /\host}, another scheme,
     * control characters), so that a login never sends the browser elsewhere (no open redirect).
     */
    static Optional<String> localPath(String url) {
        if (url == null || url.chars().anyMatch(c -> c < 0x20 || c == 0x7f || c == '\\')) {
            return Optional.empty();
        }
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            return Optional.empty();
        }
        boolean web = uri.getScheme() == null ? url.startsWith("/") && !url.startsWith("//")
                : "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
        String path = uri.getRawPath();
        if (!web || path == null || !path.startsWith("/") || path.startsWith("//")) {
            return Optional.empty();
        }
        return Optional.of(uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery());
    }
}
