package io.alertpilot.console.service;

import io.alertpilot.console.ConsoleProperties;
import java.net.URI;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * The base URLs of remediation's and the notifier's APIs: as configured, or, when not, this server's own address
 * ({@code http://127.0.0.1:<the port it listens on>}, right in standalone and with a random test port). Thread safe.
 */
@Component
public class ServiceUrls {

    private final ConsoleProperties properties;
    private volatile int port = -1;

    ServiceUrls(ConsoleProperties properties) {
        this.properties = properties;
    }

    @EventListener
    void onWebServer(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            port = event.getWebServer().getPort();
        }
    }

    /** Remediation's base URL. */
    public URI remediation() {
        return properties.remediationUrl() != null ? properties.remediationUrl() : self();
    }

    /** The notifier's base URL. */
    public URI notifier() {
        return properties.notifierUrl() != null ? properties.notifierUrl() : self();
    }

    private URI self() {
        if (port < 0) {
            throw new ServiceUnavailableException("the console's own port is not known yet: set "
                    + "alertpilot.console.remediation-url and alertpilot.console.notifier-url");
        }
        return URI.create("http://127.0.0.1:" + port);
    }
}
