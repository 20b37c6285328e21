package io.alertpilot.notifier.incident;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Verifies PagerDuty v3 webhook signatures: {@code X-PagerDuty-Signature} holds one or more comma-separated
 * {@code v1=<hex>} values (several while a secret is rotated), each the HMAC-SHA256 of the raw body with the
 * subscription's secret. Comparison in constant time. Immutable and thread safe.
 */
public final class PagerDutySignature {

    private final byte[] secret;

    public PagerDutySignature(String secret) {
        this.secret = secret == null ? new byte[0] : secret.getBytes(StandardCharsets.UTF_8);
    }

    /** True when a secret is configured. */
    public boolean configured() {
        return secret.length > 0;
    }

    /** The header value PagerDuty would send for {@code body}. */
    public String sign(byte[] body) {
        return "v1=" + HexFormat.of().formatHex(hmac(body));
    }

    /** True when one of the header's {@code v1=} signatures matches {@code body}. */
    public boolean verify(byte[] body, String header) {
        if (!configured() || header == null || header.isBlank()) {
            return false;
        }
        byte[] expected = hmac(body);
        boolean match = false;
        for (String part : header.split(",")) {
            String candidate = part.trim();
            if (!candidate.startsWith("v1=")) {
                continue;
            }
            try {
                match |= MessageDigest.isEqual(expected, HexFormat.of().parseHex(candidate.substring(3)));
            } catch (IllegalArgumentException e) {
                // not hex: no match
            }
        }
        return match;
    }

    private byte[] hmac(byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret, "HmacSHA256"));
            return mac.doFinal(body);
        } catch (NoSuchAlgorithmException | InvalidKeyException e) {
            throw new IllegalStateException("HmacSHA256 is required by every Java platform", e);
        }
    }
}
