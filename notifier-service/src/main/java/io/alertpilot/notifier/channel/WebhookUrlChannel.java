package io.alertpilot.notifier.channel;

import java.util.Map;

/**
 * A channel that posts a JSON message to a webhook URL chosen by the recipient's name in the configuration (the URL
 * is the secret): Slack and Microsoft Teams. Subclasses say only what the message is. Thread safe.
 */
public abstract class WebhookUrlChannel implements Channel {

    private final HttpSender http;
    private final Map<String, String> webhooks;

    protected WebhookUrlChannel(HttpSender http, Map<String, String> webhooks) {
        this.http = http;
        this.webhooks = Map.copyOf(webhooks);
    }

    /** The JSON message of {@code page}. */
    protected abstract Map<String, Object> message(Page page);

    @Override
    public boolean configured(String recipient) {
        String url = webhooks.get(recipient);
        return url != null && !url.isBlank();
    }

    @Override
    public ChannelResult send(Page page) {
        return http.postJson(webhooks.get(page.contact().to()), message(page), Map.of());
    }
}
