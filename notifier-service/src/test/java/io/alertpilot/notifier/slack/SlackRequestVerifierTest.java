package io.alertpilot.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.notifier.slack.SlackRequestVerifier.Verdict;
import io.alertpilot.testing.TestClock;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class SlackRequestVerifierTest {

    private final TestClock clock = TestClock.at("2026-11-30T08:00:00Z");
    private final SlackRequestVerifier verifier = new SlackRequestVerifier("8f742231b10e8888abcd99yyyzzz85a5", clock);
    private final byte[] body = "payload=%7B%22type%22%3A%22block_actions%22%7D".getBytes(StandardCharsets.UTF_8);

    private String now() {
        return String.valueOf(clock.instant().getEpochSecond());
    }

    @Test
    void signsAsSlacksDocumentedExample() {
        // the example of https://api.slack.com/authentication/verifying-requests-from-slack
        byte[] example = ("token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V"
                + "&channel_name=foobar&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text="
                + "&response_url=https%3A%2F%2Fhooks.slack.com%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN"
                + "&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c")
                .getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.sign("1531420618", example))
                .isEqualTo("v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503");
    }

    @Test
    void acceptsASignedFreshRequestOnceAndRefusesItsReplay() {
        String timestamp = now();
        String signature = verifier.sign(timestamp, body);
        assertThat(verifier.verify(timestamp, signature, body)).isEqualTo(Verdict.ACCEPTED);
        clock.advance(Duration.ofMinutes(4));
        assertThat(verifier.verify(timestamp, signature, body)).isEqualTo(Verdict.REPLAYED);
    }

    @Test
    void refusesATimestampMoreThanFiveMinutesAwayEitherWay() {
        String old = String.valueOf(clock.instant().minus(Duration.ofMinutes(5).plusSeconds(1)).getEpochSecond());
        String future = String.valueOf(clock.instant().plus(Duration.ofMinutes(6)).getEpochSecond());
        assertThat(verifier.verify(old, verifier.sign(old, body), body)).isEqualTo(Verdict.STALE);
        assertThat(verifier.verify(future, verifier.sign(future, body), body)).isEqualTo(Verdict.STALE);
        String edge = String.valueOf(clock.instant().minus(Duration.ofMinutes(5)).getEpochSecond());
        assertThat(verifier.verify(edge, verifier.sign(edge, body), body)).isEqualTo(Verdict.ACCEPTED);
    }

    @Test
    void refusesAWrongOrMissingSignatureAndAChangedBody() {
        String timestamp = now();
        String signature = verifier.sign(timestamp, body);
        byte[] changed = "payload=%7B%22type%22%3A%22other%22%7D".getBytes(StandardCharsets.UTF_8);
        assertThat(verifier.verify(timestamp, signature, changed)).isEqualTo(Verdict.WRONG_SIGNATURE);
        assertThat(verifier.verify(timestamp, new SlackRequestVerifier("other", clock).sign(timestamp, body), body))
                .isEqualTo(Verdict.WRONG_SIGNATURE);
        assertThat(verifier.verify(timestamp, null, body)).isEqualTo(Verdict.MISSING);
        assertThat(verifier.verify(null, signature, body)).isEqualTo(Verdict.MISSING);
        assertThat(verifier.verify("yesterday", signature, body)).isEqualTo(Verdict.MISSING);
        assertThat(verifier.verify(timestamp, signature.replace("v0=", "v1="), body)).isEqualTo(Verdict.MISSING);
    }

    @Test
    void withoutASecretNothingIsAccepted() {
        SlackRequestVerifier none = new SlackRequestVerifier(" ", clock);
        assertThat(none.configured()).isFalse();
        assertThat(none.verify(now(), none.sign(now(), body), body)).isEqualTo(Verdict.NOT_CONFIGURED);
    }
}
