package io.alertpilot.console;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathMatching;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.flash;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;
import com.github.tomakehurst.wiremock.client.WireMock;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.model.remediation.RemediationPhase;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Stream;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/** Login, the session cookie, CSRF, roles, and commands sent to the services with the user's own credential. */
class ConsoleSecurityIT extends ConsoleTestContext {

    @Test
    void aUserLogsInWithTheirTokenAndSeesTheirNameAndRoles() throws Exception {
        MockHttpSession session = login("rita-token");
        mvc.perform(get("/incidents").session(session)).andExpect(status().isOk())
                .andExpect(content().string(org.hamcrest.Matchers.containsString(
                        "<span id=\"current-user\">rita</span>")))
                .andExpect(content().string(org.hamcrest.Matchers.containsString("viewer, responder")));
    }

    @Test
    void aUserConfiguredWithAPasswordLogsInWithNameAndPassword() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(post("/login").session(session).param("username", "bob").param("password", "bob-password")
                .with(csrf())).andExpect(redirectedUrl("/incidents"));
        mvc.perform(get("/incidents").session(session)).andExpect(status().isOk());
    }

    @Test
    void aWrongTokenShowsTheLoginPageAgainWithoutSayingWhichPartWasWrong() throws Exception {
        String page = mvc.perform(post("/login").param("token", "nope").with(csrf()))
                .andExpect(status().isUnauthorized()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"login-error\"", "id=\"login-form\"").doesNotContain("token is", "unknown");
        mvc.perform(post("/login").param("username", "bob").param("password", "wrong").with(csrf()))
                .andExpect(status().isUnauthorized());
    }

    @Test
    void logoutEndsTheSession() throws Exception {
        MockHttpSession session = login("vic-token");
        mvc.perform(post("/logout").session(session).with(csrf())).andExpect(redirectedUrl("/login?logout"));
        mvc.perform(get("/incidents").session(session)).andExpect(status().is3xxRedirection());
        assertThat(session.isInvalid()).isTrue();
    }

    @Test
    void pagesNeedALogin() throws Exception {
        mvc.perform(get("/incidents")).andExpect(status().is3xxRedirection())
                .andExpect(header().string("Location", org.hamcrest.Matchers.endsWith("/login")));
    }

    @Test
    void theSessionCookieIsHttpOnlyAndSameSiteStrictAndChangesAtLogin() {
        BrowserSession browser = new BrowserSession(port);
        String before = browser.get("/login").headers().firstValue("Set-Cookie").orElseThrow();
        var loggedIn = browser.post("/login", "/login", Map.of("token", "rita-token"));
        assertThat(loggedIn.statusCode()).isEqualTo(302);
        String after = loggedIn.headers().firstValue("Set-Cookie").orElseThrow();
        assertThat(after).startsWith("JSESSIONID=").containsIgnoringCase("HttpOnly")
                .containsIgnoringCase("SameSite=Strict").doesNotContain(before.substring(0, before.indexOf(';')));
        assertThat(browser.get("/incidents").statusCode()).isEqualTo(200);
    }

    @Test
    void theCsrfTokenOfTheLoginPageIsRefusedAfterLogin() {
        BrowserSession browser = new BrowserSession(port);
        String before = browser.csrfToken("/login");
        assertThat(browser.postWithToken(before, "/login", Map.of("token", "rita-token")).statusCode())
                .isEqualTo(302);
        assertThat(browser.postWithToken(before, "/incidents/some-id/acknowledge", Map.of()).statusCode())
                .isEqualTo(403);
        SERVICES.verify(0, postRequestedFor(urlPathMatching(".*")));
        var withFreshToken = browser.post("/incidents", "/incidents/some-id/acknowledge", Map.of());
        assertThat(withFreshToken.statusCode()).isEqualTo(302);
        assertThat(withFreshToken.headers().firstValue("Location").orElseThrow()).endsWith("/incidents/some-id");
    }

    @Test
    void everyPageCarriesTheContentSecurityPolicy() throws Exception {
        MockHttpSession session = login("vic-token");
        String id = incident();
        stubServicesForReads();
        for (String page : new String[] {"/login", "/incidents", "/incidents/" + id, "/remediations", "/playbooks",
            "/windows", "/audit", "/health"}) {
            mvc.perform(get(page).session(session)).andExpect(status().isOk())
                    .andExpect(header().string("Content-Security-Policy", "default-src 'self'; script-src 'self'; "
                            + "style-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; "
                            + "frame-ancestors 'none'; form-action 'self'"));
        }
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedAndNotSent() throws Exception {
        MockHttpSession session = login("rita-token");
        mvc.perform(post("/incidents/some-id/acknowledge").session(session)).andExpect(status().isForbidden());
        SERVICES.verify(0, postRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void aViewerSeesNoButtonsAndTheirAcknowledgeIsRefusedAndNeverSent() throws Exception {
        String id = incident();
        MockHttpSession session = login("vic-token");
        String page = mvc.perform(get("/incidents/" + id).session(session)).andExpect(status().isOk())
                .andReturn().getResponse().getContentAsString();
        assertThat(page).doesNotContain("id=\"acknowledge\"", "id=\"resolve\"");
        mvc.perform(post("/incidents/" + id + "/acknowledge").session(session).with(csrf()))
                .andExpect(status().isForbidden());
        SERVICES.verify(0, postRequestedFor(urlPathMatching(".*")));
    }

    @Test
    void aRespondersAcknowledgeGoesToTheNotifierWithTheirOwnToken() throws Exception {
        String id = incident();
        MockHttpSession session = login("rita-token");
        assertThat(mvc.perform(get("/incidents/" + id).session(session)).andReturn().getResponse()
                .getContentAsString()).contains("id=\"acknowledge\"", "id=\"resolve\"");
        mvc.perform(post("/incidents/" + id + "/acknowledge").session(session).with(csrf()))
                .andExpect(redirectedUrl("/incidents/" + id))
                .andExpect(flash().attribute("flash", new io.alertpilot.console.web.Flash("ok",
                        "Acknowledged by rita")));
        SERVICES.verify(postRequestedFor(urlEqualTo("/api/v1/incidents/" + id + "/acknowledge"))
                .withHeader("Authorization", equalTo("Bearer rita-token")));
    }

    @Test
    void aServicesRefusalIsShownAsAnErrorFlash() throws Exception {
        SERVICES.stubFor(WireMock.post(urlEqualTo("/api/v1/incidents/gone/resolve")).willReturn(aResponse().withStatus(409)
                .withHeader("Content-Type", "application/problem+json")
                .withBody("{\"status\":409,\"detail\":\"incident gone is resolved already\"}")));
        MockHttpSession session = login("rita-token");
        mvc.perform(post("/incidents/gone/resolve").session(session).with(csrf()))
                .andExpect(flash().attribute("flash", new io.alertpilot.console.web.Flash("error",
                        "Refused: 409: incident gone is resolved already")));
    }

    @Test
    void anApproverApprovesAndRejectsAtRemediationWithTheirOwnToken() throws Exception {
        String id = incident();
        String remediation = pendingRemediation(id);
        MockHttpSession session = login("arno-token");
        String page = page(session, "/remediations");
        assertThat(page).contains("data-id=\"" + remediation + "\"", "class=\"approve\"", "class=\"reject\"");
        mvc.perform(post("/remediations/" + remediation + "/approve").session(session).with(csrf()))
                .andExpect(redirectedUrl("/remediations"));
        mvc.perform(post("/remediations/" + remediation + "/reject").session(session).with(csrf()))
                .andExpect(redirectedUrl("/remediations"));
        SERVICES.verify(postRequestedFor(urlEqualTo("/api/v1/remediations/" + remediation + "/approve"))
                .withHeader("Authorization", equalTo("Bearer arno-token")));
        SERVICES.verify(postRequestedFor(urlEqualTo("/api/v1/remediations/" + remediation + "/reject"))
                .withHeader("Authorization", equalTo("Bearer arno-token")));
        MockHttpSession viewer = login("vic-token");
        assertThat(mvc.perform(get("/remediations").session(viewer)).andReturn().getResponse().getContentAsString())
                .doesNotContain("class=\"approve\"");
        mvc.perform(post("/remediations/" + remediation + "/approve").session(viewer).with(csrf()))
                .andExpect(status().isForbidden());
    }

    @Test
    void afterLoginTheBrowserGoesBackToThePageItAskedFor() throws Exception {
        MockHttpSession session = new MockHttpSession();
        mvc.perform(get("/remediations/r-42?from=page").session(session))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/login").session(session).param("token", "arno-token").with(csrf()))
                .andExpect(redirectedUrl("/remediations/r-42?from=page"));
        MockHttpSession fragment = new MockHttpSession();
        mvc.perform(get("/incidents/rows").header("HX-Request", "true").session(fragment))
                .andExpect(status().is3xxRedirection());
        mvc.perform(post("/login").session(fragment).param("token", "arno-token").with(csrf()))
                .andExpect(redirectedUrl("/incidents"));
    }

    @Test
    void aSessionHoldsAtMostFourEventStreamsAndLogoutClosesThem() throws Exception {
        BrowserSession browser = new BrowserSession(port);
        browser.post("/login", "/login", Map.of("token", "vic-token"));
        List<AtomicBoolean> ended = new ArrayList<>();
        List<HttpResponse<Stream<String>>> streams = new ArrayList<>();
        try {
            for (int i = 0; i < 5; i++) {
                HttpResponse<Stream<String>> stream = browser.stream("/events").get(10, TimeUnit.SECONDS);
                AtomicBoolean end = new AtomicBoolean();
                Thread.ofVirtual().start(() -> {
                    try {
                        stream.body().forEach(line -> { });
                    } catch (UncheckedIOException closedByTheServer) {
                        // ended all the same
                    } finally {
                        end.set(true);
                    }
                });
                streams.add(stream);
                ended.add(end);
            }
            await().atMost(Duration.ofSeconds(10)).untilTrue(ended.get(0));
            assertThat(ended.subList(1, 5)).noneMatch(AtomicBoolean::get);
            browser.post("/incidents", "/logout", Map.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> ended.stream().allMatch(AtomicBoolean::get));
        } finally {
            streams.forEach(stream -> stream.body().close());
        }
    }
}
