package io.alertpilot.standalone;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** Says loudly, once the application is up, when the documented development tokens are in use. */
@Component
class DevelopmentTokenWarning {

    static final String DEVELOPMENT_TOKEN = "alertpilot-dev-token";
    private static final Logger log = LoggerFactory.getLogger(DevelopmentTokenWarning.class);

    private final Environment environment;

    DevelopmentTokenWarning(Environment environment) {
        this.environment = environment;
    }

    @EventListener(ApplicationReadyEvent.class)
    void warn() {
        for (String variable : new String[] {"ALERTPILOT_INGEST_TOKEN", "ALERTPILOT_API_TOKEN"}) {
            String value = environment.getProperty(variable);
            if (value == null || value.isBlank()) {
                log.warn("*** {} is not set: standalone accepts the PUBLIC development token '{}'. "
                        + "Set {} before exposing this instance to anyone. ***", variable, DEVELOPMENT_TOKEN, variable);
            }
        }
        log.info("AlertPilot standalone is ready on http://{}:{} (webhooks under /api/v1/webhooks, "
                + "health at /actuator/health)", environment.getProperty("server.address", "localhost"),
                environment.getProperty("local.server.port",
                environment.getProperty("server.port", "8080")));
    }
}
