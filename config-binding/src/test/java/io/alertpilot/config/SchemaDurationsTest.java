package io.alertpilot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The schemas' duration grammar and {@link Durations} accept and refuse the same texts. */
class SchemaDurationsTest {

    private static final List<String> VALID = List.of("0", "90", "500ms", "30s", "5m", "1h30m", "2d", "5 m", "PT5M",
            "PT1H30M", "P1D", "PT0.5S");
    private static final List<String> INVALID = List.of("soon", "5w", "-PT5M", "1.5h", "m5", "P", "PT");

    @Test
    void bothSchemasAgreeWithTheGrammar() {
        for (String schema : List.of("playbook.schema.json", "policy.schema.json")) {
            SchemaCheck check = SchemaCheck.of(schema);
            String field = schema.startsWith("playbook")
                    ? "playbooks: [ { name: a, match: { alertname: A }, actions: [ escalate ], guard: { cooldown: %s } } ]"
                    : "policies: [ { name: a, steps: [ { after: %s, notify: { log: x } } ] } ]";
            for (String text : VALID) {
                assertThat(Durations.parse(text)).isNotNull();
                assertThat(check.problems(field.formatted("\"" + text + "\""))).as("%s in %s", text, schema).isEmpty();
            }
            for (String text : INVALID) {
                assertThatThrownBy(() -> Durations.parse(text)).as(text)
                        .isInstanceOf(Durations.InvalidDurationException.class);
                assertThat(check.problems(field.formatted("\"" + text + "\""))).as("%s in %s", text, schema).isNotEmpty();
            }
        }
    }
}
