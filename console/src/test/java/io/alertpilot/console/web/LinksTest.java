package io.alertpilot.console.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LinksTest {

    @Test
    void keepsAbsoluteHttpAndHttpsLinks() {
        assertThat(Links.safe("https://runbooks.example/crash#step-2")).isEqualTo("https://runbooks.example/crash#step-2");
        assertThat(Links.safe("HTTP://grafana.local:3000/d/x")).isEqualTo("HTTP://grafana.local:3000/d/x");
    }

    @Test
    void dropsScriptsDataRelativeAndMalformedLinks() {
        assertThat(Links.safe("javascript:alert(1)")).isNull();
        assertThat(Links.safe(" JavaScript:alert(1)")).isNull();
        assertThat(Links.safe("data:text/html,<script>alert(1)</script>")).isNull();
        assertThat(Links.safe("//evil.example/x")).isNull();
        assertThat(Links.safe("/incidents")).isNull();
        assertThat(Links.safe("https://")).isNull();
        assertThat(Links.safe("http://exa mple.com")).isNull();
        assertThat(Links.safe(null)).isNull();
    }
}
