package io.alertpilot.remediation.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.remediation.playbook.AlertMatcher.Operator;
import java.util.Map;
import org.junit.jupiter.api.Test;

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

    @Test
    void equalAndNotEqualCompareTheWholeValue() {
        AlertMatcher web = AlertMatcher.parse("tier=web");
        assertThat(web.matches(Map.of("tier", "web"))).isTrue();
        assertThat(web.matches(Map.of("tier", "webapp"))).isFalse();
        AlertMatcher notInfra = AlertMatcher.parse("team!=infra");
        assertThat(notInfra.matches(Map.of("team", "shop"))).isTrue();
        assertThat(notInfra.matches(Map.of("team", "infra"))).isFalse();
    }

    @Test
    void regularExpressionsAreAnchored() {
        AlertMatcher env = AlertMatcher.parse("env=~\"prod|staging\"");
        assertThat(env.matches(Map.of("env", "prod"))).isTrue();
        assertThat(env.matches(Map.of("env", "staging"))).isTrue();
        assertThat(env.matches(Map.of("env", "preprod"))).isFalse();
        assertThat(env.matches(Map.of("env", "prod-eu"))).isFalse();
        AlertMatcher noCanary = AlertMatcher.parse("pod!~\"canary-.*\"");
        assertThat(noCanary.matches(Map.of("pod", "canary-7f9"))).isFalse();
        assertThat(noCanary.matches(Map.of("pod", "web-canary-7f9"))).isTrue();
    }

    @Test
    void aMissingLabelReadsAsTheEmptyString() {
        Map<String, String> none = Map.of();
        assertThat(AlertMatcher.parse("team!=infra").matches(none)).isTrue();
        assertThat(AlertMatcher.parse("tier=web").matches(none)).isFalse();
        assertThat(AlertMatcher.parse("team=\"\"").matches(none)).isTrue();
        assertThat(AlertMatcher.parse("env=~\".+\"").matches(none)).isFalse();
        assertThat(AlertMatcher.parse("env!~\".+\"").matches(none)).isTrue();
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

    @Test
    void priorityKeysIgnoreCaseDashesAndBlanks() {
        assertThat(MatchRule.priorityKey("SEV-1")).isEqualTo("sev1");
        assertThat(MatchRule.priorityKey("Sev1")).isEqualTo("sev1");
        assertThat(MatchRule.priorityKey("sev 1")).isEqualTo("sev1");
        assertThat(MatchRule.priorityKey("P0")).isEqualTo("p0");
    }
}
