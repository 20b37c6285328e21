package io.alertpilot.remediation.action;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.WebhookPlaybooks;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/** A webhook planned from an alert: the body's values escaped as JSON, header values refused when not printable. */
class WebhookRenderingTest {

    private final ActionPlanner planner = new ActionPlanner(new NamespacePolicy(Set.of(), Set.of()), "default");

    private static Playbook playbook(String webhook) {
        return WebhookPlaybooks.load(webhook).playbooks().getFirst();
    }

    private static final Playbook JSON_BODY = playbook("""
            url: https://runbooks.example.com/disk
            body: '{"host": "{{ labels.instance }}", "text": "disk of {{ labels.instance }}: {{ annotations.summary }}"}'
            headers: { X-Team: "{{ labels.team }}" }
            tokenFile: /etc/alertpilot/webhook/token
            """);

    private static AlertEvent alert(String instance, String team) {
        return Alerts.firing("DiskFull", Map.of("instance", instance, "team", team))
                .annotation("summary", "99% \\ full").build();
    }

    @Test
    void aLabelWithAQuoteAndALineBreakStaysInsideItsJsonString() {
        String hostile = "db-1\", \"admin\": true, \"x\": \"\n";

        Plan plan = planner.plan(JSON_BODY, alert(hostile, "storage"));

        Action.Webhook webhook = (Action.Webhook) ((Plan.Planned) plan).actions().getFirst();
        JsonNode body = Json.mapper().readTree(webhook.body());
        assertThat(body.propertyNames()).containsExactlyInAnyOrder("host", "text");
        assertThat(body.get("host").asString()).isEqualTo(hostile);
        assertThat(body.get("text").asString()).isEqualTo("disk of " + hostile + ": 99% \\ full");
        assertThat(webhook.headers()).isEqualTo(Map.of("X-Team", "storage"));
        assertThat(webhook.tokenFile()).isEqualTo("/etc/alertpilot/webhook/token");
        assertThat(webhook.parameters()).doesNotContainKey("body")
                .containsEntry("headers", "X-Team").containsEntry("tokenFile", "/etc/alertpilot/webhook/token");
    }

    @Test
    void aTextBodyTakesTheValuesAsTheyAre() {
        Playbook text = playbook("""
                url: https://runbooks.example.com/disk
                headers: { Content-Type: "text/plain; charset=utf-8" }
                body: 'disk "{{ labels.instance }}"'
                """);

        Action.Webhook webhook = (Action.Webhook) ((Plan.Planned) planner.plan(text, alert("db\"1", "storage")))
                .actions().getFirst();

        assertThat(webhook.body()).isEqualTo("disk \"db\"1\"");
    }

    @Test
    void aHeaderValueWithALineBreakFromALabelIsRefusedBeforeAnyCall() {
        Plan plan = planner.plan(JSON_BODY, alert("db-1", "storage\r\nX-Injected: yes"));

        assertThat(plan).isInstanceOfSatisfying(Plan.Refused.class, refused -> {
            assertThat(refused.reason()).isEqualTo("invalid-header");
            assertThat(refused.field()).isEqualTo("actions[0].webhook.headers.X-Team");
            assertThat(refused.message()).contains("storage\\u000d\\u000aX-Injected: yes");
        });
    }

    @Test
    void withoutABodyTheAlertIsSentAsToday() {
        Action.Webhook webhook = (Action.Webhook) ((Plan.Planned) planner.plan(
                playbook("url: https://runbooks.example.com/disk"), alert("db-1", "storage"))).actions().getFirst();

        assertThat(webhook).isEqualTo(new Action.Webhook(java.net.URI.create("https://runbooks.example.com/disk"),
                "POST"));
    }
}
