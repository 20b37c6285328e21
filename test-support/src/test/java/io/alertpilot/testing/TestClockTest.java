package io.alertpilot.testing;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.fixtures.Alerts;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TestClockTest {

    @Test
    void standsStillUntilMoved() {
        TestClock clock = TestClock.at("2026-11-23T08:00:00Z");

        assertThat(clock.instant()).isEqualTo(clock.instant()).isEqualTo(Instant.parse("2026-11-23T08:00:00Z"));
    }

    @Test
    void advancesAndIsSet() {
        TestClock clock = new TestClock();

        assertThat(clock.instant()).isEqualTo(Alerts.T0);
        assertThat(clock.advance(Duration.ofMinutes(5))).isEqualTo(Alerts.T0.plusSeconds(300));
        assertThat(clock.millis()).isEqualTo(Alerts.T0.plusSeconds(300).toEpochMilli());

        clock.set(Instant.parse("2030-01-01T00:00:00Z"));

        assertThat(clock.instant()).isEqualTo(Instant.parse("2030-01-01T00:00:00Z"));
    }

    @Test
    void aZonedCopyFollowsTheMoves() {
        TestClock clock = TestClock.at(Alerts.T0);
        Clock zoned = clock.withZone(ZoneId.of("Europe/Zurich"));

        clock.advance(Duration.ofHours(1));

        assertThat(zoned.instant()).isEqualTo(Alerts.T0.plusSeconds(3600));
        assertThat(clock.getZone()).isEqualTo(ZoneOffset.UTC);
    }
}
