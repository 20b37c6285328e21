package io.alertpilot.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class PointInTimeTest {

    private final PointInTime converter =
            new PointInTime(Clock.fixed(Instant.parse("2026-11-30T06:00:00Z"), ZoneOffset.UTC));

    @Test
    void readsAnInstant() {
        assertThat(converter.convert("2026-11-29T22:15:00Z")).isEqualTo(Instant.parse("2026-11-29T22:15:00Z"));
    }

    @Test
    void readsADurationAsThatLongAgo() {
        assertThat(converter.convert("15m")).isEqualTo(Instant.parse("2026-11-30T05:45:00Z"));
        assertThat(converter.convert("PT2H")).isEqualTo(Instant.parse("2026-11-30T04:00:00Z"));
    }

    @Test
    void refusesAnythingElseQuotingIt() {
        assertThatThrownBy(() -> converter.convert("yesterday"))
                .isInstanceOf(CommandLine.TypeConversionException.class)
                .hasMessageContaining("'yesterday'");
    }
}
