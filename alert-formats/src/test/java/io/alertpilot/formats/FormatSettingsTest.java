package io.alertpilot.formats;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.model.alert.SeverityMapping;
import org.junit.jupiter.api.Test;

class FormatSettingsTest {

    @Test
    void keepsWhatItIsGiven() {
        SeverityMapping severities = SeverityMapping.defaults();

        FormatSettings settings = new FormatSettings(severities, 250);

        assertThat(settings.severities()).isSameAs(severities);
        assertThat(settings.maxAlertsPerRequest()).isEqualTo(250);
    }

    @Test
    void acceptsTheBoundsOfTheLimit() {
        assertThat(new FormatSettings(SeverityMapping.defaults(), 1).maxAlertsPerRequest()).isEqualTo(1);
        assertThat(new FormatSettings(SeverityMapping.defaults(), FormatSettings.MAX_ALERTS_CEILING)
                .maxAlertsPerRequest()).isEqualTo(100_000);
    }

    @Test
    void refusesALimitBelowOne() {
        assertThatThrownBy(() -> new FormatSettings(SeverityMapping.defaults(), 0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the most alerts per request must be 1 to 100000, not 0");
    }

    @Test
    void refusesALimitAboveTheCeiling() {
        assertThatThrownBy(() -> new FormatSettings(SeverityMapping.defaults(), 100_001))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 100001");
    }

    @Test
    void refusesAMissingSeverityMapping() {
        assertThatThrownBy(() -> new FormatSettings(null, 1000))
                .isInstanceOf(NullPointerException.class)
                .hasMessage("the severity mapping is required");
    }

    @Test
    void keepsValuesOfUpTo4096CharactersWholeByDefault() {
        assertThat(new FormatSettings(SeverityMapping.defaults(), 10).maxValueLength()).isEqualTo(4096);
    }

    @Test
    void refusesABoundOfValuesOutsideItsRange() {
        assertThatThrownBy(() -> new FormatSettings(SeverityMapping.defaults(), 10, 63))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("the longest value kept must be 64 to 1048576 characters, not 63");
        assertThatThrownBy(() -> new FormatSettings(SeverityMapping.defaults(), 10, 1_048_577))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not 1048577");
    }
}
