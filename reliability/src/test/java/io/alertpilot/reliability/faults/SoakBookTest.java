package io.alertpilot.reliability.faults;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SoakBookTest {

    private final SoakBook book = new SoakBook(List.of("d-1"), Duration.ofSeconds(40), Duration.ofSeconds(180),
            Duration.ofSeconds(60));

    @Test
    void aDeploymentIsHandedOutAgainOnlyAfterRemediationFinishedWithItsAlertAndItRested() {
        assertThat(book.takeDeployment("a", 0)).isEqualTo("d-1");
        send("a", "d-1", "e-a", 0);
        book.pages(Map.of("a", 1));
        book.restarts(Map.of("d-1", Map.of("t1", 2_000L)));
        assertThat(book.takeDeployment("b", 100_000)).isNull();

        book.finished("a", 100_000);

        assertThat(book.takeDeployment("b", 139_999)).isNull();
        assertThat(book.takeDeployment("b", 140_000)).isEqualTo("d-1");
        assertThat(book.poolEmpty()).isEqualTo(2);
    }

    @Test
    void aDeploymentOfARefusedAlertRestsFiveMinutesAndItsRestartIsNotCounted() {
        book.takeDeployment("r", 0);
        book.sending("r", "d-1");
        book.refused("r", 0);
        book.restarts(Map.of("d-1", Map.of("t1", 2_000L)));

        assertThat(book.takeDeployment("b", 299_999)).isNull();
        assertThat(book.takeDeployment("b", 300_000)).isEqualTo("d-1");
        assertThat(book.counts(300_000, true)).extracting(SoakBook.Counts::acked, SoakBook.Counts::actionsDone)
                .containsExactly(0L, 0L);
        assertThat(book.stray()).isEqualTo(1);
    }

    @Test
    void aSecondRestartOfTheSameAlertIsADuplicateAndTheSameRestartTimeWrittenAgainIsNot() {
        book.takeDeployment("a", 0);
        send("a", "d-1", "e-a", 0);

        book.restarts(Map.of("d-1", Map.of("t1", 1_000L)));
        book.restarts(Map.of("d-1", Map.of("t1", 1_500L)));
        assertThat(book.counts(2_000, false).actionsDuplicated()).isZero();

        book.restarts(Map.of("d-1", Map.of("t2", 3_000L)));
        SoakBook.Counts counts = book.counts(4_000, false);
        assertThat(counts.actionsDone()).isEqualTo(1);
        assertThat(counts.actionsDuplicated()).isEqualTo(1);
        assertThat(counts.passed()).isFalse();
    }

    @Test
    void aPageAlertIsMissingOnlyOnceOverdueOrAtTheEnd() {
        send("p", null, "e-p", 0);
        book.onKafka("e-p");

        assertThat(book.counts(179_000, false).pagesMissing()).isZero();
        assertThat(book.counts(10_000, true).pagesMissing()).isEqualTo(1);
        assertThat(book.counts(181_000, false).pagesMissing()).isEqualTo(1);

        book.pages(Map.of("p", 1));
        SoakBook.Counts counts = book.counts(183_000, true);
        assertThat(counts.pagesSent()).isEqualTo(1);
        assertThat(counts.pagesMissing()).isZero();
        assertThat(counts.outstanding()).isZero();
        assertThat(counts.passed()).isTrue();
    }

    @Test
    void aRestartAlertNotActedOnMustBePagedAndOneActedOnAndPagedIsExtra() {
        book.takeDeployment("a", 0);
        send("a", "d-1", "e-a", 0);
        book.onKafka("e-a");
        assertThat(book.counts(1_000, true).pagesMissing()).isEqualTo(1);

        book.pages(Map.of("a", 1));
        assertThat(book.counts(3_000, true)).extracting(SoakBook.Counts::pagesExpected, SoakBook.Counts::pagesSent,
                SoakBook.Counts::pagesMissing).containsExactly(1L, 1L, 0L);

        book.restarts(Map.of("d-1", Map.of("t1", 4_000L)));
        assertThat(book.counts(5_000, true)).extracting(SoakBook.Counts::pagesExpected, SoakBook.Counts::pagesExtra,
                SoakBook.Counts::passed).containsExactly(0L, 1L, true);
    }

    @Test
    void anAcknowledgedAlertNotOnKafkaIsLostAfterAMinuteAndARefusedOneIsNotCounted() {
        send("p", null, "e-p", 0);
        book.sending("q", null);
        book.refused("q", 0);
        book.pages(Map.of("q", 1));

        assertThat(book.counts(59_000, false).lost()).isZero();
        SoakBook.Counts counts = book.counts(61_000, false);
        assertThat(counts.lost()).isEqualTo(1);
        assertThat(counts.acked()).isEqualTo(1);
        assertThat(book.stray()).isEqualTo(1);
    }

    private void send(String fingerprint, String deployment, String eventId, long at) {
        book.sending(fingerprint, deployment);
        book.acked(fingerprint, List.of(eventId), at);
    }
}
