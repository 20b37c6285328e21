package io.alertpilot.console.security;

import io.alertpilot.support.web.ApiUser;
import io.alertpilot.support.web.Role;
import java.io.Serial;
import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/**
 * The operator logged in to the console: the API user's name and roles, and the {@code Authorization} header value the
 * console sends to the services on the operator's behalf. Lives in the server-side session only; its
 * {@link #toString()} names no secret.
 *
 * @param name the API user's name, as the services record it
 * @param roles what the user may do ({@link Role#ADMIN} included: every role it holds, through admin or itself)
 */
public record ConsoleUser(String name, List<Role> roles, Credential credential) implements Serializable {

    @Serial
    private static final long serialVersionUID = 1L;

    public ConsoleUser {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(credential, "credential");
        roles = List.copyOf(roles);
    }

    /** The console user of {@code user}, who logged in with {@code authorization}. */
    public static ConsoleUser of(ApiUser user, String authorization) {
        return new ConsoleUser(user.name(), Arrays.stream(Role.values()).filter(user::has).toList(),
                new Credential(authorization));
    }

    /** The console user behind {@code authentication}, or null when it is not one. */
    public static ConsoleUser of(Authentication authentication) {
        return authentication != null && authentication.getPrincipal() instanceof ConsoleUser user ? user : null;
    }

    /** True when the user holds {@code role}. */
    public boolean has(Role role) {
        return roles.contains(role);
    }

    /** True when the user may acknowledge and resolve incidents. */
    public boolean canRespond() {
        return has(Role.RESPONDER);
    }

    /** True when the user may approve and reject remediations. */
    public boolean canApprove() {
        return has(Role.APPROVER);
    }

    /** True when the user may create and end maintenance windows. */
    public boolean canAdminister() {
        return has(Role.ADMIN);
    }

    /** The Spring Security authorities of the roles: {@code ROLE_VIEWER}, ... */
    List<SimpleGrantedAuthority> authorities() {
        return roles.stream().map(role -> new SimpleGrantedAuthority("ROLE_" + role.name())).toList();
    }

    /** The roles as people read them: {@code viewer, responder}. */
    public String roleNames() {
        return String.join(", ", roles.stream().map(Role::configName).toList());
    }

    @Override
    public String toString() {
        return "ConsoleUser[name=" + name + ", roles=" + roles + "]";
    }

    /** An {@code Authorization} header value ({@code Bearer ...} or {@code Basic ...}); never printed. */
    public record Credential(String authorization) implements Serializable {

        @Serial
        private static final long serialVersionUID = 1L;

        public Credential {
            Objects.requireNonNull(authorization, "authorization");
        }

        @Override
        public String toString() {
            return "Credential[hidden]";
        }
    }
}
