package io.alertpilot.cli.replay;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeRangeTest {

    private static final Instant NOW = Instant.parse("2026-11-23T10:00:00Z");
    private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);

    @Test
    void readsInstantsWithAnyOffset() {
        assertThat(TimeRange.parseTime("2026-11-23T08:00:00Z", CLOCK)).isEqualTo("2026-11-23T08:00:00Z");
        assertThat(TimeRange.parseTime("2026-11-23T09:00:00+01:00", CLOCK)).isEqualTo("2026-11-23T08:00:00Z");
    }

    @Test
    void readsNowAndTimesBackFromNowInThePlaybookDurationGrammar() {
        assertThat(TimeRange.parseTime("now", CLOCK)).isEqualTo(NOW);
        assertThat(TimeRange.parseTime("now-2h", CLOCK)).isEqualTo("2026-11-23T08:00:00Z");
        assertThat(TimeRange.parseTime("now-1h30m", CLOCK)).isEqualTo("2026-11-23T08:30:00Z");
    }

    @Test
    void refusesWhatIsNoTimeShowingTheForms() {
        assertThatThrownBy(() -> TimeRange.parseTime("yesterday", CLOCK))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("'yesterday' is not a time such as 2026-11-23T08:00:00Z, now or now-2h");
        assertThatThrownBy(() -> TimeRange.parseTime("now-2x", CLOCK)).hasMessageContaining("'now-2x'");
    }

    @Test
    void includesTheStartAndExcludesTheEnd() {
        TimeRange range = new TimeRange(Instant.parse("2026-11-23T08:00:00Z"), Instant.parse("2026-11-23T09:00:00Z"));

        assertThat(range.contains(Instant.parse("2026-11-23T08:00:00Z"))).isTrue();
        assertThat(range.contains(Instant.parse("2026-11-23T08:59:59.999Z"))).isTrue();
        assertThat(range.contains(Instant.parse("2026-11-23T09:00:00Z"))).isFalse();
        assertThat(range.contains(Instant.parse("2026-11-23T07:59:59.999Z"))).isFalse();
    }

    @Test
    void refusesARangeThatEndsBeforeItStarts() {
        assertThatThrownBy(() -> new TimeRange(NOW, NOW.minusSeconds(1)))
                .hasMessageContaining("the range must end after it starts");
    }
}
