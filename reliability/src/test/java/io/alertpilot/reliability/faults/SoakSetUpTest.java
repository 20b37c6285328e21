package io.alertpilot.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class SoakSetUpTest {

    @Test
    void readsFaultIntervalsInSecondsMinutesOrHours() {
        assertThat(SoakSetUp.duration("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(SoakSetUp.duration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(SoakSetUp.duration(" 1h ")).isEqualTo(Duration.ofHours(1));
        assertThat(SoakSetUp.duration("2")).isEqualTo(Duration.ofMinutes(2));
        assertThatThrownBy(() -> SoakSetUp.duration("5 minutes")).hasMessageContaining("5 minutes");
        assertThatThrownBy(() -> SoakSetUp.duration("0s")).hasMessageContaining("positive");
    }
}
