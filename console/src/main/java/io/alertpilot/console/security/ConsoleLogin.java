package io.alertpilot.console.security;

import io.alertpilot.support.web.ConfiguredApiUsers;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;

/**
 * Checks what was typed on the login page exactly as the services' API filter checks a request: a token as
 * {@code Bearer <token>}, a name and password as HTTP basic, through the same {@link ConfiguredApiUsers} (digests,
 * constant-time comparison). Being an {@link AuthenticationProvider} bean, it also keeps Spring Boot from making up a
 * user with a generated password (it authenticates nothing itself: see {@link #authenticate}). Thread safe.
 */
@Component
class ConsoleLogin implements AuthenticationProvider {

    private final ConfiguredApiUsers users;

    ConsoleLogin(ConfiguredApiUsers users) {
        this.users = users;
    }

    /** The user whose token, or name and password, these are; empty when they are wrong or missing. */
    Optional<ConsoleUser> login(String token, String username, String password) {
        String authorization;
        if (token != null && !token.isBlank()) {
            authorization = "Bearer " + token.trim();
        } else if (username != null && !username.isBlank() && password != null && !password.isEmpty()) {
            authorization = "Basic " + Base64.getEncoder()
                    .encodeToString((username.trim() + ":" + password).getBytes(StandardCharsets.UTF_8));
        } else {
            return Optional.empty();
        }
        return users.authenticate(authorization).map(user -> ConsoleUser.of(user, authorization));
    }

    /**
     * Nothing: the login page's controller calls {@link #login} itself. The bean is an {@link AuthenticationProvider}
     * only so that Spring Boot does not make up a user with a generated password.
     */
    @Override
    public Authentication authenticate(Authentication authentication) {
        return null;
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return false;
    }

    /** A logged-in console user, as the session's security context holds it. */
    static final class LoggedIn extends AbstractAuthenticationToken {

        private final ConsoleUser user;

        LoggedIn(ConsoleUser user) {
            super(user.authorities());
            this.user = user;
            setAuthenticated(true);
        }

        @Override
        public Object getCredentials() {
            return null;
        }

        @Override
        public Object getPrincipal() {
            return user;
        }

        @Override
        public String getName() {
            return user.name();
        }
    }
}
