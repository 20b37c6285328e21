package io.alertpilot.notifier.channel.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.notifier.channel.ChannelResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackAppMessagesTest {

    @Test
    @SuppressWarnings("unchecked")
    void anAnsweredMessageKeepsItsBlocksLosesTheButtonsAndSaysWhatHappened() {
        List<Object> blocks = List.of(
                Map.of("type", "header", "text", Map.of("type", "plain_text", "text", "FIRING: KubePodCrashLooping")),
                Map.of("type", "actions", "elements", List.of(Map.of("type", "button", "url", "https://runbook"))),
                Map.of("type", "actions", "block_id", SlackAppMessages.BUTTONS, "elements", List.of()));

        Map<String, Object> answered = SlackAppMessages.answered(blocks, "*ACKNOWLEDGED* by alice");

        assertThat(answered.get("text")).isEqualTo("*ACKNOWLEDGED* by alice");
        assertThat((List<Object>) answered.get("blocks")).containsExactly(blocks.get(0), blocks.get(1),
                Map.of("type", "section", "text", Map.of("type", "mrkdwn", "text", "*ACKNOWLEDGED* by alice")));
    }

    @Test
    void slackOkFalseIsAFailureRetryableOnlyWhenSlackIsBusyOrBroken() {
        assertThat(SlackWebApi.classify(200, "{\"ok\":true,\"ts\":\"1.2\"}"))
                .isEqualTo(new ChannelResult.Delivered(200));
        assertThat(SlackWebApi.classify(200, "{\"ok\":false,\"error\":\"channel_not_found\"}"))
                .isEqualTo(new ChannelResult.Permanent(200, "Slack error channel_not_found"));
        assertThat(SlackWebApi.classify(200, "{\"ok\":false,\"error\":\"ratelimited\"}"))
                .isEqualTo(new ChannelResult.Retryable(200, "Slack error ratelimited", null));
        assertThat(SlackWebApi.classify(200, "{\"ok\":false,\"error\":\"internal_error\"}"))
                .isInstanceOf(ChannelResult.Retryable.class);
        assertThat(SlackWebApi.classify(200, "ok")).isInstanceOf(ChannelResult.Permanent.class);
    }
}
