package io.alertpilot.standalone.browser;

import static io.alertpilot.standalone.browser.ConsoleFixtures.ADMIN;
import static io.alertpilot.standalone.browser.ConsoleFixtures.APPROVAL_ALERT;
import static io.alertpilot.standalone.browser.ConsoleFixtures.RESPONDER;
import static io.alertpilot.standalone.browser.ConsoleFixtures.VIEWER;
import static io.alertpilot.standalone.browser.ConsoleFixtures.labels;
import static io.alertpilot.standalone.browser.ConsolePages.cell;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.testing.ApiClient;
import io.alertpilot.testing.ApiResponse;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;

/**
 * The console's safety in a real browser: a viewer is shown no action and a request forged in the viewer's page is
 * refused, a request without the CSRF token is refused even for a responder, logout ends the session, and labels and
 * annotations holding markup or {@code javascript:} links are shown as text with no script run.
 */
class ConsoleBrowserSecurityIT extends ConsoleBrowserSupport {

    static final String QUIET_FP = "5ec0000000000001";
    static final String WAITING_FP = "5ec0000000000002";
    static final String HOSTILE_FP = "5ec0000000000003";

    static final String SCRIPT = "<script>window.__xss=1</script>";
    static final String IMAGE = "<img src=x onerror=\"window.__xss=1\">";
    static final String LINK = "javascript:window.__xss=1";

    @Test
    void aViewerSeesNoActionAndARequestForgedInTheirPageIsRefused() {
        fire(QUIET_FP, labels("BrowserDiskFilling", "ledger", "warning"), Map.of("summary", "disk fills up"));
        fire(WAITING_FP, labels(APPROVAL_ALERT, "billing", "high"), Map.of("summary", "billing fails after release"));
        ApiClient admin = ApiClient.at(port).withToken(ADMIN.token());
        ApiResponse window = admin.post("/api/v1/maintenance-windows", Map.of(
                "matchers", List.of(Map.of("name", "alertname", "value", "BrowserNothingMatches", "isRegex", false,
                        "isEqual", true)),
                "reason", "browser test: a window the viewer may not end"));
        assertThat(window.status()).as(window.toString()).isIn(200, 201, 202);
        String remediation = remediationOf(WAITING_FP);

        pages.logIn(VIEWER);
        assertThat(browser.text("#current-roles")).containsIgnoringCase("viewer");
        String incident = "/incidents/" + QUIET_FP;
        pages.awaitOnPage(incident, "#incident-state");
        assertThat(browser.has("#acknowledge")).isFalse();
        assertThat(browser.has("#resolve")).isFalse();
        pages.awaitOnPage("/remediations", "table#pending tr.remediation[data-id='" + remediation + "']");
        assertThat(browser.has("button.approve")).isFalse();
        assertThat(browser.has("button.reject")).isFalse();
        pages.awaitOnPage("/windows", "table#windows tr.window",
                row -> "active".equalsIgnoreCase(cell(row, ".state")));
        assertThat(browser.has("#window-form")).isFalse();
        assertThat(browser.has("button.end-window")).isFalse();

        browser.open(incident);
        browser.script("""
                const form = document.createElement('form');
                form.method = 'post';
                form.action = arguments[0];
                const csrf = document.createElement('input');
                csrf.type = 'hidden';
                csrf.name = document.querySelector('meta[name="_csrf_parameter"]')?.content || '_csrf';
                csrf.value = document.querySelector('meta[name="_csrf"]').content;
                form.appendChild(csrf);
                document.body.appendChild(form);
                form.submit();
                """, incident + "/acknowledge");
        Awaitility.await().atMost(Browser.WAIT).ignoreExceptions()
                .until(() -> !browser.has("#incident") && browser.text("body").contains("403"));
        browser.open(incident);
        assertThat(pages.send("POST", incident + "/acknowledge", true).status())
                .as("the viewer's own session with its CSRF token").isEqualTo(403);
        assertUnacknowledged(incident);
    }

    @Test
    void aPostWithoutTheCsrfTokenIsRefusedAndLogoutEndsTheSession() {
        fire(QUIET_FP, labels("BrowserDiskFilling", "ledger", "warning"), Map.of("summary", "disk fills up"));
        pages.logIn(RESPONDER);
        String incident = "/incidents/" + QUIET_FP;
        pages.awaitOnPage(incident, "form#acknowledge-form button#acknowledge");
        assertThat(pages.send("POST", incident + "/acknowledge", false).status())
                .as("a responder's session without the CSRF token").isEqualTo(403);
        assertUnacknowledged(incident);

        browser.click("form#logout-form button#logout");
        Awaitility.await().atMost(Browser.WAIT).until(() -> browser.path().startsWith("/login"));
        browser.open("/incidents");
        assertThat(browser.path()).startsWith("/login");
        assertThat(browser.has("#current-user")).isFalse();
    }

    @Test
    void markupAndJavascriptLinksInLabelsAndAnnotationsAreShownAsTextAndNoScriptRuns() {
        Map<String, String> labels = labels("BrowserHostileLabels", "web", "critical");
        labels.put("note", SCRIPT);
        labels.put("owner", IMAGE);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put("summary", SCRIPT);
        annotations.put("description", IMAGE);
        annotations.put("runbook_url", LINK);
        pages.logIn(RESPONDER);
        browser.open("/incidents");
        browser.await("tbody#incident-rows");
        pages.awaitLiveStream();
        fire(HOSTILE_FP, labels, annotations);

        String row = "tbody#incident-rows tr.incident[data-id='" + HOSTILE_FP + "']";
        Awaitility.await().atMost(Browser.WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(cell(browser.await(row), ".summary")).isEqualTo(SCRIPT);
            assertThat(cell(browser.await(row), ".alert-name")).isEqualTo("BrowserHostileLabels");
        });
        assertNothingInjected();

        browser.open("/incidents/" + HOSTILE_FP);
        browser.await("#incident[data-id='" + HOSTILE_FP + "']");
        assertThat(browser.text("dl#labels")).contains(SCRIPT, IMAGE);
        assertThat(browser.text("dl#annotations")).contains(SCRIPT, IMAGE, LINK);
        assertThat(browser.has("a#runbook")).as("a javascript: runbook is no link").isFalse();
        assertNothingInjected();
    }

    private void assertNothingInjected() {
        assertThat(browser.script("return typeof window.__xss")).isEqualTo("undefined");
        assertThat(browser.script(
                "return Array.from(document.scripts).filter(s => s.textContent.includes('__xss')).length"))
                .as("script elements made from the alert").isEqualTo(0L);
        assertThat(browser.all("img[src='x'], [onerror]")).as("elements made from the alert").isEmpty();
        assertThat(browser.all("a[href^='javascript:' i]")).as("javascript: links").isEmpty();
    }

    private void assertUnacknowledged(String incident) {
        browser.open(incident);
        assertThat(browser.text("#incident-state")).isNotEqualTo("ACKNOWLEDGED");
        assertThat(browser.all("#acknowledged-by")).extracting(WebElement::getText).allSatisfy(
                by -> assertThat(by.strip()).isIn("", "-", "—"));
    }
}
