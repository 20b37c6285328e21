package io.alertpilot.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.OffsetDateTime;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class Rfc3339Test {

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-30T19:00:00Z", "2026-11-30T19:00:00.123456789Z", "2026-11-30T19:00:00.1Z",
            "2026-11-30T19:00:00.120+01:00", "2026-11-30T19:00:00-05:30", "0001-01-01T00:00:00Z",
            "2024-02-29T23:59:59.999999999-00:30", "9999-12-31T23:59:59+18:00", "2026-11-30T19:00:00.5-00:00"})
    void readsTheCommonShapeAsTheFormatterDoes(String text) {
        assertThat(Rfc3339.parse(text)).isEqualTo(OffsetDateTime.parse(text));
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-11-30T19:00:00", "2026-11-30t19:00:00Z", "2026-11-30T19:00:00z",
            "2026-11-30T19:00:00.Z", "2026-11-30T19:00:00.1234567890Z", "2026-11-30T19:00Z", "+12026-11-30T19:00:00Z",
            "2026-11-30T19:00:00+01", "2026-11-30T19:00:00+01:00:30", "2026-11-30T19:00:00+0100", "2026-1a-30T19:00:00Z",
            "2026-11-30 19:00:00Z", "2026-11-30T19:00:00,5Z", "2026-11-30T19:00:00+01:0x", "not a time at all here"})
    void leavesEveryOtherShapeToTheFormatter(String text) {
        assertThat(Rfc3339.parse(text)).isNull();
    }

    @ParameterizedTest
    @ValueSource(strings = {"2026-13-30T19:00:00Z", "2026-02-30T19:00:00Z", "2026-11-30T24:00:00Z",
            "2026-11-30T19:60:00Z", "2026-11-30T19:00:60Z", "2026-11-30T19:00:00+19:00", "2026-11-30T19:00:00+05:60"})
    void refusesAValueOutOfRangeAsTheFormatterDoes(String text) {
        assertThatThrownBy(() -> OffsetDateTime.parse(text)).isInstanceOf(DateTimeException.class);
        assertThatThrownBy(() -> Rfc3339.parse(text)).isInstanceOf(DateTimeException.class);
    }
}
