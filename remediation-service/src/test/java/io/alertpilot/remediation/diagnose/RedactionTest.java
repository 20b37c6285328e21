package io.alertpilot.remediation.diagnose;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class RedactionTest {

    private final Redaction redaction = Redaction.of(List.of());

    @Test
    void removesPasswordsTokensAndBearerCredentialsWhole() {
        assertThat(redaction.redact("connecting with password=hunter2 as app"))
                .isEqualTo("connecting with [REDACTED] as app");
        assertThat(redaction.redact("GET /orders Authorization: Bearer eyJhbGciOi.abc-def.ghi_jkl"))
                .doesNotContain("eyJhbGciOi").contains("[REDACTED]");
        assertThat(redaction.redact("{\"api_key\": \"sk-12345\", \"user\": \"bob\"}"))
                .doesNotContain("sk-12345").contains("\"user\": \"bob\"");
        assertThat(redaction.redact("DB_PASSWORD: s3cr3t")).isEqualTo("[REDACTED]");
    }

    @Test
    void removesAwsKeysAndCredentialsInConnectionStrings() {
        assertThat(redaction.redact("key AKIAIOSFODNN7EXAMPLE used")).isEqualTo("key [REDACTED] used");
        assertThat(redaction.redact("dial postgres://shop:pa55word@db:5432/orders failed"))
                .isEqualTo("dial [REDACTED]db:5432/orders failed");
        assertThat(redaction.redact("Endpoint=sb://x.servicebus.windows.net/;SharedAccessKey=abc123=;EntityPath=q"))
                .doesNotContain("abc123");
    }

    @Test
    void leavesOrdinaryLinesAlone() {
        String line = "2026-11-30T10:00:00Z ERROR OrderService - java.lang.OutOfMemoryError: Java heap space";
        assertThat(redaction.redact(line)).isEqualTo(line);
    }

    @Test
    void configuredPatternsAddToTheDefaults() {
        Redaction custom = Redaction.of(List.of("card=\\d{16}"));
        assertThat(custom.redact("paid with card=4111111111111111 and token=t0k")).isEqualTo("paid with [REDACTED] and [REDACTED]");
    }

    @Test
    void aPatternThatIsNoRegularExpressionNamesTheProperty() {
        assertThatThrownBy(() -> Redaction.of(List.of("(unclosed")))
                .hasMessageContaining("alertpilot.remediation.diagnose.redact").hasMessageContaining("(unclosed");
    }
}
