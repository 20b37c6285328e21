package io.alertpilot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.config.AlertMatcher.Operator;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Alertmanager matchers: read as amtool writes them, matched with a missing value as "". */
class AlertMatcherTest {

    @Test
    void readsEachOperatorQuotedOrBare() {
        assertThat(AlertMatcher.parse("tier=web")).extracting(AlertMatcher::name, AlertMatcher::operator,
                AlertMatcher::value).containsExactly("tier", Operator.EQUAL, "web");
        assertThat(AlertMatcher.parse("team!=infra").operator()).isEqualTo(Operator.NOT_EQUAL);
        assertThat(AlertMatcher.parse("env=~\"prod|staging\"")).extracting(AlertMatcher::operator,
                AlertMatcher::value).containsExactly(Operator.REGEX, "prod|staging");
        assertThat(AlertMatcher.parse(" pod !~ \"canary-.*\" ")).extracting(AlertMatcher::name,
                AlertMatcher::operator, AlertMatcher::value).containsExactly("pod", Operator.NOT_REGEX, "canary-.*");
    }

    @Test
    void aQuotedValueKeepsItsBlanksAndEscapes() {
        assertThat(AlertMatcher.parse("summary=\"disk \\\"full\\\" \"").value()).isEqualTo("disk \"full\" ");
        assertThat(AlertMatcher.parse("path=\"a\\\\b\"").value()).isEqualTo("a\\b");
        assertThat(AlertMatcher.parse("team=").value()).isEmpty();
    }

    /** Each operator against a value, or a missing label ({@code <missing>}): whole values, anchored expressions. */
    @ParameterizedTest(name = "{0} on {1}: {2}")
    @CsvSource(delimiter = ';', textBlock = """
            tier=web              ; web        ; true
            tier=web              ; webapp     ; false
            tier=web              ; <missing>  ; false
            team!=infra           ; shop       ; true
            team!=infra           ; infra      ; false
            team!=infra           ; <missing>  ; true
            team=""               ; <missing>  ; true
            env=~"prod|staging"   ; prod       ; true
            env=~"prod|staging"   ; staging    ; true
            env=~"prod|staging"   ; preprod    ; false
            env=~"prod|staging"   ; prod-eu    ; false
            env=~".+"             ; <missing>  ; false
            pod!~"canary-.*"      ; canary-7f9 ; false
            pod!~"canary-.*"      ; web-canary ; true
            env!~".+"             ; <missing>  ; true
            """)
    void holdsAsAlertmanagerMatchers(String matcher, String value, boolean holds) {
        AlertMatcher parsed = AlertMatcher.parse(matcher);
        Map<String, String> labels = value.equals("<missing>") ? Map.of("other", "x") : Map.of(parsed.name(), value);
        assertThat(parsed.matches(labels)).isEqualTo(holds);
    }

    @Test
    void refusesTextThatIsNoMatcherAndRegexThatDoesNotCompile() {
        assertThatThrownBy(() -> AlertMatcher.parse("team")).isInstanceOf(AlertMatcher.InvalidMatcherException.class)
                .hasMessageContaining("'team' is not a matcher");
        assertThatThrownBy(() -> AlertMatcher.parse("=web")).hasMessageContaining("is not a matcher");
        assertThatThrownBy(() -> AlertMatcher.parse("env=~\"(prod\""))
                .isInstanceOf(AlertMatcher.InvalidMatcherException.class)
                .hasMessageContaining("'(prod' is not a valid regular expression");
    }

    @Test
    void printsAsWrittenWithTheValueQuoted() {
        assertThat(AlertMatcher.parse("team!=infra")).hasToString("team!=\"infra\"");
        assertThat(AlertMatcher.parse("team!=infra")).isEqualTo(AlertMatcher.parse("team!=\"infra\""));
    }
}
