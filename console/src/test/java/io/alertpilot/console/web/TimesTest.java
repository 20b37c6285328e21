package io.alertpilot.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimesTest {

    private static final Instant T0 = Instant.parse("2026-11-30T11:55:12.345Z");

    @Test
    void writesAnInstantInUtcToTheSecond() {
        assertThat(Times.at(T0)).isEqualTo("2026-11-30 11:55:12 UTC");
        assertThat(Times.at(null)).isEmpty();
    }

    @Test
    void readsDurationsAsPeopleDo() {
        assertThat(Times.duration(Duration.ofSeconds(252))).isEqualTo("4m 12s");
        assertThat(Times.between(T0, T0.plus(Duration.ofDays(1).plusMinutes(1)))).isEqualTo("1d 0h 1m");
        assertThat(Times.duration(Duration.ofMinutes(15))).isEqualTo("15m");
        assertThat(Times.duration(Duration.ofHours(1).plusSeconds(5))).isEqualTo("1h 0m 5s");
        assertThat(Times.duration(Duration.ZERO)).isEqualTo("0s");
        assertThat(Times.between(T0, T0.plusSeconds(42))).isEqualTo("42s");
        assertThat(Times.between(T0.plusSeconds(5), T0)).isEqualTo("0s");
        assertThat(Times.between(null, T0)).isEqualTo("unknown");
    }

    @Test
    void readsAServicesIsoDurationAndLeavesOtherTextAsItIs() {
        assertThat(Times.duration("PT1H0M5S")).isEqualTo("1h 0m 5s");
        assertThat(Times.duration("soon")).isEqualTo("soon");
        assertThat(Times.duration((String) null)).isEmpty();
    }
}
