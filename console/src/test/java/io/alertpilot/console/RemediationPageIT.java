package io.alertpilot.console;

import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import io.alertpilot.model.kafka.Topics;
import io.alertpilot.model.remediation.RemediationPhase;
import java.time.Duration;
import java.time.Instant;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;

/** One remediation's page, where the notifier's approval links lead: its facts, events, approve and reject. */
class RemediationPageIT extends ConsoleTestContext {

    /** A form posting to an approve or reject URL that carries the CSRF token. */
    private static final Pattern FORM_WITH_CSRF = Pattern.compile(
            "<form[^>]*action=\"/remediations/[^\"]+/(approve|reject)\"[^>]*>(?:(?!</form>).)*name=\"_csrf\"",
            Pattern.DOTALL);

    @Test
    void anApproverSeesAPendingRemediationAndApprovesItFromItsPage() throws Exception {
        String incident = incident();
        String remediation = pendingRemediation(incident);
        MockHttpSession approver = login("arno-token");

        String page = page(approver, "/remediations/" + remediation);
        assertThat(page).contains("id=\"remediation\" data-id=\"" + remediation + "\"",
                "id=\"remediation-phase\"", ">PENDING_APPROVAL<", "class=\"playbook\">restart-crashlooping<",
                "class=\"action\">restart<", "class=\"target\">prod/shop/Deployment/checkout<",
                "<dt>grace</dt><dd>30s</dd>", "id=\"remediation-reason\" class=\"reason\">approval required<",
                "id=\"remediation-deadline\"", "(in 14m ", "id=\"remediation-decision\" class=\"by\">not yet<",
                "id=\"remediation-events\"", "class=\"event\" data-phase=\"PENDING_APPROVAL\"",
                "id=\"incident-link\" href=\"/incidents/" + incident + "\"",
                "class=\"approve\"", "class=\"reject\"");
        assertThat(FORM_WITH_CSRF.matcher(page).results().map(m -> m.group(1)).toList())
                .containsExactly("approve", "reject");

        mvc.perform(post("/remediations/" + remediation + "/approve").param("from", "page").session(approver)
                .with(csrf())).andExpect(redirectedUrl("/remediations/" + remediation));
        SERVICES.verify(postRequestedFor(urlEqualTo("/api/v1/remediations/" + remediation + "/approve"))
                .withHeader("Authorization", equalTo("Bearer arno-token")));
    }

    @Test
    void anApprovedRemediationShowsWhoApprovedEveryEventAndNoButtons() throws Exception {
        String incident = incident();
        String remediation = pendingRemediation(incident);
        publish(Topics.REMEDIATIONS, incident, ConsoleEvents.remediation(remediation, incident,
                RemediationPhase.STARTED, "arno", "approved by arno", Instant.now().minus(Duration.ofMinutes(1))));
        await().atMost(Duration.ofSeconds(30)).until(() -> readModel.remediation(remediation)
                .filter(r -> r.phase() == RemediationPhase.STARTED).isPresent());

        String page = page(login("arno-token"), "/remediations/" + remediation);
        assertThat(page).contains(">STARTED<", "id=\"remediation-decision\" class=\"by\">Approved by arno<",
                "class=\"event\" data-phase=\"PENDING_APPROVAL\"", "class=\"event\" data-phase=\"STARTED\"",
                "class=\"message\">approved by arno<")
                .doesNotContain("class=\"approve\"", "class=\"reject\"", "id=\"remediation-deadline\"");
    }

    @Test
    void aViewerSeesTheRemediationWithoutButtonsAndTheListsLinkToIt() throws Exception {
        String remediation = pendingRemediation(incident());
        MockHttpSession viewer = login("vic-token");
        assertThat(page(viewer, "/remediations/" + remediation)).contains("id=\"remediation-phase\"")
                .doesNotContain("class=\"approve\"", "class=\"reject\"");
        assertThat(page(viewer, "/remediations")).contains("class=\"open\" href=\"/remediations/" + remediation
                + "\"");
    }

    @Test
    void anUnknownRemediationIsANotFoundPage() throws Exception {
        MockHttpSession viewer = login("vic-token");
        String page = mvc.perform(get("/remediations/r-nobody-knows").session(viewer))
                .andExpect(status().isNotFound()).andReturn().getResponse().getContentAsString();
        assertThat(page).contains("id=\"not-found\"", "there is no remediation r-nobody-knows",
                "<span id=\"current-user\">vic</span>").doesNotContain("Exception", "at io.alertpilot");
    }
}
