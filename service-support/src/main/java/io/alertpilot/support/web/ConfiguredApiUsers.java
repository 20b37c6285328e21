package io.alertpilot.support.web;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The operators of the APIs, from configuration: every {@code alertpilot.api.users.<name>} with its roles, and, as
 * {@link Role#ADMIN}, the shared tokens of {@code alertpilot.api.auth.tokens} (user {@value Credentials#TOKEN_USER})
 * and the basic users of {@code alertpilot.api.auth.users.<name>}. Authenticates an {@code Authorization} header to
 * its user through {@link Credentials} (digests only, constant time).
 *
 * <p>Bad configuration fails at construction with an {@link IllegalStateException} naming the property: an unknown or
 * missing role, a user with neither token nor password, a name given twice or taken by the shared token, a token
 * shared by two users. No message names a secret. Immutable and thread safe.
 */
public final class ConfiguredApiUsers implements ApiUsers {

    private static final String SCOPE = "api";
    private static final String PREFIX = "alertpilot.api.users.";

    private final Map<String, ApiUser> users = new LinkedHashMap<>();
    private final Credentials credentials;

    /**
     * @throws IllegalStateException naming the property when the users are not configured correctly
     */
    public ConfiguredApiUsers(ApiAuthProperties shared, ApiUsersProperties configured) {
        Credentials.Builder builder = Credentials.builder().add(SCOPE, shared);
        Map<String, String> tokenOwners = new HashMap<>();
        if (shared.getTokens().stream().anyMatch(token -> token != null && !token.isBlank())) {
            users.put(Credentials.TOKEN_USER, new ApiUser(Credentials.TOKEN_USER, EnumSet.of(Role.ADMIN)));
            shared.getTokens().forEach(token -> tokenOwners.put(trimmed(token), "alertpilot.api.auth.tokens"));
        }
        shared.getUsers().keySet().forEach(name -> users.put(name, new ApiUser(name, EnumSet.of(Role.ADMIN))));
        configured.getUsers().forEach((name, user) -> {
            String key = PREFIX + name;
            if (name.equals(Credentials.TOKEN_USER) || users.containsKey(name)) {
                throw new IllegalStateException(key + ": the user name " + name + " is taken by "
                        + (name.equals(Credentials.TOKEN_USER) ? "the shared token (alertpilot.api.auth.tokens)"
                                : "alertpilot.api.auth.users." + name) + "; choose another name");
            }
            boolean hasToken = user.getToken() != null && !user.getToken().isBlank();
            boolean hasPassword = user.getPassword() != null && !user.getPassword().isEmpty();
            if (!hasToken && !hasPassword) {
                throw new IllegalStateException(key + " has neither a token nor a password: set " + key
                        + ".token (bearer) or " + key + ".password (HTTP basic as user " + name + ")");
            }
            if (hasToken) {
                String other = tokenOwners.putIfAbsent(trimmed(user.getToken()), key + ".token");
                if (other != null) {
                    throw new IllegalStateException(key + ".token is the same as " + other
                            + ": every user needs a token of its own");
                }
                builder.token(SCOPE, name, user.getToken());
            }
            if (hasPassword) {
                builder.basic(SCOPE, name, user.getPassword());
            }
            users.put(name, new ApiUser(name, roles(key + ".roles", user)));
        });
        this.credentials = builder.build();
    }

    @Override
    public Optional<ApiUser> named(String name) {
        return Optional.ofNullable(name == null ? null : users.get(name));
    }

    /** The user whose credential {@code authorization} carries; empty when it is missing or not accepted. */
    public Optional<ApiUser> authenticate(String authorization) {
        return credentials.owner(SCOPE, authorization).map(users::get);
    }

    /** True when no credential at all is configured, so that every request is refused. */
    public boolean none() {
        return credentials.none();
    }

    /** The names of the configured users, for the start-up log (no secret). */
    public Set<String> names() {
        return Set.copyOf(users.keySet());
    }

    private static Set<Role> roles(String key, ApiUsersProperties.User user) {
        if (user.getRoles() == null || user.getRoles().isEmpty()) {
            throw new IllegalStateException(key + " is empty: give at least one of " + known());
        }
        EnumSet<Role> roles = EnumSet.noneOf(Role.class);
        for (String name : user.getRoles()) {
            try {
                roles.add(Role.named(name));
            } catch (IllegalArgumentException e) {
                throw new IllegalStateException(key + ": '" + name + "' is not a role; known are " + known(), e);
            }
        }
        return roles;
    }

    private static String known() {
        return Arrays.stream(Role.values()).map(Role::configName).collect(Collectors.joining(", "));
    }

    private static String trimmed(String token) {
        return token == null ? "" : token.trim();
    }
}
