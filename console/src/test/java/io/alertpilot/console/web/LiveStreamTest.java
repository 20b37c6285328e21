package io.alertpilot.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.readmodel.Change;
import org.junit.jupiter.api.Test;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

class LiveStreamTest {

    @Test
    void aChangeIsSentUnderItsKindAndUnderItsKindWithItsId() {
        assertThat(LiveEvents.events(new Change(Change.What.INCIDENT, "fp-1"))).containsExactly(
                new LiveStream.Event("incident", "fp-1"), new LiveStream.Event("incident-fp-1", "fp-1"));
        assertThat(LiveEvents.events(new Change(Change.What.WINDOW, "w-1"))).extracting(LiveStream.Event::name)
                .containsExactly("window", "window-w-1");
    }

    @Test
    void anEventAlreadyWaitingIsNotQueuedTwiceAndOnlyTheFirstAsksForAFlush() {
        LiveStream stream = new LiveStream(new SseEmitter(), "s-1");
        assertThat(stream.offer(new LiveStream.Event("incident", "fp-1"))).isEqualTo(LiveStream.Offer.SCHEDULE);
        assertThat(stream.offer(new LiveStream.Event("incident", "fp-1"))).isEqualTo(LiveStream.Offer.QUEUED);
        assertThat(stream.offer(new LiveStream.Event("incident", "fp-2"))).isEqualTo(LiveStream.Offer.QUEUED);
    }

    @Test
    void aStreamTooFarBehindTakesNoMoreButStillTakesWhatIsWaitingAlready() {
        LiveStream stream = new LiveStream(new SseEmitter(), "s-1");
        for (int i = 0; i < LiveStream.MAX_PENDING; i++) {
            assertThat(stream.offer(new LiveStream.Event("incident", "fp-" + i))).isNotEqualTo(LiveStream.Offer.FULL);
        }
        assertThat(stream.offer(new LiveStream.Event("incident", "fp-new"))).isEqualTo(LiveStream.Offer.FULL);
        assertThat(stream.offer(new LiveStream.Event("incident", "fp-0"))).isEqualTo(LiveStream.Offer.QUEUED);
    }

    @Test
    void afterAFlushTheNextEventAsksForAFlushAgain() {
        LiveStream stream = new LiveStream(new SseEmitter(), "s-1");
        stream.offer(new LiveStream.Event("incident", "fp-1"));
        assertThat(stream.flush()).isTrue();
        assertThat(stream.offer(new LiveStream.Event("incident", "fp-1"))).isEqualTo(LiveStream.Offer.SCHEDULE);
    }
}
