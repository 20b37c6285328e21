package io.alertpilot.console;

import io.alertpilot.model.kafka.Topics;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the console ({@code alertpilot.console.*}); every default is here.
 *
 * @param remediationUrl the base URL of remediation's API; null: this server itself (right in standalone, where
 *     every service shares the port; see {@link io.alertpilot.console.service.ServiceUrls})
 * @param notifierUrl the base URL of the notifier's API; null: as for {@code remediationUrl}
 * @param consumerGroups the consumer groups whose lag the health page shows (defaults: the services' default group
 *     ids, remediation's commands group {@code <remediation group>-commands} among them)
 * @param healthDeadline how long the health page waits, in all, for Kafka and the services (asked at once); what did
 *     not answer by then is shown as unknown
 * @param topics the topics the console's read model follows
 */
@Validated
@ConfigurationProperties("alertpilot.console")
public record ConsoleProperties(URI remediationUrl, URI notifierUrl,
        @DefaultValue({"alertpilot-remediation", "alertpilot-remediation-commands", "alertpilot-notifier"})
        List<String> consumerGroups,
        @DefaultValue @Valid TopicNames topics,
        @DefaultValue("5s") Duration healthDeadline) {

    public ConsoleProperties {
        consumerGroups = consumerGroups == null ? List.of() : List.copyOf(consumerGroups);
        check("alertpilot.console.remediation-url", remediationUrl);
        check("alertpilot.console.notifier-url", notifierUrl);
        if (healthDeadline == null || healthDeadline.isNegative() || healthDeadline.isZero()) {
            throw new IllegalArgumentException("alertpilot.console.health-deadline must be positive, not "
                    + healthDeadline);
        }
    }

    private static void check(String key, URI url) {
        if (url != null && !("http".equals(url.getScheme()) || "https".equals(url.getScheme()))) {
            throw new IllegalArgumentException(key + " must be an http:// or https:// URL, not " + url);
        }
    }

    /** The names of the seven topics the read model follows. */
    public record TopicNames(
            @DefaultValue(Topics.ALERTS) @NotBlank String alerts,
            @DefaultValue(Topics.REMEDIATIONS) @NotBlank String remediations,
            @DefaultValue(Topics.REMEDIATION_COMMANDS) @NotBlank String remediationCommands,
            @DefaultValue(Topics.INCIDENTS) @NotBlank String incidents,
            @DefaultValue(Topics.NOTIFICATIONS) @NotBlank String notifications,
            @DefaultValue(Topics.MAINTENANCE_WINDOWS) @NotBlank String maintenanceWindows,
            @DefaultValue(Topics.MAINTENANCE_EVENTS) @NotBlank String maintenanceEvents) {
    }
}
