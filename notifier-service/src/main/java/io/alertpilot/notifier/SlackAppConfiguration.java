package io.alertpilot.notifier;

import io.alertpilot.notifier.channel.HttpSender;
import io.alertpilot.notifier.channel.slack.SlackWebApi;
import io.alertpilot.notifier.incident.IncidentService;
import io.alertpilot.notifier.slack.RemediationCommands;
import io.alertpilot.notifier.slack.SlackActions;
import io.alertpilot.notifier.slack.SlackRequestVerifier;
import io.alertpilot.support.web.ApiUsers;
import java.time.Clock;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Wires the Slack app: its Web API client (used by the {@code slack-app} channel and to update answered messages), the
 * verifier of button presses and what a press does. Without a bot token the channel is not configured; without a
 * signing secret every press is refused; a Slack user mapped to an unknown AlertPilot user fails start-up.
 */
@Configuration(proxyBeanMethods = false)
class SlackAppConfiguration {

    private static final Logger log = LoggerFactory.getLogger(SlackAppConfiguration.class);

    @Bean
    SlackWebApi notifierSlackWebApi(NotifierProperties properties, SlackAppProperties slackApp,
            NotifierSecrets secrets) {
        NotifierProperties.Channels channels = properties.channels();
        return new SlackWebApi(new HttpSender(channels.connectTimeout(), channels.requestTimeout()), slackApp.apiUrl(),
                secrets.getSlackApp().getBotToken());
    }

    @Bean
    SlackRequestVerifier notifierSlackRequestVerifier(NotifierSecrets secrets, Clock clock) {
        SlackRequestVerifier verifier = new SlackRequestVerifier(secrets.getSlackApp().getSigningSecret(), clock);
        if (!verifier.configured()) {
            log.info("No Slack signing secret (alertpilot.notifier.secrets.slack-app.signing-secret): Slack button "
                    + "presses are refused");
        }
        return verifier;
    }

    /**
     * What a press does.
     *
     * @throws IllegalStateException when a Slack user is mapped to a name that is no user of {@code apiUsers}
     */
    @Bean
    SlackActions notifierSlackActions(SlackAppProperties slackApp, ApiUsers apiUsers,
            IncidentService notifierIncidentService, RemediationCommands notifierRemediationCommands,
            SlackWebApi notifierSlackWebApi, Clock clock) {
        requireKnownUsers(slackApp, apiUsers);
        return new SlackActions(slackApp::user, apiUsers, notifierIncidentService::find,
                notifierIncidentService::acknowledge, notifierIncidentService::resolve, notifierRemediationCommands,
                notifierSlackWebApi, clock);
    }

    /**
     * Fails start-up when a {@code alertpilot.notifier.slack-app.users.<SlackId>} names no user of {@code apiUsers}: its
     * presses could only ever be refused, which is a typo nobody would notice until the night it matters.
     *
     * @throws IllegalStateException naming the key and the unknown name
     */
    static void requireKnownUsers(SlackAppProperties slackApp, ApiUsers apiUsers) {
        slackApp.users().forEach((slackId, name) -> {
            if (apiUsers.named(name).isEmpty()) {
                throw new IllegalStateException("alertpilot.notifier.slack-app.users." + slackId + " names " + name
                        + ", who is not a user: configure alertpilot.api.users." + name + " (token or password, roles)"
                        + " or map the Slack user to an existing one");
            }
        });
    }
}
