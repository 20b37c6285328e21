package io.alertpilot.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class LabelMatcherTest {

    @Test
    void twoReadingsOfTheSameExpressionsAreEqual() {
        LabelMatcher once = LabelMatcher.compile(Map.of("namespace", "shop|cart"));
        LabelMatcher again = LabelMatcher.compile(Map.of("namespace", "shop|cart"));

        assertThat(once).isEqualTo(again).hasSameHashCodeAs(again);
        assertThat(once).isNotEqualTo(LabelMatcher.compile(Map.of("namespace", "shop")));
    }

    @Test
    void patternsAreAnchored() {
        LabelMatcher shop = LabelMatcher.compile(Map.of("namespace", "shop|payments"));
        assertThat(shop.matches(Map.of("namespace", "shop"))).isTrue();
        assertThat(shop.matches(Map.of("namespace", "shop-dev"))).isFalse();
        assertThat(shop.matches(Map.of("namespace", "my-shop"))).isFalse();
    }

    @Test
    void aMissingLabelReadsAsTheEmptyString() {
        assertThat(LabelMatcher.compile(Map.of("team", "shop")).matches(Map.of())).isFalse();
        assertThat(LabelMatcher.compile(Map.of("team", ".*")).matches(Map.of())).isTrue();
        assertThat(LabelMatcher.compile(Map.of("team", "|shop")).matches(Map.of())).isTrue();
        assertThat(LabelMatcher.compile(Map.of("team", "|shop")).matches(Map.of("team", "ops"))).isFalse();
    }

    @Test
    void everyConditionMustHoldAndNoneMatchesAll() {
        LabelMatcher both = LabelMatcher.compile(Map.of("a", "1", "b", "2"));
        assertThat(both.matches(Map.of("a", "1", "b", "2"))).isTrue();
        assertThat(both.matches(Map.of("a", "1", "b", "3"))).isFalse();
        assertThat(LabelMatcher.ANY.matches(Map.of("x", "y"))).isTrue();
    }

    @Test
    void anInvalidExpressionNamesItsLabel() {
        assertThatThrownBy(() -> LabelMatcher.compile(Map.of("team", "(")))
                .isInstanceOfSatisfying(LabelMatcher.InvalidLabelPatternException.class,
                        e -> assertThat(e.label()).isEqualTo("team"))
                .hasMessageContaining("not a valid regular expression");
    }
}
