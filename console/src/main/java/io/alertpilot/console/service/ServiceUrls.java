package io.alertpilot.console.service;

import io.alertpilot.console.ConsoleProperties;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * The base URLs of remediation's and the notifier's APIs: as configured, or, when not, this server's own address
 * (right in standalone and with a random test port): the port it listens on, on the address it is bound to
 * ({@code server.address}; loopback when unset or a wildcard address), over https when {@code server.ssl} is on.
 * Thread safe.
 */
@Component
public class ServiceUrls {

    private final ConsoleProperties properties;
    private final Environment environment;
    private volatile URI self;

    ServiceUrls(ConsoleProperties properties, Environment environment) {
        this.properties = properties;
        this.environment = environment;
    }

    @EventListener
    void onWebServer(WebServerInitializedEvent event) {
        if (event.getApplicationContext().getServerNamespace() == null) {
            self = self(environment.getProperty("server.address"), sslEnabled(environment),
                    event.getWebServer().getPort());
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
        URI known = self;
        if (known == null) {
            throw new ServiceUnavailableException("the console's own port is not known yet: set "
                    + "alertpilot.console.remediation-url and alertpilot.console.notifier-url");
        }
        return known;
    }

    /**
     * This server's own base URL: {@code address} (a host name or IP literal; null, blank or a wildcard address
     * such as {@code 0.0.0.0} or {@code ::} mean loopback, {@code 127.0.0.1}), {@code https} when {@code ssl}.
     */
    static URI self(String address, boolean ssl, int port) {
        String host = "127.0.0.1";
        if (address != null && !address.isBlank() && !wildcard(address.trim())) {
            host = address.trim();
        }
        if (host.indexOf(':') >= 0 && !host.startsWith("[")) {
            host = "[" + host + "]";
        }
        return URI.create((ssl ? "https" : "http") + "://" + host + ":" + port);
    }

    /** Whether {@code server.ssl} is on: enabled (the default) and given a bundle, a key store or a certificate. */
    static boolean sslEnabled(Environment environment) {
        if (!environment.getProperty("server.ssl.enabled", Boolean.class, true)) {
            return false;
        }
        return environment.containsProperty("server.ssl.bundle") || environment.containsProperty("server.ssl.key-store")
                || environment.containsProperty("server.ssl.certificate");
    }

    private static boolean wildcard(String address) {
        boolean literal = address.matches("[0-9.]+") || address.indexOf(':') >= 0;
        if (!literal) {
            return false;
        }
        try {
            // an IP literal is parsed, never looked up
            return InetAddress.getByName(address).isAnyLocalAddress();
        } catch (UnknownHostException | SecurityException notAnAddress) {
            return false;
        }
    }
}
