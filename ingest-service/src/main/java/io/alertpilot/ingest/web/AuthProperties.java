package io.alertpilot.ingest.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Credentials for the webhooks ({@code alertpilot.ingest.auth.*}). Authentication is on unless {@code enabled} is
 * explicitly false. A class, not a record, so that no {@code toString} can print a secret.
 *
 * <ul>
 *   <li>{@code tokens}: bearer tokens accepted on every webhook ({@code ALERTPILOT_INGEST_TOKEN} feeds the first);
 *   <li>{@code users}: HTTP basic user names and their passwords, accepted on every webhook;
 *   <li>{@code sources.<alertmanager|azure-monitor|generic>.tokens / .users}: accepted on that webhook only.
 * </ul>
 */
@ConfigurationProperties("alertpilot.ingest.auth")
public class AuthProperties {

    private boolean enabled = true;
    private List<String> tokens = new ArrayList<>();
    private Map<String, String> users = new LinkedHashMap<>();
    private Map<String, SourceCredentials> sources = new LinkedHashMap<>();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public List<String> getTokens() {
        return tokens;
    }

    public void setTokens(List<String> tokens) {
        this.tokens = tokens;
    }

    public Map<String, String> getUsers() {
        return users;
    }

    public void setUsers(Map<String, String> users) {
        this.users = users;
    }

    public Map<String, SourceCredentials> getSources() {
        return sources;
    }

    public void setSources(Map<String, SourceCredentials> sources) {
        this.sources = sources;
    }

    @Override
    public String toString() {
        return "AuthProperties[enabled=" + enabled + ", tokens=" + tokens.size() + ", users=" + users.keySet()
                + ", sources=" + sources.keySet() + "]";
    }

    /** Credentials accepted by one webhook only. */
    public static class SourceCredentials {

        private List<String> tokens = new ArrayList<>();
        private Map<String, String> users = new LinkedHashMap<>();

        public List<String> getTokens() {
            return tokens;
        }

        public void setTokens(List<String> tokens) {
            this.tokens = tokens;
        }

        public Map<String, String> getUsers() {
            return users;
        }

        public void setUsers(Map<String, String> users) {
            this.users = users;
        }

        @Override
        public String toString() {
            return "SourceCredentials[tokens=" + tokens.size() + ", users=" + users.keySet() + "]";
        }
    }
}
