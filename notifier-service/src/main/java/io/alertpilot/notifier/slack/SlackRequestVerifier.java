package io.alertpilot.notifier.slack;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies that a request comes from Slack (Slack's "signing secret" scheme): {@code X-Slack-Signature} is
 * {@code v0=} and the hex HMAC-SHA256 of {@code v0:<X-Slack-Request-Timestamp>:<raw body>} with the app's signing
 * secret, compared in constant time; the timestamp (Unix seconds) must be within {@link #WINDOW} of this service's
 * clock; and a signature accepted once is refused when it comes again within that window (a replayed request). Thread
 * safe.
 */
public final class SlackRequestVerifier {

    /** How far a request's timestamp may be from the clock, and how long a seen signature is remembered. */
    public static final Duration WINDOW = Duration.ofMinutes(5);

    /** The answer for one request. */
    public enum Verdict {
        ACCEPTED,
        /** No signing secret is configured: nothing is accepted. */
        NOT_CONFIGURED,
        /** The signature or timestamp header is missing or malformed. */
        MISSING,
        /** The timestamp is more than {@link #WINDOW} away from the clock. */
        STALE,
        /** The signature does not match the body and timestamp. */
        WRONG_SIGNATURE,
        /** The same signed request was accepted before. */
        REPLAYED
    }

    private final byte[] secret;
    private final Clock clock;
    private final Map<String, Instant> seen = new ConcurrentHashMap<>();

    public SlackRequestVerifier(String signingSecret, Clock clock) {
        this.secret = signingSecret == null ? new byte[0] : signingSecret.trim().getBytes(StandardCharsets.UTF_8);
        this.clock = clock;
    }

    /** True when a signing secret is configured. */
    public boolean configured() {
        return secret.length > 0;
    }

    /** The {@code X-Slack-Signature} Slack sends for {@code body} at {@code timestamp}. */
    public String sign(String timestamp, byte[] body) {
        return "v0=" + HexFormat.of().formatHex(hmac(timestamp, body));
    }

    /** Checks one request; an accepted one is remembered, so that the same request is refused next time. */
    public Verdict verify(String timestamp, String signature, byte[] body) {
        if (!configured()) {
            return Verdict.NOT_CONFIGURED;
        }
        if (timestamp == null || signature == null || !signature.startsWith("v0=")) {
            return Verdict.MISSING;
        }
        Instant at;
        try {
            at = Instant.ofEpochSecond(Long.parseLong(timestamp.trim()));
        } catch (NumberFormatException | java.time.DateTimeException e) {
            return Verdict.MISSING;
        }
        Instant now = clock.instant();
        if (Duration.between(at, now).abs().compareTo(WINDOW) > 0) {
            return Verdict.STALE;
        }
        byte[] given = signature.trim().getBytes(StandardCharsets.US_ASCII);
        byte[] expected = sign(timestamp.trim(), body).getBytes(StandardCharsets.US_ASCII);
        if (!MessageDigest.isEqual(expected, given)) {
            return Verdict.WRONG_SIGNATURE;
        }
        seen.values().removeIf(t -> t.isBefore(now.minus(WINDOW)));
        return seen.putIfAbsent(signature.trim(), at) == null ? Verdict.ACCEPTED : Verdict.REPLAYED;
    }

    private byte[] hmac(String timestamp, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.length == 0 ? new byte[1] : secret, "HmacSHA256"));
            mac.update(("v0:" + timestamp + ":").getBytes(StandardCharsets.UTF_8));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
