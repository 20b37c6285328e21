package io.alertpilot.support.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Checks an {@code Authorization} header (bearer token or HTTP basic) against the credentials of a scope, and tells
 * whose credential it is: a basic credential belongs to its user name, a token to the user it was configured for
 * ({@link #TOKEN_USER} for the shared tokens of {@link CredentialProperties}).
 *
 * <p>Only SHA-256 digests of the secrets are kept, and every configured credential is compared with
 * {@link MessageDigest#isEqual} without stopping at the first match, so the time taken tells nothing about how much
 * of a secret was right or which one matched. Immutable and thread safe.
 */
public final class Credentials {

    /** The user a shared token ({@code alertpilot.api.auth.tokens}, a webhook token) belongs to. */
    public static final String TOKEN_USER = "api";

    private final Map<String, List<Secret>> bearer;
    private final Map<String, List<Secret>> basic;

    /**
     * @param shared credentials accepted in every scope
     * @param own credentials accepted in one scope only, by scope name
     * @param scopes every scope name
     * @param propertyPrefix where these come from, for the error message
     * @throws IllegalStateException when {@code own} names a scope that is not in {@code scopes}
     */
    public Credentials(CredentialProperties shared, Map<String, ? extends CredentialProperties> own,
            Collection<String> scopes, String propertyPrefix) {
        this(builder(shared, own, scopes, propertyPrefix));
    }

    private Credentials(Builder builder) {
        this.bearer = copy(builder.bearer);
        this.basic = copy(builder.basic);
    }

    private static Builder builder(CredentialProperties shared, Map<String, ? extends CredentialProperties> own,
            Collection<String> scopes, String propertyPrefix) {
        for (String configured : own.keySet()) {
            if (!scopes.contains(configured)) {
                throw new IllegalStateException(propertyPrefix + ".sources." + configured + " names no webhook; known are "
                        + scopes);
            }
        }
        Builder builder = new Builder();
        for (String scope : scopes) {
            builder.add(scope, shared);
            CredentialProperties scoped = own.get(scope);
            if (scoped != null) {
                builder.add(scope, scoped);
            }
        }
        return builder;
    }

    /** A builder that starts empty; each secret is digested as it is added and never kept. */
    public static Builder builder() {
        return new Builder();
    }

    /** True when at least one credential is accepted in {@code scope}. */
    public boolean configured(String scope) {
        return !bearer.getOrDefault(scope, List.of()).isEmpty() || !basic.getOrDefault(scope, List.of()).isEmpty();
    }

    /** True when no scope accepts any credential. */
    public boolean none() {
        return bearer.values().stream().allMatch(List::isEmpty) && basic.values().stream().allMatch(List::isEmpty);
    }

    /** True when {@code authorization} carries a bearer token or basic credential accepted in {@code scope}. */
    public boolean accepts(String scope, String authorization) {
        return owner(scope, authorization).isPresent();
    }

    /**
     * The user whose bearer token or basic credential {@code authorization} carries, when it is accepted in
     * {@code scope}; empty for a missing, malformed or wrong credential.
     */
    public Optional<String> owner(String scope, String authorization) {
        if (authorization == null) {
            return Optional.empty();
        }
        int space = authorization.indexOf(' ');
        if (space <= 0) {
            return Optional.empty();
        }
        String scheme = authorization.substring(0, space).toLowerCase(Locale.ROOT);
        String value = authorization.substring(space + 1).trim();
        return Optional.ofNullable(switch (scheme) {
            case "bearer" -> matchOf(digest(value), bearer.getOrDefault(scope, List.of()));
            case "basic" -> matchOf(digest(decodeBasic(value)), basic.getOrDefault(scope, List.of()));
            default -> null;
        });
    }

    private static String decodeBasic(String value) {
        try {
            return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // a NUL never occurs in a configured user:password, so this matches nothing
            return "\u0000invalid";
        }
    }

    /** The owner of the candidate equal to {@code presented}; every candidate is compared, whatever matched. */
    private static String matchOf(byte[] presented, List<Secret> accepted) {
        String owner = null;
        for (Secret candidate : accepted) {
            boolean match = MessageDigest.isEqual(presented, candidate.digest());
            owner = match ? candidate.owner() : owner;
        }
        return owner;
    }

    private static Map<String, List<Secret>> copy(Map<String, List<Secret>> secrets) {
        Map<String, List<Secret>> copy = new HashMap<>();
        secrets.forEach((scope, list) -> copy.put(scope, List.copyOf(list)));
        return copy;
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }

    /** The digest of one secret and the user it belongs to. */
    private record Secret(String owner, byte[] digest) {
    }

    /** Collects credentials by scope; blank secrets are left out. Not thread safe. */
    public static final class Builder {

        private final Map<String, List<Secret>> bearer = new HashMap<>();
        private final Map<String, List<Secret>> basic = new HashMap<>();

        private Builder() {
        }

        /** Accepts in {@code scope} the shared tokens (as {@link #TOKEN_USER}) and basic users of {@code properties}. */
        public Builder add(String scope, CredentialProperties properties) {
            bearer.computeIfAbsent(scope, s -> new ArrayList<>());
            basic.computeIfAbsent(scope, s -> new ArrayList<>());
            for (String token : properties.getTokens()) {
                token(scope, TOKEN_USER, token);
            }
            properties.getUsers().forEach((user, password) -> basic(scope, user, password));
            return this;
        }

        /** Accepts {@code token} in {@code scope} as a bearer token of {@code owner}. */
        public Builder token(String scope, String owner, String token) {
            if (token != null && !token.isBlank()) {
                bearer.computeIfAbsent(scope, s -> new ArrayList<>()).add(new Secret(owner, digest(token.trim())));
            }
            return this;
        }

        /** Accepts HTTP basic {@code user}:{@code password} in {@code scope}. */
        public Builder basic(String scope, String user, String password) {
            if (user != null && !user.isBlank() && password != null && !password.isEmpty()) {
                basic.computeIfAbsent(scope, s -> new ArrayList<>()).add(new Secret(user, digest(user + ":" + password)));
            }
            return this;
        }

        public Credentials build() {
            return new Credentials(this);
        }
    }
}
