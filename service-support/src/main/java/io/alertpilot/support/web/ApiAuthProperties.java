package io.alertpilot.support.web;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Credentials for the operator APIs under {@code /api/} ({@code alertpilot.api.auth.*}): evaluate, approve,
 * acknowledge, list. On unless {@code enabled} is explicitly false; {@code ALERTPILOT_API_TOKEN} feeds the first
 * token. With no credential every API request is refused.
 */
@ConfigurationProperties("alertpilot.api.auth")
public class ApiAuthProperties extends CredentialProperties {

    private boolean enabled = true;

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }
}
