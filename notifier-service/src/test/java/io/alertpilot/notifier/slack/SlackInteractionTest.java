package io.alertpilot.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SlackInteractionTest {

    private static final String PRESS = "{\"type\":\"block_actions\",\"user\":{\"id\":\"U012ABC\"},"
            + "\"channel\":{\"id\":\"C0123ABCD\"},\"message\":{\"ts\":\"1764489600.000100\",\"blocks\":"
            + "[{\"type\":\"section\",\"text\":{\"type\":\"mrkdwn\",\"text\":\"a & b = c + d\"}}]},"
            + "\"actions\":[{\"action_id\":\"alertpilot.acknowledge\",\"value\":\"0c029c006d0ffce0\"}]}";

    @Test
    void readsThePressOfASlackEncodedForm() {
        byte[] form = ("payload=" + URLEncoder.encode(PRESS, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);

        assertThat(SlackInteraction.fromForm(form)).isEqualTo(new SlackInteraction("U012ABC", "C0123ABCD",
                "1764489600.000100", "alertpilot.acknowledge", "0c029c006d0ffce0", List.of(Map.of("type", "section",
                        "text", Map.of("type", "mrkdwn", "text", "a & b = c + d")))));
    }

    @Test
    void readsTheReadmesUnencodedFormAndTheContainerWhenChannelAndMessageAreMissing() {
        String readme = "payload={\"type\":\"block_actions\",\"user\":{\"id\":\"U012ABC\"},\"channel\":{\"id\":"
                + "\"C0123ABCD\"},\"message\":{\"ts\":\"1764489600.000100\",\"blocks\":[]},\"actions\":[{\"action_id\":"
                + "\"alertpilot.acknowledge\",\"value\":\"0c029c006d0ffce0\"}]}";
        assertThat(SlackInteraction.fromForm(readme.getBytes(StandardCharsets.UTF_8)).value())
                .isEqualTo("0c029c006d0ffce0");

        SlackInteraction fromContainer = SlackInteraction.fromPayload("{\"type\":\"block_actions\",\"user\":{\"id\":"
                + "\"U1\"},\"container\":{\"channel_id\":\"C1\",\"message_ts\":\"1.2\"},\"actions\":[{\"action_id\":"
                + "\"alertpilot.resolve\",\"value\":\"fp\"}]}");
        assertThat(fromContainer.channelId()).isEqualTo("C1");
        assertThat(fromContainer.messageTs()).isEqualTo("1.2");
        assertThat(fromContainer.blocks()).isEmpty();
    }

    @Test
    void namesTheFieldThatIsMissingOrNotUnderstood() {
        assertThat(field("token=x")).isEqualTo("payload");
        assertThat(field("payload=not-json")).isEqualTo("payload");
        assertThat(field("payload={\"type\":\"view_submission\"}")).isEqualTo("type");
        assertThat(field("payload=" + URLEncoder.encode(PRESS.replace("\"user\":{\"id\":\"U012ABC\"},", ""),
                StandardCharsets.UTF_8))).isEqualTo("user.id");
        assertThat(field("payload=" + URLEncoder.encode(PRESS.replace("\"value\":\"0c029c006d0ffce0\"", "\"x\":1"),
                StandardCharsets.UTF_8))).isEqualTo("actions[0].value");
    }

    private static String field(String form) {
        Throwable thrown = catchThrowable(
                () -> SlackInteraction.fromForm(form.getBytes(StandardCharsets.UTF_8)));
        assertThat(thrown).isInstanceOf(InvalidInteractionException.class);
        return ((InvalidInteractionException) thrown).field();
    }
}
