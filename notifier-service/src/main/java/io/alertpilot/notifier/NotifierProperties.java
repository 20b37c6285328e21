package io.alertpilot.notifier;

import io.alertpilot.model.kafka.Topics;
import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import java.nio.file.Path;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the notifier service ({@code alertpilot.notifier.*}); every default is here. Secrets (routing keys,
 * webhook URLs, API keys) are in {@link NotifierSecrets}.
 *
 * @param groupId the consumer group of the notifier's listeners
 * @param consumer how the listeners handle a poll
 * @param decisionWindow how long a new firing alert waits for a remediation event before it counts as unhandled
 *     and pages; long enough for the remediation service to evaluate its playbooks (see README)
 * @param remediationGrace how long a handled alert may keep firing before it escalates anyway (a policy may set its own)
 * @param tickInterval how often due escalation steps are looked for; bounds how late a step can fire
 * @param writeTimeout how long a write to the incident or command topic may take before it counts as failed
 */
@Validated
@ConfigurationProperties("alertpilot.notifier")
public record NotifierProperties(
        @DefaultValue("alertpilot-notifier") @NotBlank String groupId,
        @DefaultValue @Valid Consumer consumer,
        @DefaultValue @Valid TopicNames topics,
        @DefaultValue("30s") @NotNull Duration decisionWindow,
        @DefaultValue("10m") @NotNull Duration remediationGrace,
        @DefaultValue("1s") @NotNull Duration tickInterval,
        @DefaultValue("10s") @NotNull Duration writeTimeout,
        @DefaultValue @Valid Policies policies,
        @DefaultValue @Valid Delivery delivery,
        @DefaultValue @Valid Channels channels,
        @DefaultValue @Valid Links links) {

    public NotifierProperties {
        if (tickInterval.isZero() || tickInterval.isNegative()) {
            throw new IllegalArgumentException("alertpilot.notifier.tick-interval must be positive");
        }
        if (decisionWindow.isNegative() || remediationGrace.isNegative()) {
            throw new IllegalArgumentException(
                    "alertpilot.notifier.decision-window and remediation-grace must not be negative");
        }
    }

    /**
     * Topic names, and how the notifier's own topics are created when missing. The incident and command topics must
     * have as many partitions as the alert topic: incidents are owned by the replica that reads their alert partition.
     * {@code remediationCommands} carries approve and reject answers from Slack buttons to the remediation service.
     */
    public record TopicNames(
            @DefaultValue(Topics.ALERTS) @NotBlank String alerts,
            @DefaultValue(Topics.REMEDIATIONS) @NotBlank String remediations,
            @DefaultValue(Topics.INCIDENTS) @NotBlank String incidents,
            @DefaultValue(Topics.NOTIFICATIONS) @NotBlank String notifications,
            @DefaultValue("alertpilot.notifier.commands.v1") @NotBlank String commands,
            @DefaultValue(Topics.REMEDIATION_COMMANDS) @NotBlank String remediationCommands,
            @DefaultValue("6") @Min(1) int partitions,
            @DefaultValue("0") @Min(0) int replicas) {
    }

    /**
     * How the listeners handle a poll.
     *
     * @param parallelism how many keys (incidents) of one poll are handled at once; the records of one key run in
     *     their order, one after the other (1: the whole poll one record after the other)
     */
    public record Consumer(@DefaultValue("16") @Min(1) @Max(256) int parallelism) {
    }

    /**
     * Where policies come from.
     *
     * @param directory a directory of {@code *.yaml} policy files (e.g. a mounted ConfigMap), or null
     * @param includeDefaults whether the shipped policies are added after the directory's (same name = replaced)
     * @param reloadInterval how often the policies are read again (a changed, valid set replaces the one in force)
     */
    public record Policies(Path directory, @DefaultValue("true") boolean includeDefaults,
            @DefaultValue("10s") Duration reloadInterval) {

        public Policies {
            if (reloadInterval == null || reloadInterval.isZero() || reloadInterval.isNegative()) {
                throw new IllegalArgumentException("alertpilot.notifier.policies.reload-interval must be positive");
            }
        }
    }

    /**
     * Retries and circuit breakers of the channels (see {@code ChannelDispatcher}).
     */
    public record Delivery(
            @DefaultValue("4") @Min(1) @Max(20) int maxAttempts,
            @DefaultValue("500ms") @NotNull Duration initialBackoff,
            @DefaultValue("30s") @NotNull Duration maxBackoff,
            @DefaultValue("60s") @NotNull Duration maxRetryAfter,
            @DefaultValue("20") @Min(1) int breakerWindow,
            @DefaultValue("5") @Min(1) int breakerMinimumCalls,
            @DefaultValue("50") @DecimalMin("1") @DecimalMax("100") float breakerFailureRate,
            @DefaultValue("60s") @NotNull Duration breakerOpenFor) {
    }

    /**
     * Where approval pages send people: {@code <consoleUrl>/remediations/<id>} (the console's page of the
     * remediation) and the remediation API's {@code <apiUrl>/api/v1/remediations/<id>/approve}, with its curl.
     *
     * @param consoleUrl the console's base URL, or null for none (pages then link to the API call)
     * @param apiUrl the base URL at which people reach the remediation API; standalone's by default
     */
    public record Links(String consoleUrl, @DefaultValue("http://localhost:8080") @NotBlank String apiUrl) {
    }

    /**
     * Channel settings that are not secret.
     *
     * @param pagerdutyUrl the Events API v2 endpoint
     * @param opsgenieUrl the Opsgenie API base ({@code https://api.eu.opsgenie.com} in the EU)
     * @param emailFrom the sender of e-mails
     * @param clientUrl a link back to AlertPilot put into pages, or null
     */
    public record Channels(
            @DefaultValue("https://events.pagerduty.com/v2/enqueue") @NotBlank String pagerdutyUrl,
            @DefaultValue("https://api.opsgenie.com") @NotBlank String opsgenieUrl,
            @DefaultValue("alertpilot@localhost") @NotBlank String emailFrom,
            String clientUrl,
            @DefaultValue("5s") @NotNull Duration connectTimeout,
            @DefaultValue("10s") @NotNull Duration requestTimeout) {
    }
}
