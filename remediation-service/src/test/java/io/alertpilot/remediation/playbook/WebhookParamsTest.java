package io.alertpilot.remediation.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.config.ConfigProblem;
import io.alertpilot.config.SchemaCheck;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What a webhook's body, headers and tokenFile may hold, as the loader checks them. */
class WebhookParamsTest {

    private static List<String> problems(String webhook) {
        try {
            WebhookPlaybooks.load(webhook);
        } catch (InvalidPlaybookException e) {
            return e.problems().stream().map(p -> p.field() + ": " + p.message()).toList();
        }
        return List.of();
    }

    private static final String FULL = """
            url: https://runbooks.example.com/disk
            method: PUT
            body: '{"host": "{{ labels.instance }}", "summary": "{{ annotations.summary }}"}'
            headers: { X-Team: "{{ labels.team }}", X-Source: alertpilot }
            tokenFile: /etc/alertpilot/webhook/token
            """;

    @Test
    void readsBodyHeadersAndTokenFileAsTheSchemaDescribesThem() {
        ActionSpec spec = WebhookPlaybooks.load(FULL).playbooks().getFirst().actions().getFirst();

        assertThat(SchemaCheck.of("playbook.schema.json").problems(WebhookPlaybooks.yaml(FULL))).isEmpty();

        assertThat(spec.param("body")).isEqualTo(
                "{\"host\": \"{{ labels.instance }}\", \"summary\": \"{{ annotations.summary }}\"}");
        assertThat(spec.headers()).isEqualTo(Map.of("X-Team", "{{ labels.team }}", "X-Source", "alertpilot"));
        assertThat(spec.param("tokenFile")).isEqualTo("/etc/alertpilot/webhook/token");
    }

    @Test
    void aJsonBodyMustKeepEveryPlaceholderInsideAString() {
        assertThat(problems("""
                url: https://runbooks.example.com/disk
                body: '{"count": {{ labels.count }}}'
                """)).singleElement().asString().startsWith("actions[0].webhook.body: is not JSON once its placeholders");
        assertThat(problems("""
                url: https://runbooks.example.com/disk
                headers: { Content-Type: text/plain }
                body: 'count={{ labels.count }}'
                """)).isEmpty();
    }

    @Test
    void refusesHeadersAlertPilotSetsOrThatCouldCarryASecretOrBreakALine() {
        assertThat(problems("""
                url: https://runbooks.example.com/disk
                headers:
                  Authorization: Bearer abc
                  Idempotency-Key: "1"
                  "Bad Name": x
                  X-Line: "a\\r\\nX-Injected: 1"
                  Content-Type: "{{ labels.type }}"
                """)).containsExactly(
                "actions[0].webhook.headers.Authorization: is set from tokenFile: a token must not be written in a "
                        + "playbook",
                "actions[0].webhook.headers.Idempotency-Key: is set by AlertPilot or the HTTP client and cannot be "
                        + "given",
                "actions[0].webhook.headers.Bad Name: is not a header name (letters, digits and !#$%&'*+.^_`|~-)",
                "actions[0].webhook.headers.X-Line: may hold printable ASCII only: no line breaks or control "
                        + "characters",
                "actions[0].webhook.headers.Content-Type: must be literal: it decides how the body's values are "
                        + "escaped");
    }

    @Test
    void theTokenFileIsALiteralAbsolutePath() {
        assertThat(problems("""
                url: https://runbooks.example.com/disk
                tokenFile: "/etc/{{ labels.secret }}"
                """)).singleElement().asString().contains("must be literal");
        assertThat(problems("""
                url: https://runbooks.example.com/disk
                tokenFile: token
                """)).singleElement().asString().contains("must be an absolute path");
    }

    @Test
    void otherActionsTakeNoWebhookParameters() {
        assertThatThrownBy(() -> new PlaybookLoader().load(List.of(new PlaybookLoader.Source("r.yml", """
                playbooks:
                  - name: r
                    match: { alertname: A }
                    target: { kind: Deployment, namespace: shop, name: api }
                    actions: [ { restart: { body: "x" } } ] 
                """)), Instant.EPOCH)).isInstanceOfSatisfying(InvalidPlaybookException.class,
                e -> assertThat(e.problems()).extracting(ConfigProblem::field).containsExactly("actions[0].restart.body"));
    }
}
