package io.alertpilot.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.IncidentState;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.model.remediation.Diagnosis;
import io.alertpilot.notifier.channel.email.EmailChannel;
import io.alertpilot.notifier.channel.opsgenie.OpsgenieChannel;
import io.alertpilot.notifier.channel.slack.SlackChannel;
import io.alertpilot.notifier.channel.teams.TeamsChannel;
import io.alertpilot.notifier.escalation.Contact;
import io.alertpilot.notifier.testing.Events;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * What a page says of the incident's diagnosis on each channel: the pods that restart with their reason, the newest
 * events and the last lines of the crashed container's log, bounded.
 */
class DiagnosisPageTest {

    private static final Instant AT = Instant.parse("2026-11-23T08:00:00Z");

    private static Page page(String action, Diagnosis diagnosis) {
        Incident incident = new Incident(Incident.SCHEMA_VERSION, "0c029c006d0ffce0", "0c029c006d0ffce0",
                IncidentState.ESCALATED, "KubePodCrashLooping", Severity.CRITICAL, "checkout-api keeps restarting",
                Map.of("team", "shop"), Events.TARGET, "critical", 0, 0, null, AT, AT, null, null, null,
                "FAILED restart-crashlooping-pods/restart (http-403)", 3, "alertmanager", "alertmanager:0c0", AT, AT,
                List.of(), List.of(), List.of(), null, null, null, null, AT, null, null, null, null, diagnosis);
        Contact contact = new Contact("slack", "oncall");
        return new Page(incident, action, 0, 0, contact, contact);
    }

    private static Diagnosis diagnosis() {
        return new Diagnosis(
                List.of(new Diagnosis.PodState("checkout-api-a", "Running", true, 0, null, "aks-node-1"),
                        new Diagnosis.PodState("checkout-api-b", "Running", false, 7, "CrashLoopBackOff, OOMKilled",
                                "aks-node-3")),
                IntStream.rangeClosed(1, 8).mapToObj(i -> "Pod/checkout-api-b BackOff: back-off " + i).toList(),
                "checkout-api-b/app",
                IntStream.rangeClosed(1, 30).mapToObj(i -> "log line " + i + " <script>").toList(),
                List.of("revision 3: shop/checkout-api:1.4.1", "revision 4: shop/checkout-api:1.4.2"),
                List.of("events: not gathered (http-403)"), AT);
    }

    @Test
    void theMailListsTheRestartingPodTheLastFiveEventsAndTheLastTenLogLines() {
        String text = EmailChannel.text(page("trigger", diagnosis()));

        assertThat(text).contains("checkout-api-b: Running, not ready, 7 restarts (CrashLoopBackOff, OOMKilled) on "
                + "aks-node-3").contains("1 of 2 pods ready").doesNotContain("checkout-api-a:")
                .contains("back-off 8").contains("back-off 4").doesNotContain("back-off 3")
                .contains("Previous log of checkout-api-b/app:").contains("log line 30").contains("log line 21 ")
                .doesNotContain("log line 20 ").contains("Current rollout: revision 4: shop/checkout-api:1.4.2")
                .contains("Not gathered: events: not gathered (http-403)");
    }

    @Test
    void slackShowsItAsPlainTextInACodeBlockWithinTheSectionBound() {
        String json = Json.writeString(SlackChannel.body(page("trigger", diagnosis())));

        assertThat(json).contains("*Diagnosis*").contains("log line 30 &lt;script&gt;").doesNotContain("<script>");
    }

    @Test
    void teamsAndOpsgenieCarryIt() {
        assertThat(Json.writeString(TeamsChannel.body(page("trigger", diagnosis())))).contains("7 restarts")
                .contains("log line 30");
        Map<String, Object> opsgenie = OpsgenieChannel.body(page("trigger", diagnosis()));
        @SuppressWarnings("unchecked")
        Map<String, String> details = (Map<String, String>) opsgenie.get("details");
        assertThat(details.get("diagnosis_log")).startsWith("checkout-api-b/app:").endsWith("log line 30 <script>");
        assertThat(details.get("diagnosis_pods")).contains("OOMKilled");
    }

    @Test
    void aResolvePageOrAnIncidentWithoutDiagnosisSaysNothingOfIt() {
        assertThat(EmailChannel.text(page("resolve", diagnosis()))).doesNotContain("Diagnosis");
        assertThat(EmailChannel.text(page("trigger", null))).doesNotContain("Diagnosis");
    }
}
