package io.alertpilot.notifier;

import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The notifier's secrets ({@code alertpilot.notifier.secrets.*}): PagerDuty routing keys and webhook signing secret,
 * the Opsgenie API key, Slack, Teams and generic webhook URLs (a webhook URL is a credential), the Slack app's bot
 * token and signing secret. A class, not a record,
 * so that no {@code toString} prints them: it shows names only. A channel with nothing configured is "not
 * configured": its notifications go to the policy's fallback.
 */
@ConfigurationProperties("alertpilot.notifier.secrets")
public class NotifierSecrets {

    private final PagerDuty pagerduty = new PagerDuty();
    private final Opsgenie opsgenie = new Opsgenie();
    private final Webhooks slack = new Webhooks();
    private final SlackApp slackApp = new SlackApp();
    private final Webhooks teams = new Webhooks();
    private final Webhooks webhook = new Webhooks();

    public PagerDuty getPagerduty() {
        return pagerduty;
    }

    public Opsgenie getOpsgenie() {
        return opsgenie;
    }

    public Webhooks getSlack() {
        return slack;
    }

    public SlackApp getSlackApp() {
        return slackApp;
    }

    public Webhooks getTeams() {
        return teams;
    }

    public Webhooks getWebhook() {
        return webhook;
    }

    @Override
    public String toString() {
        return "NotifierSecrets[pagerduty=" + pagerduty.routingKeys.keySet() + ", opsgenie="
                + (opsgenie.apiKey == null ? "-" : "set") + ", slack=" + slack.urls.keySet() + ", slackApp=" + slackApp
                + ", teams="
                + teams.urls.keySet() + ", webhook=" + webhook.urls.keySet() + "]";
    }

    /** PagerDuty: routing keys by recipient name, and the v3 webhook signing secret. */
    public static class PagerDuty {

        private Map<String, String> routingKeys = new LinkedHashMap<>();
        private String webhookSecret;

        public Map<String, String> getRoutingKeys() {
            return routingKeys;
        }

        public void setRoutingKeys(Map<String, String> routingKeys) {
            this.routingKeys = routingKeys;
        }

        public String getWebhookSecret() {
            return webhookSecret;
        }

        public void setWebhookSecret(String webhookSecret) {
            this.webhookSecret = webhookSecret;
        }

        @Override
        public String toString() {
            return "PagerDuty[" + routingKeys.keySet() + "]";
        }
    }

    /** Opsgenie: the API key of the integration. */
    public static class Opsgenie {

        private String apiKey;

        public String getApiKey() {
            return apiKey;
        }

        public void setApiKey(String apiKey) {
            this.apiKey = apiKey;
        }

        @Override
        public String toString() {
            return "Opsgenie[" + (apiKey == null ? "-" : "set") + "]";
        }
    }

    /**
     * The Slack app ({@code alertpilot.notifier.secrets.slack-app.*}): the bot token ({@code xoxb-...}) that posts
     * and updates messages, and the signing secret that verifies button presses.
     */
    public static class SlackApp {

        private String botToken;
        private String signingSecret;

        public String getBotToken() {
            return botToken;
        }

        public void setBotToken(String botToken) {
            this.botToken = botToken;
        }

        public String getSigningSecret() {
            return signingSecret;
        }

        public void setSigningSecret(String signingSecret) {
            this.signingSecret = signingSecret;
        }

        @Override
        public String toString() {
            return "SlackApp[botToken=" + (botToken == null || botToken.isBlank() ? "-" : "set") + ", signingSecret="
                    + (signingSecret == null || signingSecret.isBlank() ? "-" : "set") + "]";
        }
    }

    /** Webhook URLs by recipient name, and for the generic webhook an optional bearer token. */
    public static class Webhooks {

        private Map<String, String> urls = new LinkedHashMap<>();
        private String token;

        public Map<String, String> getUrls() {
            return urls;
        }

        public void setUrls(Map<String, String> urls) {
            this.urls = urls;
        }

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        @Override
        public String toString() {
            return "Webhooks[" + urls.keySet() + "]";
        }
    }
}
