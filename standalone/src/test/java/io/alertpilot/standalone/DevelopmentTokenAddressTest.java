package io.alertpilot.standalone;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.mock.env.MockEnvironment;

class DevelopmentTokenAddressTest {

    private static final String DEV = DevelopmentTokenWarning.DEVELOPMENT_TOKEN;

    private static GenericApplicationContext initialized(MockEnvironment environment) {
        GenericApplicationContext context = new GenericApplicationContext();
        context.setEnvironment(environment);
        new DevelopmentTokenAddress().initialize(context);
        return context;
    }

    @Test
    void listensOnLoopbackWhenNoAddressIsSet() {
        MockEnvironment environment = new MockEnvironment()
                .withProperty("alertpilot.ingest.auth.tokens", DEV).withProperty("alertpilot.api.auth.tokens", DEV);

        assertThat(initialized(environment).getEnvironment().getProperty("server.address")).isEqualTo("127.0.0.1");
    }

    @Test
    void refusesAnAddressBeyondLoopbackWhileTheDevelopmentTokenIsAccepted() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.address", "0.0.0.0")
                .withProperty("alertpilot.ingest.auth.tokens", "a-real-token")
                .withProperty("alertpilot.api.auth.tokens", DEV);

        assertThatThrownBy(() -> initialized(environment))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("server.address is 0.0.0.0")
                .hasMessageContaining("set ALERTPILOT_INGEST_TOKEN and ALERTPILOT_API_TOKEN");
    }

    @Test
    void keepsAnExplicitLoopbackAddressWithTheDevelopmentToken() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.address", "localhost")
                .withProperty("alertpilot.api.auth.tokens", DEV);

        assertThat(initialized(environment).getEnvironment().getProperty("server.address")).isEqualTo("localhost");
    }

    @Test
    void listensWhereTheOperatorSaysOnceBothTokensAreSet() {
        MockEnvironment environment = new MockEnvironment().withProperty("server.address", "0.0.0.0")
                .withProperty("alertpilot.ingest.auth.tokens", "ingest-secret,second-secret")
                .withProperty("alertpilot.api.auth.tokens", "api-secret");

        assertThat(initialized(environment).getEnvironment().getProperty("server.address")).isEqualTo("0.0.0.0");
    }
}
