package io.alertpilot.notifier.channel.slack;

import io.alertpilot.notifier.channel.Channel;
import io.alertpilot.notifier.channel.ChannelResult;
import io.alertpilot.notifier.channel.Page;
import io.alertpilot.notifier.escalation.ChannelNames;

/**
 * A Slack app ({@code slack-app}): the recipient is a Slack channel id ({@code C0123ABCD}) the app's bot was invited
 * to; pages are posted with {@code chat.postMessage} and carry buttons ({@link SlackAppMessages}) that come back to
 * {@code POST /api/v1/webhooks/slack/interactions}. Configured when the bot token is. Thread safe.
 */
public final class SlackAppChannel implements Channel {

    private final SlackWebApi api;

    public SlackAppChannel(SlackWebApi api) {
        this.api = api;
    }

    @Override
    public String name() {
        return ChannelNames.SLACK_APP;
    }

    @Override
    public boolean configured(String recipient) {
        return api.configured() && recipient != null && !recipient.isBlank();
    }

    @Override
    public ChannelResult send(Page page) {
        return api.postMessage(page.contact().to(), SlackAppMessages.page(page));
    }
}
