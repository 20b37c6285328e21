package io.alertpilot.standalone.browser;

import static io.alertpilot.standalone.browser.ConsoleFixtures.ACTING_ALERT;
import static io.alertpilot.standalone.browser.ConsoleFixtures.ACTING_PLAYBOOK;
import static io.alertpilot.standalone.browser.ConsoleFixtures.ADMIN;
import static io.alertpilot.standalone.browser.ConsoleFixtures.APPROVAL_ALERT;
import static io.alertpilot.standalone.browser.ConsoleFixtures.APPROVAL_PLAYBOOK;
import static io.alertpilot.standalone.browser.ConsoleFixtures.APPROVER;
import static io.alertpilot.standalone.browser.ConsoleFixtures.RESPONDER;
import static io.alertpilot.standalone.browser.ConsoleFixtures.VIEWER;
import static io.alertpilot.standalone.browser.ConsoleFixtures.labels;
import static io.alertpilot.standalone.browser.ConsolePages.cell;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.standalone.browser.ConsolePages.Answer;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.Select;

/**
 * The console of issue 14 in a real browser (headless Debian chromium), against the standalone application with its
 * embedded broker: an operator follows a fired alert live to its timeline and acknowledges it, an approver approves a
 * remediation, an admin runs a maintenance window from its preview, the audit and the exports show it all, the
 * playbooks and health pages show guards, lag and breakers. Screenshots of every page go to
 * {@code console/target/screenshots/}. Skipped where chromium is not installed, except on CI.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserIT extends ConsoleBrowserSupport {

    static final String ACTING_FP = "b0a5e10000000001";
    static final String APPROVAL_FP = "b0a5e10000000002";
    static final String WINDOW_REASON = "browser test: checkout maintenance";

    @Test
    @Order(1)
    void aFiredAlertAppearsWithoutAReloadAndItsTimelineShowsTheDecisionAndThePage() {
        browser.open("/login");
        browser.await("form#login-form input#token");
        browser.screenshot("login");
        pages.logIn(RESPONDER);
        assertThat(browser.text("#current-roles")).containsIgnoringCase(RESPONDER.role());

        browser.open("/incidents");
        browser.await("table#incidents tbody#incident-rows");
        pages.awaitLiveStream();
        browser.script("window.__sameDocument = 'not reloaded';");
        fire(ACTING_FP, labels(ACTING_ALERT, "checkout", "critical"),
                Map.of("summary", "checkout keeps crashing", "runbook_url", "https://runbooks.example.com/crashloop"));

        String row = "tbody#incident-rows tr.incident[data-id='" + ACTING_FP + "']";
        Awaitility.await().atMost(Browser.WAIT).ignoreExceptions().untilAsserted(() -> {
            WebElement incident = browser.await(row);
            assertThat(cell(incident, ".alert-name")).isEqualTo(ACTING_ALERT);
            assertThat(cell(incident, ".summary")).isEqualTo("checkout keeps crashing");
            assertThat(cell(incident, ".severity")).isEqualToIgnoringCase("critical");
            assertThat(cell(incident, ".target")).contains("checkout");
        });
        assertThat(browser.script("return window.__sameDocument")).as("the row arrived in the same page, not by a reload")
                .isEqualTo("not reloaded");
        browser.screenshot("incidents");

        browser.click(row + " a.open");
        browser.await("#incident[data-id='" + ACTING_FP + "']");
        String path = "/incidents/" + ACTING_FP;
        WebElement decision = pages.awaitOnPage(path, "ol#timeline li.entry[data-kind='DECISION']");
        assertThat(cell(decision, ".title")).contains("restart", "checkout", "PLANNED");
        assertThat(cell(decision, ".facts")).contains(ACTING_PLAYBOOK);
        assertThat(cell(decision, ".by")).isNotBlank();
        WebElement page = pages.awaitOnPage(path, "ol#timeline li.entry[data-kind='PAGE']");
        assertThat(cell(page, ".title") + " " + cell(page, ".facts")).contains("log");
        assertThat(browser.has("ol#timeline li.entry[data-kind='ALERT']")).isTrue();
        assertThat(browser.await("a#runbook").getAttribute("href")).isEqualTo("https://runbooks.example.com/crashloop");
        browser.screenshot("incident");
    }

    @Test
    @Order(2)
    void acknowledgeChangesTheStateAndRecordsTheUser() {
        pages.logIn(RESPONDER);
        String path = "/incidents/" + ACTING_FP;
        browser.open(path);
        assertThat(browser.text("#incident-state")).isNotEqualTo("ACKNOWLEDGED");
        WebElement entry = press(path, "form#acknowledge-form button#acknowledge", "ACKNOWLEDGED", "ACKNOWLEDGEMENT");
        assertThat(browser.text("#acknowledged-by")).isEqualTo(RESPONDER.name());
        assertThat(cell(entry, ".by")).isEqualTo(RESPONDER.name());
    }

    @Test
    @Order(3)
    void theFilterNarrowsTheIncidentsAndTheCountsSayHowManyAreInEachState() {
        pages.logIn(VIEWER);
        browser.open("/incidents");
        new Select(browser.await("form#incident-filter select[name='state']")).selectByValue("ACKNOWLEDGED");
        browser.await("form#incident-filter select[name='state']").submit();
        Awaitility.await().atMost(Browser.WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(pages.rows("tbody#incident-rows tr.incident", ".state")).isNotEmpty()
                        .allSatisfy(row -> assertThat(row.get(".state")).isEqualTo("ACKNOWLEDGED"))
                        .anySatisfy(row -> assertThat(row.get("data-id")).isEqualTo(ACTING_FP)));
        assertThat(browser.text("#counts [data-state='ACKNOWLEDGED'] .count"))
                .isEqualTo(String.valueOf(browser.all("tbody#incident-rows tr.incident").size()));

        browser.open("/incidents");
        browser.type("form#incident-filter [name='q']", "checkout");
        browser.await("form#incident-filter [name='q']").submit();
        Awaitility.await().atMost(Browser.WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(pages.rows("tbody#incident-rows tr.incident")).extracting(row -> row.get("data-id"))
                        .containsExactly(ACTING_FP));
    }

    @Test
    @Order(4)
    void anApproverApprovesAWaitingRemediationFromTheRemediationsPage() {
        pages.logIn(APPROVER);
        fire(APPROVAL_FP, labels(APPROVAL_ALERT, "payments", "high"), Map.of("summary", "payments fail after release"));

        String id = remediationOf(APPROVAL_FP);
        pages.awaitOnPage("/remediations", "table#pending tr.remediation[data-id='" + id + "']");
        assertThat(browser.has("table#pending tr.remediation[data-id='" + id + "'] button.reject")).isTrue();
        browser.screenshot("remediations");
        browser.click("table#pending tr.remediation[data-id='" + id + "'] button.approve");
        assertThat(browser.await("#flash").getAttribute("class")).contains("ok");

        WebElement approved = pages.awaitOnPage("/remediations", "table#history tr.remediation[data-id='" + id + "']",
                row -> APPROVER.name().equals(cell(row, ".by")));
        assertThat(cell(approved, ".playbook")).isEqualTo(APPROVAL_PLAYBOOK);
        assertThat(cell(approved, ".target")).contains("payments");
        assertThat(browser.has("table#pending tr.remediation[data-id='" + id + "']")).isFalse();

        browser.type("form#remediation-filter [name='playbook']", APPROVAL_PLAYBOOK);
        browser.await("form#remediation-filter [name='playbook']").submit();
        Awaitility.await().atMost(Browser.WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(pages.rows("table#history tr.remediation", ".playbook")).isNotEmpty()
                        .allSatisfy(row -> assertThat(row.get(".playbook")).isEqualTo(APPROVAL_PLAYBOOK)));
    }

    @Test
    @Order(5)
    void anAdminCreatesAWindowFromItsPreviewAndEndsIt() {
        pages.logIn(ADMIN);
        browser.open("/windows");
        browser.type("form#window-form textarea#matchers", "alertname=\"" + ACTING_ALERT + "\"");
        browser.type("form#window-form input#reason", WINDOW_REASON);
        browser.click("button#window-preview");
        Awaitility.await().atMost(Browser.WAIT).ignoreExceptions().untilAsserted(() -> {
            assertThat(browser.all("#preview .affected-playbook")).extracting(WebElement::getText)
                    .anySatisfy(text -> assertThat(text).contains(ACTING_PLAYBOOK));
            assertThat(browser.all("#preview .affected-target")).extracting(WebElement::getText)
                    .anySatisfy(text -> assertThat(text).contains("checkout"));
            assertThat(browser.all("#preview .affected-incident")).extracting(WebElement::getText)
                    .anySatisfy(text -> assertThat(text).containsAnyOf(ACTING_FP, ACTING_ALERT));
        });
        browser.screenshot("window-preview");

        browser.click("button#window-create");
        assertThat(browser.await("#flash").getAttribute("class")).contains("ok");
        WebElement window = pages.awaitOnPage("/windows", "table#windows tr.window",
                row -> WINDOW_REASON.equals(cell(row, ".reason")));
        String id = window.getAttribute("data-id");
        assertThat(cell(window, ".state")).isEqualToIgnoringCase("active");
        assertThat(cell(window, ".matchers")).contains(ACTING_ALERT);
        browser.screenshot("windows");

        browser.click("table#windows tr.window[data-id='" + id + "'] button.end-window");
        pages.awaitOnPage("/windows", "table#windows tr.window[data-id='" + id + "'] .state",
                state -> state.getText().strip().equalsIgnoreCase("expired"));
        assertThat(browser.has("table#windows tr.window[data-id='" + id + "'] button.end-window")).isFalse();
    }

    @Test
    @Order(6)
    void theAuditShowsTheApprovalAndTheWindowFindsThemAndExportsThem() {
        pages.logIn(ADMIN);
        pages.awaitOnPage("/audit", "table#audit tr.audit-entry",
                row -> "approval".equalsIgnoreCase(cell(row, ".kind")) && APPROVER.name().equals(cell(row, ".by")));
        assertThat(pages.rows("table#audit tr.audit-entry", ".kind", ".by"))
                .anySatisfy(row -> {
                    assertThat(row.get(".kind")).isEqualToIgnoringCase("window");
                    assertThat(row.get(".by")).isEqualTo(ADMIN.name());
                });
        browser.screenshot("audit");

        browser.type("form#audit-search [name='by']", APPROVER.name());
        browser.await("form#audit-search [name='by']").submit();
        Awaitility.await().atMost(Browser.WAIT).ignoreExceptions().untilAsserted(() ->
                assertThat(pages.rows("table#audit tr.audit-entry", ".by")).isNotEmpty()
                        .allSatisfy(row -> assertThat(row.get(".by")).isEqualTo(APPROVER.name())));

        Answer csv = pages.send("GET", browser.await("a#audit-csv").getAttribute("href"), false);
        assertThat(csv.status()).isEqualTo(200);
        assertThat(csv.body()).contains(APPROVER.name()).containsIgnoringCase("approval");
        Answer json = pages.send("GET", browser.await("a#audit-json").getAttribute("href"), false);
        assertThat(json.status()).isEqualTo(200);
        assertThat(json.body()).startsWith("{").contains("\"items\"").contains(APPROVER.name());
    }

    @Test
    @Order(7)
    void theMarkdownExportIsAReportNamingTheAlertAndTheResponder() {
        pages.logIn(RESPONDER);
        browser.open("/incidents/" + ACTING_FP);
        Answer report = pages.send("GET", browser.await("a#export-markdown").getAttribute("href"), false);
        assertThat(report.status()).isEqualTo(200);
        assertThat(report.body()).contains(ACTING_ALERT).contains(RESPONDER.name());
    }

    @Test
    @Order(8)
    void playbooksShowTheGuardStatePerTargetAndHealthShowsLagBreakersAndDeadLetters() {
        pages.logIn(VIEWER);
        WebElement playbook = pages.awaitOnPage("/playbooks", ".playbook[data-name='" + ACTING_PLAYBOOK + "']",
                element -> cell(element, "table.targets tr.target .attempts") != null);
        assertThat(cell(playbook, ".match")).contains(ACTING_ALERT);
        assertThat(cell(playbook, ".actions")).contains("restart");
        assertThat(cell(playbook, ".guards")).isNotBlank();
        assertThat(cell(playbook, ".dry-run")).isNotBlank();
        assertThat(cell(playbook, "table.targets tr.target .attempts")).containsPattern("\\d");
        assertThat(browser.has(".playbook[data-name='" + APPROVAL_PLAYBOOK + "']")).isTrue();
        browser.screenshot("playbooks");

        browser.open("/health");
        browser.await("#lag tr.lag[data-group='alertpilot-remediation']");
        assertThat(browser.has("#lag tr.lag[data-group='alertpilot-notifier']")).isTrue();
        assertThat(browser.text("#breakers tr.breaker[data-name='" + ConsoleFixtures.CLUSTER + "'] .state"))
                .isEqualTo("CLOSED");
        assertThat(browser.text("#breakers tr.breaker[data-name='log'] .state")).isEqualTo("CLOSED");
        assertThat(browser.all("#dead-letters tr.dead-letter[data-topic] .count")).isNotEmpty()
                .allSatisfy(count -> assertThat(count.getText().strip()).isEqualTo("0"));
        browser.screenshot("health");
    }

    @Test
    @Order(9)
    void resolveEndsTheIncidentAndRecordsTheUser() {
        pages.logIn(RESPONDER);
        String path = "/incidents/" + APPROVAL_FP;
        pages.awaitOnPage(path, "form#resolve-form button#resolve");
        WebElement entry = press(path, "form#resolve-form button#resolve", "RESOLVED", "RESOLUTION");
        // the notifier records a resolution with where it came from: "api:rita"
        assertThat(browser.text("#resolved-by")).endsWith(RESPONDER.name());
        assertThat(cell(entry, ".by")).endsWith(RESPONDER.name());
    }

    /**
     * Presses {@code button} on the incident page {@code path}, sees the command accepted, waits for the incident's
     * {@code state} and answers the timeline entry of {@code kind} it added.
     */
    private WebElement press(String path, String button, String state, String kind) {
        browser.click(button);
        assertThat(browser.await("#flash").getAttribute("class")).contains("ok");
        pages.awaitOnPage(path, "#incident-state", shown -> shown.getText().strip().equals(state));
        return pages.awaitOnPage(path, "ol#timeline li.entry[data-kind='" + kind + "']");
    }
}
