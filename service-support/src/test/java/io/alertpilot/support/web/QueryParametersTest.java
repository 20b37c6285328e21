package io.alertpilot.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class QueryParametersTest {

    @Test
    void readsAnEnumValueInAnyCaseAndNothingWhenBlank() {
        assertThat(QueryParameters.enumValue("unit", " seconds ", TimeUnit.class)).isEqualTo(TimeUnit.SECONDS);
        assertThat(QueryParameters.enumValue("unit", "", TimeUnit.class)).isNull();
        assertThat(QueryParameters.enumValue("unit", null, TimeUnit.class)).isNull();
    }

    @Test
    void refusesAnUnknownEnumValueNamingTheParameterAndTheAllowedValues() {
        assertThatThrownBy(() -> QueryParameters.enumValue("unit", "fortnights", TimeUnit.class))
                .isInstanceOfSatisfying(InvalidParameterException.class, e -> {
                    assertThat(e.field()).isEqualTo("unit");
                    assertThat(e.getMessage()).contains("SECONDS");
                    assertThat(e.problem().getStatus()).isEqualTo(400);
                    assertThat(e.problem().getProperties()).containsEntry("field", "unit")
                            .containsEntry("reason", "invalid-field");
                });
    }

    @Test
    void limitDefaultsTo100AndMustBeFrom1To1000() {
        assertThat(QueryParameters.limit(null)).isEqualTo(100);
        assertThat(QueryParameters.limit("1000")).isEqualTo(1000);
        assertThat(QueryParameters.limit("1")).isEqualTo(1);
        for (String bad : new String[] {"0", "1001", "-5", "ten"}) {
            assertThatThrownBy(() -> QueryParameters.limit(bad)).isInstanceOfSatisfying(
                    InvalidParameterException.class, e -> assertThat(e.field()).isEqualTo("limit"));
        }
    }

    @Test
    void textIsTrimmedAndBlankMatchesAll() {
        assertThat(QueryParameters.text("  web ")).isEqualTo("web");
        assertThat(QueryParameters.text(" ")).isNull();
    }
}
