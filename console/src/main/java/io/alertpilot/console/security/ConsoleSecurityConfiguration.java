package io.alertpilot.console.security;

import jakarta.servlet.ServletContext;
import jakarta.servlet.SessionTrackingMode;
import java.util.Set;
import org.springframework.boot.web.server.servlet.CookieSameSiteSupplier;
import org.springframework.boot.web.servlet.ServletContextInitializer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpMethod;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configuration.EnableWebSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.security.web.context.SecurityContextRepository;
import org.springframework.security.web.csrf.CsrfTokenRepository;
import org.springframework.security.web.csrf.HttpSessionCsrfTokenRepository;
import org.springframework.security.web.savedrequest.HttpSessionRequestCache;
import org.springframework.security.web.savedrequest.RequestCache;

/**
 * Spring Security for the console's own paths only: a session after login, CSRF on every write, the role each command
 * needs, and the Content-Security-Policy. Everything else ({@code /api/**}, {@code /actuator/**}, the webhooks) passes
 * through a permit-all, stateless chain without CSRF, left to the services' own API filter as before, so that the
 * console changes nothing for them when it shares their JVM (standalone).
 */
@Configuration(proxyBeanMethods = false)
@EnableWebSecurity
class ConsoleSecurityConfiguration {

    /** The session cookie's name (the servlet container's default). */
    static final String SESSION_COOKIE = "JSESSIONID";

    static final String CSP = "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; "
            + "object-src 'none'; base-uri 'none'; frame-ancestors 'none'; form-action 'self'";

    /** The console's paths: its pages, their static files, login and logout. */
    static final String[] CONSOLE_PATHS = {"/", "/login", "/logout", "/incidents", "/incidents/**", "/remediations",
        "/remediations/**", "/playbooks", "/playbooks/**", "/windows", "/windows/**", "/audit", "/audit.csv",
        "/audit.json", "/health", "/events", "/console/**", "/webjars/**"};

    @Bean
    SecurityContextRepository consoleSecurityContextRepository() {
        return new HttpSessionSecurityContextRepository();
    }

    /** Where the CSRF token is kept (the session); the login replaces it ({@link LoginController}). */
    @Bean
    CsrfTokenRepository consoleCsrfTokenRepository() {
        return new HttpSessionCsrfTokenRepository();
    }

    /**
     * Where a browser was going when it was sent to log in (kept in its session, taken by the login): a page's GET,
     * never an htmx fragment or the event stream.
     */
    @Bean
    RequestCache consoleRequestCache() {
        HttpSessionRequestCache cache = new HttpSessionRequestCache();
        cache.setMatchingRequestParameterName(null);
        cache.setRequestMatcher(request -> HttpMethod.GET.matches(request.getMethod())
                && request.getHeader("HX-Request") == null
                && !Set.of("/events", "/login").contains(request.getRequestURI()
                        .substring(request.getContextPath().length())));
        return cache;
    }

    @Bean
    @Order(1)
    SecurityFilterChain consoleFilterChain(HttpSecurity http, SecurityContextRepository consoleSecurityContextRepository,
            CsrfTokenRepository consoleCsrfTokenRepository, RequestCache consoleRequestCache) throws Exception {
        return http.securityMatcher(CONSOLE_PATHS)
                .securityContext(context -> context.securityContextRepository(consoleSecurityContextRepository))
                .csrf(csrf -> csrf.csrfTokenRepository(consoleCsrfTokenRepository))
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.IF_REQUIRED)
                        .sessionFixation(fixation -> fixation.changeSessionId()))
                .requestCache(cache -> cache.requestCache(consoleRequestCache))
                .authorizeHttpRequests(requests -> requests
                        .requestMatchers("/login", "/console/**", "/webjars/**").permitAll()
                        .requestMatchers(HttpMethod.POST, "/incidents/*/acknowledge", "/incidents/*/resolve")
                        .hasRole("RESPONDER")
                        .requestMatchers(HttpMethod.POST, "/remediations/*/approve", "/remediations/*/reject")
                        .hasRole("APPROVER")
                        .requestMatchers(HttpMethod.POST, "/windows/preview").authenticated()
                        .requestMatchers(HttpMethod.POST, "/windows", "/windows/*/end").hasRole("ADMIN")
                        .anyRequest().authenticated())
                .exceptionHandling(errors -> errors
                        .authenticationEntryPoint(new LoginUrlAuthenticationEntryPoint("/login")))
                .headers(headers -> headers
                        .contentSecurityPolicy(csp -> csp.policyDirectives(CSP))
                        .frameOptions(frame -> frame.deny()))
                .logout(logout -> logout.logoutUrl("/logout").logoutSuccessUrl("/login?logout")
                        .deleteCookies(SESSION_COOKIE))
                .build();
    }

    /** Every other path: untouched by Spring Security (the services' API filter decides). */
    @Bean
    @Order(2)
    SecurityFilterChain serviceFilterChain(HttpSecurity http) throws Exception {
        return http.securityMatcher("/**")
                .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
                .csrf(csrf -> csrf.disable())
                .sessionManagement(session -> session.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .requestCache(cache -> cache.disable())
                .securityContext(context -> context.disable())
                .anonymous(anonymous -> anonymous.disable())
                .servletApi(servletApi -> servletApi.disable())
                .headers(headers -> headers.disable())
                .logout(logout -> logout.disable())
                .build();
    }

    /** The session cookie is sent to this site only: SameSite=Strict, whatever the application's YAML says. */
    @Bean
    CookieSameSiteSupplier consoleSessionCookieSameSite() {
        return CookieSameSiteSupplier.ofStrict().whenHasName(SESSION_COOKIE);
    }

    /** The session cookie is HttpOnly and the only way a session is tracked (never a URL parameter). */
    @Bean
    ServletContextInitializer consoleSessionCookie() {
        return (ServletContext servletContext) -> {
            servletContext.getSessionCookieConfig().setHttpOnly(true);
            servletContext.setSessionTrackingModes(Set.of(SessionTrackingMode.COOKIE));
        };
    }
}
