package io.alertpilot.support.web;

import java.security.Principal;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * An operator known to the APIs: the name recorded on every command it gives (acknowledged by, approved by, window
 * created by) and its roles. Holds no secret.
 *
 * @param name the user name from {@code alertpilot.api.users.<name>}
 * @param roles what the user may do; {@link Role#ADMIN} holds every role
 */
public record ApiUser(String name, Set<Role> roles) {

    public ApiUser {
        Objects.requireNonNull(name, "name");
        roles = roles == null || roles.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(roles));
    }

    /**
     * The name to record for a command whose request carried {@code caller} (the {@link Principal} Spring MVC resolves
     * from the request): the user's name, or {@value Credentials#TOKEN_USER} when there is none (authentication off),
     * as for the shared token.
     */
    public static String nameOf(Principal caller) {
        return caller == null ? Credentials.TOKEN_USER : caller.getName();
    }

    /** True when the user holds {@code role}, itself or through {@link Role#ADMIN}. */
    public boolean has(Role role) {
        return roles.contains(role) || roles.contains(Role.ADMIN);
    }
}
