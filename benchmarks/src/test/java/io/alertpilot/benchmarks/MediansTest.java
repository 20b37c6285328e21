package io.alertpilot.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class MediansTest {

    private static String[] row(String measure, String value, String reference, String ratio, String goal) {
        return new String[] {measure, value, reference, ratio, goal};
    }

    @Test
    void eachNumberIsTheMedianAtItsPlace() {
        List<String[]> rows = List.of(
                row("latency p50 / p99 / p99.9 (ms)", "1.0 / 9.0 / 30.0", "-", "-", "p99 < 10 ms"),
                row("latency p50 / p99 / p99.9 (ms)", "3.0 / 12.0 / 10.0", "-", "-", "p99 < 10 ms"),
                row("latency p50 / p99 / p99.9 (ms)", "2.0 / 8.0 / 20.0", "-", "-", "p99 < 10 ms"));

        assertThat(Medians.median(rows, 1)).isEqualTo("2.0 / 9.0 / 20.0");
    }

    @Test
    void anEvenCountTakesTheMeanOfTheMiddleTwo() {
        List<String[]> rows = List.of(row("m", "10", "raw producer 100", "0.10x", "-"),
                row("m", "20", "raw producer 300", "0.07x", "-"));

        assertThat(Medians.median(rows, 2)).isEqualTo("raw producer 200");
        assertThat(Medians.median(rows, 3)).isEqualTo("0.09x");
    }

    @Test
    void rowsWithDifferentNumbersKeepTheLastRunsText() {
        List<String[]> rows = List.of(row("m", "PLANNED 20", "-", "-", "-"),
                row("m", "PLANNED 20, SKIPPED cooldown 3", "-", "-", "-"));

        assertThat(Medians.median(rows, 1)).isEqualTo("PLANNED 20, SKIPPED cooldown 3");
    }

    @Test
    void goalsAreCheckedOnTheirNumber() {
        assertThat(Medians.met(">= 0.5x", "3981", "0.15x")).isEqualTo("no");
        assertThat(Medians.met(">= 1.0x", "3981", "1.20x")).isEqualTo("yes");
        assertThat(Medians.met("p99 < 10 ms", "1.0 / 9.9 / 30.0", "-")).isEqualTo("yes");
        assertThat(Medians.met("p99 < 100 ms", "1.0 / 120.0 / 300.0", "-")).isEqualTo("no");
        assertThat(Medians.met("< 300 each", "250 / 310 / 200", "-")).isEqualTo("no");
        assertThat(Medians.met("< 8 each", "5.0 / 7.9 / 6.1", "-")).isEqualTo("yes");
        assertThat(Medians.met("<= 10", "9.5", "-")).isEqualTo("yes");
        assertThat(Medians.met("0", "1", "-")).isEqualTo("no");
        assertThat(Medians.met("0", "0", "-")).isEqualTo("yes");
        assertThat(Medians.met("-", "12", "-")).isEqualTo("-");
        assertThat(Medians.met("<= 10", "-", "-")).isEqualTo("-");
    }

    @Test
    void theTableHasOneRowPerMeasureWithItsGoalAndVerdict() {
        List<String[]> run1 = List.<String[]>of(row("decisions per second", "900", "-", "-", ">= 1000"),
                row("lost", "0", "-", "-", "0"));
        List<String[]> run2 = List.<String[]>of(row("decisions per second", "1100", "-", "-", ">= 1000"),
                row("lost", "0", "-", "-", "0"));
        List<String[]> run3 = List.<String[]>of(row("decisions per second", "1200", "-", "-", ">= 1000"));

        assertThat(Medians.table(List.of(run1, run2, run3))).contains(
                "| decisions per second | 1100 | - | - | >= 1000 | yes | 3 |",
                "| lost | 0 | - | - | 0 | yes | 2 |");
    }
}
