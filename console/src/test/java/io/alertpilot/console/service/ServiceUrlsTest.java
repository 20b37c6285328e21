package io.alertpilot.console.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;
import org.springframework.mock.env.MockEnvironment;

class ServiceUrlsTest {

    @Test
    void withoutAnAddressTheConsoleCallsItselfOnLoopback() {
        assertThat(ServiceUrls.self(null, false, 8080)).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(ServiceUrls.self(" ", false, 8080)).isEqualTo(URI.create("http://127.0.0.1:8080"));
    }

    @Test
    void aWildcardAddressMeansLoopback() {
        assertThat(ServiceUrls.self("0.0.0.0", false, 8080)).isEqualTo(URI.create("http://127.0.0.1:8080"));
        assertThat(ServiceUrls.self("::", false, 8080)).isEqualTo(URI.create("http://127.0.0.1:8080"));
    }

    @Test
    void aBoundAddressIsCalledOnThatAddress() {
        assertThat(ServiceUrls.self("10.1.2.3", false, 9090)).isEqualTo(URI.create("http://10.1.2.3:9090"));
        assertThat(ServiceUrls.self("::1", false, 9090)).isEqualTo(URI.create("http://[::1]:9090"));
        assertThat(ServiceUrls.self("console.internal", false, 9090))
                .isEqualTo(URI.create("http://console.internal:9090"));
    }

    @Test
    void withSslTheConsoleCallsItselfOverHttps() {
        assertThat(ServiceUrls.self("10.1.2.3", true, 8443)).isEqualTo(URI.create("https://10.1.2.3:8443"));
    }

    @Test
    void sslIsOnWhenItIsGivenAKeyAndNotTurnedOff() {
        assertThat(ServiceUrls.sslEnabled(new MockEnvironment())).isFalse();
        assertThat(ServiceUrls.sslEnabled(new MockEnvironment().withProperty("server.ssl.bundle", "web"))).isTrue();
        assertThat(ServiceUrls.sslEnabled(new MockEnvironment().withProperty("server.ssl.key-store", "ks.p12")))
                .isTrue();
        assertThat(ServiceUrls.sslEnabled(new MockEnvironment().withProperty("server.ssl.bundle", "web")
                .withProperty("server.ssl.enabled", "false"))).isFalse();
    }
}
