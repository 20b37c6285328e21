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

/**
 * Checks an {@code Authorization} header (bearer token or HTTP basic) against the credentials of a scope: the shared
 * ones plus the scope's own.
 *
 * <p>Only SHA-256 digests of the secrets are kept, and every configured credential is compared with
 * {@link MessageDigest#isEqual} without stopping at the first match, so the time taken tells nothing about how much
 * of a secret was right or which one matched. Immutable and thread safe.
 */
public final class Credentials {

    private final Map<String, List<byte[]>> bearer = new HashMap<>();
    private final Map<String, List<byte[]>> basic = new HashMap<>();

    /**
     * @param shared credentials accepted in every scope
     * @param own credentials accepted in one scope only, by scope name
     * @param scopes every scope name
     * @param propertyPrefix where these come from, for the error message
     * @throws IllegalStateException when {@code own} names a scope that is not in {@code scopes}
     */
    public Credentials(CredentialProperties shared, Map<String, ? extends CredentialProperties> own,
            Collection<String> scopes, String propertyPrefix) {
        for (String configured : own.keySet()) {
            if (!scopes.contains(configured)) {
                throw new IllegalStateException(propertyPrefix + ".sources." + configured + " names no webhook; known are "
                        + scopes);
            }
        }
        for (String scope : scopes) {
            List<byte[]> tokens = new ArrayList<>();
            List<byte[]> users = new ArrayList<>();
            add(tokens, users, shared);
            CredentialProperties scoped = own.get(scope);
            if (scoped != null) {
                add(tokens, users, scoped);
            }
            bearer.put(scope, tokens);
            basic.put(scope, users);
        }
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
        if (authorization == null) {
            return false;
        }
        int space = authorization.indexOf(' ');
        if (space <= 0) {
            return false;
        }
        String scheme = authorization.substring(0, space).toLowerCase(Locale.ROOT);
        String value = authorization.substring(space + 1).trim();
        return switch (scheme) {
            case "bearer" -> matchesAny(digest(value), bearer.getOrDefault(scope, List.of()));
            case "basic" -> matchesAny(digest(decodeBasic(value)), basic.getOrDefault(scope, List.of()));
            default -> false;
        };
    }

    private static String decodeBasic(String value) {
        try {
            return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // a NUL never occurs in a configured user:password, so this matches nothing
            return "\u0000invalid";
        }
    }

    private static boolean matchesAny(byte[] presented, List<byte[]> accepted) {
        boolean match = false;
        for (byte[] candidate : accepted) {
            match |= MessageDigest.isEqual(presented, candidate);
        }
        return match;
    }

    private static void add(List<byte[]> tokens, List<byte[]> users, CredentialProperties properties) {
        for (String token : properties.getTokens()) {
            if (token != null && !token.isBlank()) {
                tokens.add(digest(token.trim()));
            }
        }
        properties.getUsers().forEach((user, password) -> {
            if (user != null && !user.isBlank() && password != null && !password.isEmpty()) {
                users.add(digest(user + ":" + password));
            }
        });
    }

    private static byte[] digest(String secret) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every Java platform", e);
        }
    }
}
