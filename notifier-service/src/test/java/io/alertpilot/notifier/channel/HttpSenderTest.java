package io.alertpilot.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class HttpSenderTest {

    @Test
    void classifiesAnswersAsDeliveredRetryableOrPermanent() {
        assertThat(HttpSender.classify(202, "", Optional.empty())).isInstanceOf(ChannelResult.Delivered.class);
        assertThat(HttpSender.classify(200, "ok", Optional.empty())).isInstanceOf(ChannelResult.Delivered.class);
        assertThat(HttpSender.classify(429, "", Optional.of("3")))
                .isEqualTo(new ChannelResult.Retryable(429, "HTTP 429", Duration.ofSeconds(3)));
        assertThat(HttpSender.classify(503, "down", Optional.empty()))
                .isEqualTo(new ChannelResult.Retryable(503, "HTTP 503: down", null));
        assertThat(HttpSender.classify(400, "{\"status\":\"invalid event\"}", Optional.empty()))
                .isInstanceOf(ChannelResult.Permanent.class);
        assertThat(HttpSender.classify(403, "action_prohibited", Optional.empty()))
                .isInstanceOf(ChannelResult.Permanent.class);
    }

    @Test
    void readsRetryAfterAsSecondsOrAnHttpDate() {
        assertThat(HttpSender.parseRetryAfter("120")).isEqualTo(Duration.ofMinutes(2));
        assertThat(HttpSender.parseRetryAfter("Wed, 21 Oct 2015 07:28:00 GMT")).isEqualTo(Duration.ZERO);
        assertThat(HttpSender.parseRetryAfter("soon")).isNull();
    }
}
