package io.alertpilot.notifier;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.support.web.ApiUser;
import io.alertpilot.support.web.ApiUsers;
import io.alertpilot.support.web.Role;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The start-up check of the Slack user mapping against the configured AlertPilot users. */
class SlackAppConfigurationTest {

    private final ApiUsers users = name -> "alice".equals(name)
            ? Optional.of(new ApiUser("alice", Set.of(Role.RESPONDER))) : Optional.empty();

    @Test
    void aSlackUserMappedToAnUnknownUserFailsStartUpNamingTheKeyAndTheName() {
        SlackAppProperties slackApp = new SlackAppProperties("https://slack.com/api",
                Map.of("U012ABC", "alice", "u0typo", "alcie"));

        assertThatThrownBy(() -> SlackAppConfiguration.requireKnownUsers(slackApp, users))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("alertpilot.notifier.slack-app.users.U0TYPO")
                .hasMessageContaining("alcie");
    }

    @Test
    void aMappingToConfiguredUsersOnlyStartsAndSoDoesNone() {
        assertThatCode(() -> SlackAppConfiguration.requireKnownUsers(
                new SlackAppProperties("https://slack.com/api", Map.of("U012ABC", "alice")), users))
                .doesNotThrowAnyException();
        assertThatCode(() -> SlackAppConfiguration.requireKnownUsers(
                new SlackAppProperties("https://slack.com/api", null), users)).doesNotThrowAnyException();
    }
}
