package io.alertpilot.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.ApprovalRequest;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.notifier.channel.email.EmailChannel;
import io.alertpilot.notifier.channel.log.LogChannel;
import io.alertpilot.notifier.channel.opsgenie.OpsgenieChannel;
import io.alertpilot.notifier.channel.pagerduty.PagerDutyChannel;
import io.alertpilot.notifier.channel.slack.SlackAppMessages;
import io.alertpilot.notifier.channel.slack.SlackChannel;
import io.alertpilot.notifier.channel.teams.TeamsChannel;
import io.alertpilot.notifier.escalation.Contact;
import io.alertpilot.notifier.testing.Events;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * What an approval page says on each channel: the remediation id, what would run on which target, the deadline, the
 * link to approve and the curl (with the token as {@code $ALERTPILOT_API_TOKEN}).
 */
class ApprovalPageTest {

    static final String ID = "6f1c2a9e-0d4b-4c53-9a51-3f0e8a7b2c11";
    static final Instant DEADLINE = Instant.parse("2026-11-23T08:30:00Z");
    static final ApprovalLinks LINKS = new ApprovalLinks("https://console.example.com/", "https://alertpilot.example.com");
    static final String CONSOLE_LINK = "https://console.example.com/remediations/" + ID;
    static final String APPROVE_CURL = "curl -s -X POST -H \"Authorization: Bearer $ALERTPILOT_API_TOKEN\" "
            + "https://alertpilot.example.com/api/v1/remediations/" + ID + "/approve";
    static final String WOULD_RUN = "restart Deployment shop/checkout-api in cluster aks-shop-prod-weu"
            + " (playbook restart-crashlooping-pods, strategy=rollout)";

    /** The Slack app buttons' value: the remediation, then the incident and when this occurrence of it opened. */
    static final String VALUE = ID + "@0c029c006d0ffce0@" + DEADLINE.minusSeconds(600).toEpochMilli();

    static Page page(ApprovalLinks links) {
        Incident incident = new Incident(Incident.SCHEMA_VERSION, "0c029c006d0ffce0", "0c029c006d0ffce0",
                IncidentState.REMEDIATING, "KubePodCrashLooping", Severity.CRITICAL, "checkout-api keeps restarting",
                Map.of("team", "shop"), Events.TARGET, "critical", -1, 0, null, DEADLINE.minusSeconds(600),
                DEADLINE.minusSeconds(600), null, null, null, "PENDING_APPROVAL restart-crashlooping-pods/restart", 3);
        ApprovalRequest request = new ApprovalRequest(ID, "restart-crashlooping-pods", "restart",
                Map.of("strategy", "rollout"), Events.TARGET,
                "playbook restart-crashlooping-pods needs approval to restart Deployment shop/checkout-api", DEADLINE);
        Contact contact = new Contact("slack", "approvals");
        return new Page(incident, "trigger", -1, 0, contact, contact, links.notice(request));
    }

    @Test
    void theLogLineCarriesTheIdWhatWouldRunTheDeadlineTheLinkAndTheCurl() {
        String line = LogChannel.line(page(LINKS));
        assertThat(line).startsWith("PAGE APPROVAL NEEDED to approvals: [critical] KubePodCrashLooping")
                .contains("Approval needed for remediation " + ID + ": would " + WOULD_RUN)
                .contains("Deadline: 2026-11-23T08:30:00Z").contains("Approve: " + CONSOLE_LINK)
                .contains(APPROVE_CURL).contains("/api/v1/remediations/" + ID + "/reject");
    }

    @Test
    void withoutAConsoleTheLinkIsTheApproveCallOfTheApi() {
        ApprovalNotice notice = page(ApprovalLinks.LOCAL).approval();
        assertThat(notice.link()).isEqualTo("http://localhost:8080/api/v1/remediations/" + ID + "/approve");
        assertThat(notice.consoleLink()).isNull();
        assertThat(notice.rejectCurl()).isEqualTo("curl -s -X POST -H \"Authorization: Bearer $ALERTPILOT_API_TOKEN\""
                + " http://localhost:8080/api/v1/remediations/" + ID + "/reject");
        assertThat(LogChannel.line(page(ApprovalLinks.LOCAL)))
                .contains("Approve with the API: POST " + notice.link()).doesNotContain("Approve: ");
    }

    @Test
    void withoutAConsoleNoChannelShowsAnApproveButtonOrLinkOnlyTheCallAndTheCurlAsText() {
        Page local = page(ApprovalLinks.LOCAL);
        String approveUrl = "http://localhost:8080/api/v1/remediations/" + ID + "/approve";

        JsonNode teams = Json.mapper().valueToTree(TeamsChannel.body(local));
        assertThat(teams.toString()).doesNotContain("\"title\":\"Approve\"").contains("POST " + approveUrl);

        JsonNode pagerDuty = Json.mapper().valueToTree(PagerDutyChannel.body(local, "key", null));
        assertThat(pagerDuty.path("links").valueStream().map(l -> l.path("href").asString()))
                .doesNotContain(approveUrl);
        JsonNode details = pagerDuty.path("payload").path("custom_details");
        assertThat(details.has("approve_link")).isFalse();
        assertThat(details.path("approve_call").asString()).isEqualTo("POST " + approveUrl);
        assertThat(details.path("approve_curl").asString()).endsWith(approveUrl);

        JsonNode opsgenie = Json.mapper().valueToTree(OpsgenieChannel.body(local));
        assertThat(opsgenie.path("details").has("approve_link")).isFalse();
        assertThat(opsgenie.path("details").path("approve_call").asString()).isEqualTo("POST " + approveUrl);
    }

    @Test
    void anApiAddressInsideTheClusterIsRecognisedSoThatStartUpWarnsOfIt() {
        assertThat(new ApprovalLinks(null, "http://alertpilot-remediation.ops.svc:8080").apiOnlyInsideCluster())
                .isTrue();
        assertThat(new ApprovalLinks(null, "http://alertpilot-remediation.ops.svc.cluster.local:8080/")
                .apiOnlyInsideCluster()).isTrue();
        assertThat(new ApprovalLinks(null, "https://alertpilot.example.com").apiOnlyInsideCluster()).isFalse();
        assertThat(ApprovalLinks.LOCAL.apiOnlyInsideCluster()).isFalse();
    }

    @Test
    void aLinkBaseThatIsNotAnHttpUrlIsRefusedNamingTheKey() {
        assertThatThrownBy(() -> new ApprovalLinks("console.example.com", "http://localhost:8080"))
                .hasMessageContaining("alertpilot.notifier.links.console-url");
        assertThatThrownBy(() -> new ApprovalLinks(null, " ")).hasMessageContaining("alertpilot.notifier.links.api-url");
    }

    @Test
    void slackShowsAnApprovalSectionAndApproveAndRejectButtonsToTheConsole() {
        JsonNode body = Json.mapper().valueToTree(SlackChannel.body(page(LINKS)));
        assertThat(body.path("text").asString()).startsWith(":rotating_light: [APPROVAL NEEDED] KubePodCrashLooping");
        String section = null;
        for (JsonNode block : body.path("blocks")) {
            if (block.path("text").path("text").asString("").startsWith("*Approval needed*")) {
                section = block.path("text").path("text").asString();
            }
        }
        assertThat(section).contains("`" + ID + "`").contains(WOULD_RUN).contains("*Deadline:* 2026-11-23T08:30:00Z")
                .contains("<" + CONSOLE_LINK + ">").contains(APPROVE_CURL);
        JsonNode actions = body.path("blocks").valueStream()
                .filter(block -> block.path("type").asString().equals("actions")).findFirst().orElseThrow();
        assertThat(actions.path("elements").valueStream().map(b -> b.path("text").path("text").asString() + " "
                + b.path("url").asString())).contains("Approve " + CONSOLE_LINK, "Reject " + CONSOLE_LINK);
    }

    @Test
    void theSlackAppShowsItsOwnApproveAndRejectButtonsForTheRemediationInsteadOfTheConsoleLinks() {
        JsonNode body = Json.mapper().valueToTree(SlackAppMessages.page(page(LINKS)));
        assertThat(body.toString()).contains("*Approval needed* for remediation `" + ID + "`");
        var buttons = body.path("blocks").valueStream()
                .filter(block -> block.path("type").asString().equals("actions"))
                .flatMap(block -> block.path("elements").valueStream()).toList();
        assertThat(buttons).extracting(b -> b.path("text").path("text").asString() + " "
                + b.path("action_id").asString() + " " + b.path("value").asString() + b.path("url").asString(""))
                .containsExactly("Approve alertpilot.approve " + VALUE, "Reject alertpilot.reject " + VALUE);
    }

    @Test
    void slackWithoutAConsoleLinksTheApiCallInTextAndShowsNoButtonThatCouldNotWork() {
        JsonNode body = Json.mapper().valueToTree(SlackChannel.body(page(ApprovalLinks.LOCAL)));
        assertThat(body.toString()).contains("http://localhost:8080/api/v1/remediations/" + ID + "/approve")
                .contains("*Approve with the API:* `POST http://localhost:8080/api/v1/remediations/" + ID + "/approve`")
                .as("no clickable link to a POST-only call").doesNotContain("<http://localhost:8080/api/v1/remediations/")
                .doesNotContain("\"Approve\"");
    }

    @Test
    void pagerDutyPutsTheApprovalIntoCustomDetailsAndTheLinkFirst() {
        JsonNode body = Json.mapper().valueToTree(PagerDutyChannel.body(page(LINKS), "key", null));
        JsonNode details = body.path("payload").path("custom_details");
        assertThat(body.path("payload").path("summary").asString()).startsWith("APPROVAL NEEDED [critical]");
        assertThat(details.path("remediation_id").asString()).isEqualTo(ID);
        assertThat(details.path("would_run").asString()).isEqualTo(WOULD_RUN);
        assertThat(details.path("approval_deadline").asString()).isEqualTo("2026-11-23T08:30:00Z");
        assertThat(details.path("approve_link").asString()).isEqualTo(CONSOLE_LINK);
        assertThat(details.path("approve_curl").asString()).isEqualTo(APPROVE_CURL);
        assertThat(body.path("links").get(0).path("href").asString()).isEqualTo(CONSOLE_LINK);
        assertThat(body.path("links").get(0).path("text").asString()).isEqualTo("Approve remediation " + ID);
    }

    @Test
    void opsgenieCarriesTheApprovalInDetailsAndDescription() {
        JsonNode body = Json.mapper().valueToTree(OpsgenieChannel.body(page(LINKS)));
        assertThat(body.path("details").path("remediation_id").asString()).isEqualTo(ID);
        assertThat(body.path("details").path("would_run").asString()).isEqualTo(WOULD_RUN);
        assertThat(body.path("details").path("approval_deadline").asString()).isEqualTo("2026-11-23T08:30:00Z");
        assertThat(body.path("details").path("approve_link").asString()).isEqualTo(CONSOLE_LINK);
        assertThat(body.path("description").asString()).contains(APPROVE_CURL).contains(WOULD_RUN);
    }

    @Test
    void teamsShowsTheNoticeAndAnApproveButtonToTheConsole() {
        String card = Json.mapper().valueToTree(TeamsChannel.body(page(LINKS))).toString();
        assertThat(card).contains("APPROVAL NEEDED: KubePodCrashLooping").contains(ID).contains(WOULD_RUN)
                .contains("2026-11-23T08:30:00Z").contains("\"url\":\"" + CONSOLE_LINK + "\"")
                .contains("\"title\":\"Approve\"").contains("$ALERTPILOT_API_TOKEN");
    }

    @Test
    void theMailSaysItAll() {
        assertThat(EmailChannel.text(page(LINKS))).startsWith("APPROVAL NEEDED: [critical] KubePodCrashLooping")
                .contains("remediation " + ID).contains(WOULD_RUN).contains("Deadline: 2026-11-23T08:30:00Z")
                .contains("Approve: " + CONSOLE_LINK).contains(APPROVE_CURL);
    }

    @Test
    void aPageWithoutApprovalSaysNothingAboutOne() {
        Page plain = new Page(page(LINKS).incident(), "trigger", 0, 0, new Contact("log", "pages"),
                new Contact("log", "pages"));
        assertThat(LogChannel.line(plain)).startsWith("PAGE FIRING").doesNotContain("Approv");
        assertThat(Json.mapper().valueToTree(PagerDutyChannel.body(plain, "key", null)).toString())
                .doesNotContain("remediation_id");
    }
}
