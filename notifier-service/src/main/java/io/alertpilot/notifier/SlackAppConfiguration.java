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
 * signing secret every press is refused.
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

    @Bean
    SlackActions notifierSlackActions(SlackAppProperties slackApp, ApiUsers apiUsers,
            IncidentService notifierIncidentService, RemediationCommands notifierRemediationCommands,
            SlackWebApi notifierSlackWebApi, Clock clock) {
        return new SlackActions(slackApp::user, apiUsers, notifierIncidentService::acknowledge,
                notifierIncidentService::resolve, notifierRemediationCommands, notifierSlackWebApi, clock);
    }
}
