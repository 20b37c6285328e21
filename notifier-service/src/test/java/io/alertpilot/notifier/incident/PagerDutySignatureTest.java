package io.alertpilot.notifier.incident;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class PagerDutySignatureTest {

    private static final byte[] BODY = "{\"event\":{}}".getBytes(StandardCharsets.UTF_8);

    @Test
    void acceptsAnyOfSeveralSignaturesAndRejectsWrongOnes() {
        PagerDutySignature signature = new PagerDutySignature("secret");
        String valid = signature.sign(BODY);
        assertThat(valid).startsWith("v1=").hasSize(3 + 64);
        assertThat(signature.verify(BODY, valid)).isTrue();
        assertThat(signature.verify(BODY, "v1=" + "a".repeat(64) + "," + valid)).isTrue();
        assertThat(signature.verify(BODY, new PagerDutySignature("other").sign(BODY))).isFalse();
        assertThat(signature.verify("{}".getBytes(StandardCharsets.UTF_8), valid)).isFalse();
        assertThat(signature.verify(BODY, "v1=not-hex")).isFalse();
        assertThat(signature.verify(BODY, null)).isFalse();
    }

    @Test
    void withoutASecretNothingIsAccepted() {
        PagerDutySignature none = new PagerDutySignature(null);
        assertThat(none.configured()).isFalse();
        assertThat(none.verify(BODY, new PagerDutySignature("x").sign(BODY))).isFalse();
    }
}
