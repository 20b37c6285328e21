package io.alertpilot.remediation.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FaultPointTest {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final PrintStream stream = new PrintStream(out, true, StandardCharsets.UTF_8);

    @Test
    void theConfiguredActionAtTheConfiguredPointWritesExactlyOneLine() {
        FaultPoint point = FaultPoint.of(FaultPoint.AFTER_CALL, 2, stream);

        assertThat(point.reached(FaultPoint.AFTER_INTENT, "a1")).as("another point").isFalse();
        assertThat(point.reached(FaultPoint.AFTER_CALL, "a1")).as("the first action").isFalse();
        assertThat(point.reached(FaultPoint.AFTER_CALL, "a2")).isTrue();
        assertThat(point.reached(FaultPoint.AFTER_CALL, "a3")).as("only the Nth").isFalse();

        assertThat(out.toString(StandardCharsets.UTF_8))
                .isEqualTo("ALERTPILOT FAULT POINT after-call reached (action a2)" + System.lineSeparator());
    }

    @Test
    void offWritesNothingAndPasses() {
        FaultPoint point = FaultPoint.of("", 1, stream);

        point.pass(FaultPoint.AFTER_INTENT, "a1");
        point.pass(FaultPoint.AFTER_CALL, "a1");

        assertThat(point).isSameAs(FaultPoint.OFF);
        assertThat(out.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    @Test
    void anUnknownPointIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> FaultPoint.of("before-call", 1, stream)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("alertpilot.remediation.fault-point.at");
        assertThatThrownBy(() -> FaultPoint.of(FaultPoint.AFTER_INTENT, 0, stream))
                .hasMessageContaining("alertpilot.remediation.fault-point.action");
    }
}
