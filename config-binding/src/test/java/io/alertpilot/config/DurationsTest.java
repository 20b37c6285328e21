package io.alertpilot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {

    @Test
    void readsEveryFormTheShippedFilesUse() {
        assertThat(Durations.parse("0")).isEqualTo(Duration.ZERO);
        assertThat(Durations.parse("90")).isEqualTo(Duration.ofSeconds(90));
        assertThat(Durations.parse("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Durations.parse("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(Durations.parse("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("5 m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse("1h30m")).isEqualTo(Duration.ofMinutes(90));
        assertThat(Durations.parse("2d")).isEqualTo(Duration.ofDays(2));
        assertThat(Durations.parse("PT5M")).isEqualTo(Duration.ofMinutes(5));
        assertThat(Durations.parse(" 15m ")).isEqualTo(Duration.ofMinutes(15));
    }

    @Test
    void refusesTextNegativeAndUnknownUnits() {
        assertThatThrownBy(() -> Durations.parse("soon")).isInstanceOf(Durations.InvalidDurationException.class)
                .hasMessageContaining("'soon' is not a duration");
        assertThatThrownBy(() -> Durations.parse("-PT5M")).hasMessageContaining("negative");
        assertThatThrownBy(() -> Durations.parse("5w")).hasMessageContaining("not a duration");
        assertThatThrownBy(() -> Durations.parse("")).hasMessageContaining("not a duration");
    }
}
