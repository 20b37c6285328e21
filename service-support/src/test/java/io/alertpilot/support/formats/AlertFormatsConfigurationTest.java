package io.alertpilot.support.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.formats.AlertFormats;
import io.alertpilot.formats.FormatSettings;
import io.alertpilot.model.alert.Severity;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.assertj.AssertableApplicationContext;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class AlertFormatsConfigurationTest {

    private final ApplicationContextRunner context = new ApplicationContextRunner()
            .withUserConfiguration(AlertFormatsConfiguration.class);

    @Test
    void readsWithTheDefaultMappingAndLimitWhenNothingIsSet() {
        context.run(app -> {
            assertThat(settings(app).maxAlertsPerRequest()).isEqualTo(50_000);
            assertThat(settings(app).maxValueLength()).isEqualTo(4096);
            assertThat(settings(app).severities().map("p2")).isEqualTo(Severity.HIGH);
            assertThat(settings(app).severities().map("Sev1")).isEqualTo(Severity.HIGH);
        });
    }

    @Test
    void bindsTheSeveritiesAndTheLimit() {
        context.withPropertyValues("alertpilot.formats.severities.p2=CRITICAL",
                "alertpilot.formats.severities[Sev4]=WARNING", "alertpilot.formats.max-alerts-per-request=25")
                .run(app -> {
                    assertThat(settings(app).maxAlertsPerRequest()).isEqualTo(25);
                    assertThat(settings(app).severities().map("p2")).isEqualTo(Severity.CRITICAL);
                    assertThat(settings(app).severities().map("Sev4")).isEqualTo(Severity.WARNING);
                    assertThat(settings(app).severities().map("critical")).isEqualTo(Severity.CRITICAL);
                });
    }

    @Test
    void stillReadsTheFormerIngestKeys() {
        context.withPropertyValues("alertpilot.ingest.severities.p3=HIGH",
                "alertpilot.ingest.max-alerts-per-request=2000", "alertpilot.formats.severities.p4=WARNING")
                .run(app -> {
                    assertThat(settings(app).maxAlertsPerRequest()).isEqualTo(2000);
                    assertThat(settings(app).severities().map("p3")).isEqualTo(Severity.HIGH);
                    assertThat(settings(app).severities().map("p4")).isEqualTo(Severity.WARNING);
                });
    }

    @Test
    void acceptsTheSameValueUnderBothNames() {
        context.withPropertyValues("alertpilot.ingest.max-alerts-per-request=500",
                "alertpilot.formats.max-alerts-per-request=500", "alertpilot.ingest.severities.p3=HIGH",
                "alertpilot.formats.severities.p3=HIGH")
                .run(app -> {
                    assertThat(settings(app).maxAlertsPerRequest()).isEqualTo(500);
                    assertThat(settings(app).severities().map("p3")).isEqualTo(Severity.HIGH);
                });
    }

    @Test
    void refusesToStartWhenTheTwoNamesOfTheLimitDisagree() {
        context.withPropertyValues("alertpilot.ingest.max-alerts-per-request=2000",
                "alertpilot.formats.max-alerts-per-request=1000")
                .run(app -> assertThat(app).hasFailed().getFailure().rootCause().hasMessage(
                        "alertpilot.formats.max-alerts-per-request is 1000 but its former name "
                                + "alertpilot.ingest.max-alerts-per-request is 2000: set only "
                                + "alertpilot.formats.max-alerts-per-request"));
    }

    @Test
    void refusesToStartWhenTheTwoNamesOfASeverityDisagree() {
        context.withPropertyValues("alertpilot.ingest.severities.p3=HIGH", "alertpilot.formats.severities.p3=INFO")
                .run(app -> assertThat(app).hasFailed().getFailure().rootCause()
                        .hasMessageStartingWith("alertpilot.formats.severities.p3 is INFO but its former name "
                                + "alertpilot.ingest.severities.p3 is HIGH"));
    }

    @Test
    void refusesToStartWithALimitOutOfRangeNamingTheProperty() {
        context.withPropertyValues("alertpilot.formats.max-alerts-per-request=0")
                .run(app -> assertThat(app).hasFailed().getFailure().rootCause()
                        .hasMessageStartingWith("alertpilot.formats.max-alerts-per-request: ")
                        .hasMessageContaining("1 to 100000, not 0"));
    }

    @Test
    void bindsTheBoundOfValues() {
        context.withPropertyValues("alertpilot.formats.max-value-length=256")
                .run(app -> assertThat(settings(app).maxValueLength()).isEqualTo(256));
    }

    @Test
    void refusesToStartWithABoundOfValuesOutOfRangeNamingTheProperty() {
        context.withPropertyValues("alertpilot.formats.max-value-length=10")
                .run(app -> assertThat(app).hasFailed().getFailure().rootCause()
                        .hasMessageStartingWith("alertpilot.formats.max-value-length: ")
                        .hasMessageContaining("not 10"));
    }

    private static FormatSettings settings(AssertableApplicationContext app) {
        return app.getBean(AlertFormats.class).settings();
    }
}
