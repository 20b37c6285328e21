package io.alertpilot.model.alert;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.NullSource;
import org.junit.jupiter.params.provider.ValueSource;

class SeverityMappingTest {

    private final SeverityMapping defaults = SeverityMapping.defaults();

    /** Every row of the mapping in DESIGN.md. */
    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "critical, CRITICAL", "page, CRITICAL", "p0, CRITICAL", "p1, CRITICAL", "sev1, CRITICAL", "Sev0, CRITICAL",
        "error, HIGH", "high, HIGH", "major, HIGH", "p2, HIGH", "sev2, HIGH", "Sev1, HIGH",
        "warning, WARNING", "medium, WARNING", "minor, WARNING", "p3, WARNING", "sev3, WARNING", "Sev2, WARNING",
        "info, INFO", "low, INFO", "none, INFO", "p4, INFO", "sev4, INFO", "Sev3, INFO", "Sev4, INFO"
    })
    void mapsEveryRowOfTheDesign(String text, Severity expected) {
        assertThat(defaults.map(text)).isEqualTo(expected);
    }

    @Test
    void azureSev1IsHighWhileTheLabelSev1IsCritical() {
        assertThat(defaults.map("Sev1")).isEqualTo(Severity.HIGH);
        assertThat(defaults.map("sev1")).isEqualTo(Severity.CRITICAL);
        assertThat(defaults.map("Sev2")).isEqualTo(Severity.WARNING);
        assertThat(defaults.map("sev2")).isEqualTo(Severity.HIGH);
        assertThat(defaults.map("Sev3")).isEqualTo(Severity.INFO);
        assertThat(defaults.map("sev3")).isEqualTo(Severity.WARNING);
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "CRITICAL, CRITICAL", "Critical, CRITICAL", "PAGE, CRITICAL", "P1, CRITICAL", "Error, HIGH", "HIGH, HIGH",
        "Warning, WARNING", "WARNING, WARNING", "Info, INFO", "sev0, CRITICAL", "SEV1, CRITICAL", "SEV2, HIGH"
    })
    void otherSpellingsMatchCaseInsensitivelyWithThePrometheusMeaningFirst(String text, Severity expected) {
        assertThat(defaults.map(text)).isEqualTo(expected);
    }

    @Test
    void ignoresSurroundingWhitespace() {
        assertThat(defaults.map("  critical\t")).isEqualTo(Severity.CRITICAL);
        assertThat(defaults.map(" Sev1 ")).isEqualTo(Severity.HIGH);
    }

    @ParameterizedTest
    @NullSource
    @ValueSource(strings = {"", "   ", "disaster", "sev5", "p5", "crit", "critical!", "2"})
    void missingOrUnknownTextIsInfo(String text) {
        assertThat(defaults.map(text)).isEqualTo(Severity.INFO);
    }

    @Test
    void anOverrideAddsNewText() {
        SeverityMapping mapping = SeverityMapping.withOverrides(Map.of("disaster", Severity.CRITICAL));

        assertThat(mapping.map("disaster")).isEqualTo(Severity.CRITICAL);
        assertThat(mapping.map("DISASTER")).isEqualTo(Severity.CRITICAL);
        assertThat(mapping.map("warning")).isEqualTo(Severity.WARNING);
        assertThat(defaults.map("disaster")).isEqualTo(Severity.INFO);
    }

    @Test
    void anOverrideReplacesADefault() {
        SeverityMapping mapping = SeverityMapping.withOverrides(Map.of("warning", Severity.HIGH, "Sev1", Severity.CRITICAL));

        assertThat(mapping.map("warning")).isEqualTo(Severity.HIGH);
        assertThat(mapping.map("Warning")).isEqualTo(Severity.HIGH);
        assertThat(mapping.map("Sev1")).isEqualTo(Severity.CRITICAL);
        assertThat(mapping.map("sev1")).isEqualTo(Severity.CRITICAL);
        assertThat(mapping.map("sev2")).isEqualTo(Severity.HIGH);
        assertThat(mapping.map("minor")).isEqualTo(Severity.WARNING);
    }

    @Test
    void anOverrideOfOneSpellingKeepsTheOtherMeaning() {
        SeverityMapping mapping = SeverityMapping.withOverrides(Map.of("sev1", Severity.WARNING));

        assertThat(mapping.map("sev1")).isEqualTo(Severity.WARNING);
        assertThat(mapping.map("SEV1")).isEqualTo(Severity.WARNING);
        assertThat(mapping.map("Sev1")).isEqualTo(Severity.HIGH);
        assertThat(mapping.map("Sev0")).isEqualTo(Severity.CRITICAL);
    }

    @Test
    void noOverridesIsTheDefaultMapping() {
        SeverityMapping mapping = SeverityMapping.withOverrides(Map.of());

        for (String text : new String[] {"critical", "Sev1", "sev1", "p3", "Sev4", "unknown"}) {
            assertThat(mapping.map(text)).as(text).isEqualTo(defaults.map(text));
        }
    }

    @Test
    void refusesNullOverrides() {
        Map<String, Severity> nullSeverity = new HashMap<>();
        nullSeverity.put("disaster", null);
        Map<String, Severity> nullText = new HashMap<>();
        nullText.put(null, Severity.HIGH);

        assertThatNullPointerException().isThrownBy(() -> SeverityMapping.withOverrides(nullSeverity));
        assertThatNullPointerException().isThrownBy(() -> SeverityMapping.withOverrides(nullText));
    }

    @Test
    void severitiesAreOrderedMostSevereFirst() {
        assertThat(Severity.CRITICAL.atLeast(Severity.HIGH)).isTrue();
        assertThat(Severity.HIGH.atLeast(Severity.HIGH)).isTrue();
        assertThat(Severity.WARNING.atLeast(Severity.HIGH)).isFalse();
        assertThat(Severity.INFO.atLeast(Severity.CRITICAL)).isFalse();
    }
}
