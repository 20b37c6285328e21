package io.alertpilot.ingest.web;

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
 * Checks an {@code Authorization} header against the configured bearer tokens and basic credentials of a source.
 *
 * <p>Only SHA-256 digests of the secrets are kept, and every configured credential is compared with
 * {@link MessageDigest#isEqual} without stopping at the first match, so the time taken tells nothing about how much
 * of a secret was right or which one matched. Immutable and thread safe.
 */
final class Credentials {

    private final Map<String, List<byte[]>> bearer = new HashMap<>();
    private final Map<String, List<byte[]>> basic = new HashMap<>();

    /**
     * Reads {@code properties} for the given sources.
     *
     * @throws IllegalStateException when authentication is on and no source has any credential
     */
    Credentials(AuthProperties properties, Collection<String> sources) {
        int count = 0;
        for (String source : sources) {
            List<byte[]> tokens = new ArrayList<>();
            List<byte[]> users = new ArrayList<>();
            addTokens(tokens, properties.getTokens());
            addUsers(users, properties.getUsers());
            AuthProperties.SourceCredentials own = properties.getSources().get(source);
            if (own != null) {
                addTokens(tokens, own.getTokens());
                addUsers(users, own.getUsers());
            }
            bearer.put(source, tokens);
            basic.put(source, users);
            count += tokens.size() + users.size();
        }
        for (String configured : properties.getSources().keySet()) {
            if (!sources.contains(configured)) {
                throw new IllegalStateException("alertpilot.ingest.auth.sources." + configured
                        + " names no webhook; known are " + sources);
            }
        }
        if (properties.isEnabled() && count == 0) {
            throw new IllegalStateException("Webhook authentication is on but no credential is configured: set "
                    + "alertpilot.ingest.auth.tokens (ALERTPILOT_INGEST_TOKEN), alertpilot.ingest.auth.users, or "
                    + "alertpilot.ingest.auth.sources.<source>.*; only alertpilot.ingest.auth.enabled=false runs open");
        }
    }

    /** True when the source has at least one credential. */
    boolean configured(String source) {
        return !bearer.getOrDefault(source, List.of()).isEmpty() || !basic.getOrDefault(source, List.of()).isEmpty();
    }

    /** True when {@code authorization} carries a bearer token or basic credential accepted for {@code source}. */
    boolean accepts(String source, String authorization) {
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
            case "bearer" -> matchesAny(digest(value), bearer.getOrDefault(source, List.of()));
            case "basic" -> matchesAny(digest(decodeBasic(value)), basic.getOrDefault(source, List.of()));
            default -> false;
        };
    }

    private static String decodeBasic(String value) {
        try {
            return new String(Base64.getDecoder().decode(value), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            // a digest of this never equals a configured user:password digest
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

    private static void addTokens(List<byte[]> into, List<String> tokens) {
        for (String token : tokens) {
            if (token != null && !token.isBlank()) {
                into.add(digest(token.trim()));
            }
        }
    }

    private static void addUsers(List<byte[]> into, Map<String, String> users) {
        users.forEach((user, password) -> {
            if (user != null && !user.isBlank() && password != null && !password.isEmpty()) {
                into.add(digest(user + ":" + password));
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
