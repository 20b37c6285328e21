package io.alertpilot.model.maintenance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.model.maintenance.Recurrence.TimeRange;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class RecurrenceTest {

    private static final Recurrence WEEKNIGHTS_BERLIN = new Recurrence(List.of("monday:friday"),
            List.of(new TimeRange("22:00", "23:30")), "Europe/Berlin");

    @Test
    void coversItsTimesOnItsDaysOnTheWallClockOfItsLocation() {
        // 2026-11-30 is a Monday; Berlin is UTC+1 in winter
        assertThat(WEEKNIGHTS_BERLIN.includes(Instant.parse("2026-11-30T21:00:00Z"))).isTrue();
        assertThat(WEEKNIGHTS_BERLIN.includes(Instant.parse("2026-11-30T22:29:59Z"))).isTrue();
        assertThat(WEEKNIGHTS_BERLIN.includes(Instant.parse("2026-11-30T22:30:00Z"))).isFalse();
        assertThat(WEEKNIGHTS_BERLIN.includes(Instant.parse("2026-11-30T20:59:59Z"))).isFalse();
        // Saturday evening in Berlin
        assertThat(WEEKNIGHTS_BERLIN.includes(Instant.parse("2026-12-05T21:00:00Z"))).isFalse();
    }

    @Test
    void followsTheLocationAcrossDaylightSavingTime() {
        // summer: Berlin is UTC+2, so 22:00 local is 20:00 UTC
        assertThat(WEEKNIGHTS_BERLIN.includes(Instant.parse("2026-07-01T20:00:00Z"))).isTrue();
        assertThat(WEEKNIGHTS_BERLIN.includes(Instant.parse("2026-07-01T21:30:00Z"))).isFalse();
    }

    @Test
    void anHourSkippedInSpringIsNeverCoveredAndOneRepeatedInAutumnIsCoveredTwice() {
        Recurrence night = new Recurrence(List.of(), List.of(new TimeRange("02:00", "03:00")), "Europe/Berlin");
        // 2026-03-29: clocks jump from 02:00 to 03:00 local (01:00Z)
        assertThat(night.includes(Instant.parse("2026-03-29T00:59:00Z"))).isFalse();
        assertThat(night.includes(Instant.parse("2026-03-29T01:00:00Z"))).isFalse();
        // 2026-10-25: 02:00 to 03:00 local happens at 00:00Z (summer time) and again at 01:00Z (winter time)
        assertThat(night.includes(Instant.parse("2026-10-25T00:30:00Z"))).isTrue();
        assertThat(night.includes(Instant.parse("2026-10-25T01:30:00Z"))).isTrue();
        assertThat(night.includes(Instant.parse("2026-10-25T02:00:00Z"))).isFalse();
    }

    @Test
    void aWeekdayRangeMayWrapAcrossTheWeekend() {
        Recurrence weekend = new Recurrence(List.of("Friday:monday"), List.of(), null);
        assertThat(weekend.includes(Instant.parse("2026-12-04T12:00:00Z"))).isTrue(); // Friday
        assertThat(weekend.includes(Instant.parse("2026-12-06T12:00:00Z"))).isTrue(); // Sunday
        assertThat(weekend.includes(Instant.parse("2026-12-07T23:59:00Z"))).isTrue(); // Monday, UTC without location
        assertThat(weekend.includes(Instant.parse("2026-12-08T00:00:00Z"))).isFalse(); // Tuesday
    }

    @Test
    void anEndOfTwentyFourCoversTheLastMinuteOfTheDay() {
        Recurrence evening = new Recurrence(List.of("sunday"), List.of(new TimeRange("18:00", "24:00")), "UTC");
        assertThat(evening.includes(Instant.parse("2026-12-06T23:59:59Z"))).isTrue();
        assertThat(evening.includes(Instant.parse("2026-12-07T00:00:00Z"))).isFalse();
    }

    @Test
    void refusesAnUnknownWeekdayABadTimeAReversedRangeAndAnUnknownZoneNamingTheField() {
        assertThatThrownBy(() -> new Recurrence(List.of("monday", "funday"), List.of(), null))
                .isInstanceOfSatisfying(InvalidWindowException.class, e -> assertThat(e.field()).isEqualTo("weekdays[1]"));
        assertThatThrownBy(() -> new Recurrence(List.of(), List.of(new TimeRange("25:00", "26:00")), null))
                .isInstanceOfSatisfying(InvalidWindowException.class,
                        e -> assertThat(e.field()).isEqualTo("times[0].start_time"));
        assertThatThrownBy(() -> new Recurrence(List.of(), List.of(new TimeRange("23:00", "01:00")), null))
                .isInstanceOfSatisfying(InvalidWindowException.class,
                        e -> assertThat(e.field()).isEqualTo("times[0].end_time"));
        assertThatThrownBy(() -> new Recurrence(List.of(), List.of(), "Mars/Olympus"))
                .isInstanceOfSatisfying(InvalidWindowException.class, e -> assertThat(e.field()).isEqualTo("location"));
    }
}
