package io.alertpilot.notifier.channel.webhook;

import io.alertpilot.notifier.channel.Channel;
import io.alertpilot.notifier.channel.ChannelResult;
import io.alertpilot.notifier.channel.HttpSender;
import io.alertpilot.notifier.channel.Page;
import io.alertpilot.notifier.escalation.ChannelNames;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A generic webhook: POSTs {@code {action, step, repeat, recipient, incident}} as JSON, and for an approval page
 * {@code approval} (the remediation id, the request, the approve and reject API calls, the link). A recipient names a
 * URL from the configuration; an optional bearer token is sent with every call. Thread safe.
 */
public final class WebhookChannel implements Channel {

    private final HttpSender http;
    private final Map<String, String> urls;
    private final String bearerToken;

    public WebhookChannel(HttpSender http, Map<String, String> urls, String bearerToken) {
        this.http = http;
        this.urls = Map.copyOf(urls);
        this.bearerToken = bearerToken;
    }

    @Override
    public String name() {
        return ChannelNames.WEBHOOK;
    }

    @Override
    public boolean configured(String recipient) {
        String url = urls.get(recipient);
        return url != null && !url.isBlank();
    }

    @Override
    public ChannelResult send(Page page) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("action", page.action());
        body.put("step", page.step());
        body.put("repeat", page.repeat());
        body.put("recipient", page.contact().to());
        if (page.level() != null) {
            body.put("level", page.level());
        }
        if (page.note() != null) {
            body.put("note", page.note());
        }
        if (page.viaFallback()) {
            body.put("intendedFor", page.intended().key());
        }
        body.put("incident", page.incident());
        if (page.approval() != null) {
            body.put("approval", Map.of("remediationId", page.approval().remediationId(),
                    "request", page.approval().request(), "approveUrl", page.approval().approveUrl(),
                    "rejectUrl", page.approval().rejectUrl(), "link", page.approval().link()));
        }
        Map<String, String> headers = bearerToken == null || bearerToken.isBlank() ? Map.of()
                : Map.of("Authorization", "Bearer " + bearerToken);
        return http.postJson(urls.get(page.contact().to()), body, headers);
    }
}
