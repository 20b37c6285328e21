package io.alertpilot.console.web;

import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;

/** Which links from alerts (runbooks, generators) the console renders: absolute http(s) URLs only, never scripts. */
final class Links {

    private Links() {
    }

    /** {@code url} when it is an absolute http or https URL with a host; otherwise null (shown as text, not a link). */
    static String safe(String url) {
        if (url == null || url.isBlank()) {
            return null;
        }
        try {
            URI uri = new URI(url.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri.toString() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
