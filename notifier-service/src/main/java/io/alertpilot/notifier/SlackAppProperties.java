package io.alertpilot.notifier;

import jakarta.validation.constraints.NotBlank;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.validation.annotation.Validated;

/**
 * Settings of the Slack app channel ({@code slack-app}) and its buttons ({@code alertpilot.notifier.slack-app.*}) that
 * are not secret; the bot token and the signing secret are in {@link NotifierSecrets#getSlackApp()}.
 *
 * @param apiUrl the base of Slack's Web API ({@code chat.postMessage} and {@code chat.update} are appended)
 * @param users Slack user id ({@code U012ABC}) -> AlertPilot user name ({@code alertpilot.api.users.<name>}): who a
 *     button press is recorded as; a press by anyone else is refused. Ids are compared ignoring letter case
 *     (environment variables lose it)
 */
@Validated
@ConfigurationProperties("alertpilot.notifier.slack-app")
public record SlackAppProperties(
        @DefaultValue("https://slack.com/api") @NotBlank String apiUrl,
        Map<String, String> users) {

    public SlackAppProperties {
        apiUrl = apiUrl.endsWith("/") ? apiUrl.substring(0, apiUrl.length() - 1) : apiUrl;
        Map<String, String> byId = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (users != null) {
            users.forEach((id, name) -> {
                if (name == null || name.isBlank()) {
                    throw new IllegalArgumentException("alertpilot.notifier.slack-app.users." + id
                            + " must name an AlertPilot user");
                }
                byId.put(id.trim().toUpperCase(Locale.ROOT), name.trim());
            });
        }
        users = java.util.Collections.unmodifiableMap(byId);
    }

    /** The AlertPilot user name Slack user {@code slackUserId} is mapped to. */
    public Optional<String> user(String slackUserId) {
        return slackUserId == null ? Optional.empty() : Optional.ofNullable(users.get(slackUserId.trim()));
    }
}
