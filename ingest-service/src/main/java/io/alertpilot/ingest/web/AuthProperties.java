package io.alertpilot.ingest.web;

import io.alertpilot.support.web.CredentialProperties;
import java.util.LinkedHashMap;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Credentials for the webhooks ({@code alertpilot.ingest.auth.*}). Authentication is on unless {@code enabled} is
 * explicitly false.
 *
 * <ul>
 *   <li>{@code tokens}: bearer tokens accepted on every webhook ({@code ALERTPILOT_INGEST_TOKEN} feeds the first);
 *   <li>{@code users}: HTTP basic user names and their passwords, accepted on every webhook;
 *   <li>{@code sources.<alertmanager|azure-monitor|generic>.tokens / .users}: accepted on that webhook only.
 * </ul>
 */
@ConfigurationProperties("alertpilot.ingest.auth")
public class AuthProperties extends CredentialProperties {

    private boolean enabled = true;
    private Map<String, CredentialProperties> sources = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public Map<String, CredentialProperties> getSources() {
        return sources;
    }

    public void setSources(Map<String, CredentialProperties> sources) {
        this.sources = sources;
    }

    @Override
    public String toString() {
        return "AuthProperties[enabled=" + enabled + ", tokens=" + getTokens().size() + ", users="
                + getUsers().keySet() + ", sources=" + sources + "]";
    }
}
