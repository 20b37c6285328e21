package io.alertpilot.standalone;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Keeps standalone's HTTP port on the loopback interface: {@code server.address} is {@value #LOOPBACK} unless set, and
 * while the public development token is accepted (ALERTPILOT_INGEST_TOKEN or ALERTPILOT_API_TOKEN unset) an address
 * beyond loopback stops start-up with a message saying which variables to set. The embedded broker and its bootstrap
 * port listen on loopback whatever the tokens ({@link EmbeddedKafkaInitializer}).
 */
public class DevelopmentTokenAddress implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    static final String LOOPBACK = "127.0.0.1";
    private static final List<String> TOKEN_KEYS = List.of("alertpilot.ingest.auth.tokens", "alertpilot.api.auth.tokens");

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        ConfigurableEnvironment environment = context.getEnvironment();
        String address = environment.getProperty("server.address");
        if (address == null || address.isBlank()) {
            environment.getPropertySources().addLast(new MapPropertySource("alertpilotLoopbackAddress",
                    Map.of("server.address", LOOPBACK)));
            return;
        }
        if (acceptsDevelopmentToken(environment) && !isLoopback(address)) {
            throw new IllegalStateException("server.address is " + address + " but standalone accepts the public "
                    + "development token '" + DevelopmentTokenWarning.DEVELOPMENT_TOKEN + "': set "
                    + "ALERTPILOT_INGEST_TOKEN and ALERTPILOT_API_TOKEN before listening beyond loopback, or leave "
                    + "server.address unset (" + LOOPBACK + ")");
        }
    }

    static boolean acceptsDevelopmentToken(ConfigurableEnvironment environment) {
        Binder binder = Binder.get(environment);
        return TOKEN_KEYS.stream().anyMatch(key -> binder.bind(key, Bindable.listOf(String.class))
                .map(tokens -> tokens.contains(DevelopmentTokenWarning.DEVELOPMENT_TOKEN)).orElse(false));
    }

    private static boolean isLoopback(String address) {
        try {
            return InetAddress.getByName(address).isLoopbackAddress();
        } catch (UnknownHostException e) {
            throw new IllegalStateException("server.address is " + address + ", which does not resolve", e);
        }
    }
}
