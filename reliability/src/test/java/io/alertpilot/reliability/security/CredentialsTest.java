package io.alertpilot.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.support.web.CredentialProperties;
import io.alertpilot.support.web.Credentials;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Credentials are compared in constant time: the behaviour of {@link Credentials}, and a source check that the only
 * comparison of secrets is {@code MessageDigest.isEqual} over SHA-256 digests, over every configured credential
 * without stopping at a match. No timing is measured.
 */
class CredentialsTest {

    private static final Path SOURCE = Path.of("../service-support/src/main/java/io/alertpilot/support/web/Credentials.java");

    private static Credentials credentials() {
        CredentialProperties shared = new CredentialProperties();
        shared.setTokens(List.of("token-one", "token-two"));
        shared.setUsers(Map.of("ops", "pass word:with colon"));
        CredentialProperties own = new CredentialProperties();
        own.setTokens(List.of("scoped-token"));
        return new Credentials(shared, Map.of("a", own), List.of("a", "b"), "test");
    }

    @Test
    void acceptsExactlyTheConfiguredCredentialsInTheirScope() {
        Credentials credentials = credentials();
        assertThat(credentials.accepts("a", "Bearer token-one")).isTrue();
        assertThat(credentials.accepts("b", "bearer token-two")).isTrue();
        assertThat(credentials.accepts("a", "Bearer scoped-token")).isTrue();
        assertThat(credentials.accepts("b", "Bearer scoped-token")).isFalse();
        assertThat(credentials.accepts("a", "Basic " + b64("ops:pass word:with colon"))).isTrue();
        for (String wrong : new String[] {null, "", "Bearer", "Bearer ", "Bearer token-on", "Bearer token-one1",
            "Bearer TOKEN-ONE", "Token token-one", "token-one", "Basic " + b64("ops:pass word"), "Basic !!!",
            "Basic " + b64("ops"), "Bearer " + b64("ops:pass word:with colon")}) {
            assertThat(credentials.accepts("a", wrong)).as(String.valueOf(wrong)).isFalse();
        }
    }

    @Test
    void anAcceptedCredentialNamesItsUser() {
        Credentials credentials = Credentials.builder().add("a", sharedOnly()).token("a", "bob", "bob-token")
                .basic("a", "carol", "carol-password").build();
        assertThat(credentials.owner("a", "Bearer token-one")).contains(Credentials.TOKEN_USER);
        assertThat(credentials.owner("a", "Basic " + b64("ops:pass word:with colon"))).contains("ops");
        assertThat(credentials.owner("a", "Bearer bob-token")).contains("bob");
        assertThat(credentials.owner("a", "Basic " + b64("carol:carol-password"))).contains("carol");
        assertThat(credentials.owner("a", "Bearer carol-password")).isEmpty();
        assertThat(credentials.owner("b", "Bearer bob-token")).isEmpty();
    }

    private static CredentialProperties sharedOnly() {
        CredentialProperties shared = new CredentialProperties();
        shared.setTokens(List.of("token-one"));
        shared.setUsers(Map.of("ops", "pass word:with colon"));
        return shared;
    }

    @Test
    void secretsAreComparedOnlyAsDigestsWithMessageDigestIsEqualOverEveryCandidate() throws Exception {
        String source = Files.readString(SOURCE, StandardCharsets.UTF_8);
        String code = source.replaceAll("(?s)/\\*.*?\\*/", "").replaceAll("//[^\n]*", "");
        assertThat(code).contains("boolean match = MessageDigest.isEqual(presented, candidate.digest())")
                .contains("MessageDigest.getInstance(\"SHA-256\")")
                .contains("owner = match ? candidate.owner() : owner");
        // no early exit and no other comparison of secrets
        assertThat(code).doesNotContain(".equals(").doesNotContain("Arrays.equals").doesNotContain("compareTo")
                .doesNotContain("break;").doesNotContain("anyMatch(").doesNotContain("contains(presented");
        // the fields keep digests (byte[]), never the secrets
        assertThat(code).contains("Map<String, List<Secret>> bearer").contains("Map<String, List<Secret>> basic")
                .contains("record Secret(String owner, byte[] digest)").doesNotContain("List<String> tokens");
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }
}
