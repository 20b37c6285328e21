package io.alertpilot.notifier.channel.slack;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.notifier.channel.ChannelResult;
import io.alertpilot.notifier.channel.Page;
import io.alertpilot.notifier.escalation.Contact;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

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
    void aPagesButtonsNameTheOccurrenceOfTheIncident() {
        Instant opened = Instant.parse("2026-11-30T07:40:00.123Z");
        Incident incident = new Incident(Incident.SCHEMA_VERSION, "fp-1", "fp-1", IncidentState.ESCALATED,
                "KubePodCrashLooping", Severity.CRITICAL, "summary", Map.of(), null, "shop", 0, 0, null, opened,
                opened, null, null, null, null, 2);
        Contact contact = new Contact("slack-app", "C1");

        JsonNode message = Json.mapper().valueToTree(SlackAppMessages.page(new Page(incident, "trigger", 0, 0,
                contact, contact)));

        assertThat(message.path("blocks").findValuesAsString("value"))
                .containsExactly("fp-1@1796024400123", "fp-1@1796024400123");
    }

    @Test
    void aButtonValueIsReadBackAndOneWithoutItsOccurrenceIsNot() {
        Instant opened = Instant.parse("2026-11-30T07:40:00.123Z");
        SlackButtonValue approval = SlackButtonValue.approval("rem-1", "team@fp", opened);

        assertThat(SlackButtonValue.parse(approval.text(), true)).contains(approval);
        assertThat(SlackButtonValue.parse(SlackButtonValue.incident("a@b", opened).text(), false))
                .hasValueSatisfying(value -> {
                    assertThat(value.incidentId()).isEqualTo("a@b");
                    assertThat(value.isOccurrence(opened)).isTrue();
                    assertThat(value.isOccurrence(opened.plusMillis(1))).isFalse();
                });
        assertThat(SlackButtonValue.parse("fp-1", false)).isEmpty();
        assertThat(SlackButtonValue.parse("rem-1", true)).isEmpty();
        assertThat(SlackButtonValue.parse("rem-1@fp-1", true)).isEmpty();
        assertThat(SlackButtonValue.parse("fp-1@", false)).isEmpty();
        assertThat(SlackButtonValue.parse("fp-1@soon", false)).isEmpty();
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
