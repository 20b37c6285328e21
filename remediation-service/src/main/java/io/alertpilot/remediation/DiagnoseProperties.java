package io.alertpilot.remediation;

import io.alertpilot.remediation.diagnose.DiagnoseSettings;
import io.alertpilot.remediation.diagnose.Redaction;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * {@code alertpilot.remediation.diagnose.*}: the bounds of a read-only diagnosis (the {@code diagnose} action and
 * {@code diagnose: true}) and the secret patterns redacted from the log lines it keeps.
 *
 * @param redact regular expressions whose matches are replaced by {@code [REDACTED]} in log lines, in addition to
 *     the built-in ones ({@link Redaction#DEFAULTS})
 * @param timeout the longest one diagnosis may take (a page waits for it at most this long)
 * @param maxLogBytes the most bytes of log kept per diagnosis
 * @param maxEvents the most Kubernetes events kept per diagnosis
 */
@ConfigurationProperties("alertpilot.remediation.diagnose")
@Validated
public record DiagnoseProperties(
        @DefaultValue({}) List<String> redact,
        @DefaultValue("10s") @NotNull Duration timeout,
        @DefaultValue("16384") @Min(256) @Max(262144) int maxLogBytes,
        @DefaultValue("20") @Min(1) @Max(200) int maxEvents) {

    /** The settings the diagnostician works with. */
    public DiagnoseSettings settings() {
        return new DiagnoseSettings(timeout, maxLogBytes, maxEvents, DiagnoseSettings.DEFAULTS.maxPods(),
                Redaction.of(redact));
    }
}
