package io.alertpilot.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class LoginControllerTest {

    @Test
    void aSavedPageOfThisSiteIsGoneBackToWithItsQuery() {
        assertThat(LoginController.localPath("http://console.example:8080/remediations/r-1"))
                .contains("/remediations/r-1");
        assertThat(LoginController.localPath("https://console.example/incidents?state=OPEN&q=a%20b"))
                .contains("/incidents?state=OPEN&q=a%20b");
        assertThat(LoginController.localPath("/remediations/r-1")).contains("/remediations/r-1");
    }

    @Test
    void nothingButASinglySlashedPathIsGoneTo() {
        assertThat(LoginController.localPath("//evil.example/remediations")).isEmpty();
        assertThat(LoginController.localPath("///evil.example")).isEmpty();
        assertThat(LoginController.localPath("/\\evil.example")).isEmpty();
        assertThat(LoginController.localPath("javascript:alert(1)")).isEmpty();
        assertThat(LoginController.localPath("ftp://evil.example/x")).isEmpty();
        assertThat(LoginController.localPath("remediations/r-1")).isEmpty();
        assertThat(LoginController.localPath("/incidents\r\nLocation: https://evil.example")).isEmpty();
        assertThat(LoginController.localPath("")).isEmpty();
        assertThat(LoginController.localPath(null)).isEmpty();
    }
}
