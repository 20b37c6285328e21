package io.alertpilot.console;

import static com.github.tomakehurst.wiremock.client.WireMock.deleteRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.springframework.security.test.web.servlet.request.SecurityMockMvcRequestPostProcessors.csrf;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import com.github.tomakehurst.wiremock.client.WireMock;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.model.remediation.Diagnosis;
import io.alertpilot.model.remediation.RemediationCommand;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Stream;
import io.alertpilot.model.incident.IncidentState;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.mock.web.MockHttpServletResponse;

/** Every page with data from the broker, escaping, the exports, the windows form, health and the live stream. */
class ConsolePagesIT extends ConsoleTestContext {

    @Test
    void everyPageRendersWhatTheBrokerHolds() throws Exception {
        String id = incident();
        String remediation = pendingRemediation(id);
        String window = "w-" + UUID.randomUUID();
        publish(Topics.MAINTENANCE_WINDOWS, window, ConsoleEvents.window(window, "shop"));
        await().atMost(Duration.ofSeconds(30)).until(() -> readModel.windows().stream()
                .anyMatch(w -> w.window().id().equals(window)));
        stubServicesForReads();
        MockHttpSession session = login("vic-token");

        assertThat(page(session, "/incidents")).contains("id=\"counts\"", "data-state=\"ESCALATED\"",
                "id=\"incident-filter\"", "id=\"incident-rows\"", "class=\"incident\" data-id=\"" + id + "\"",
                "class=\"alert-name\">PodCrashLooping<", "class=\"target\">prod/shop/Deployment/checkout<",
                "id=\"nav-incidents\"", "id=\"nav-health\"", "id=\"logout-form\"", "<meta name=\"_csrf\"");
        assertThat(page(session, "/incidents/rows?state=ESCALATED")).contains("data-id=\"" + id + "\"",
                "id=\"counts\" class=\"counts\" hx-swap-oob=\"true\"", "id=\"incident-total\"");
        assertThat(page(session, "/incidents/" + id)).contains("id=\"incident\" data-id=\"" + id + "\"",
                "id=\"incident-state\"", "id=\"labels\"", "id=\"annotations\"", "id=\"timeline\"",
                "class=\"entry\" data-kind=\"ALERT\"", "class=\"entry\" data-kind=\"PAGE\"", "id=\"export-markdown\"",
                "id=\"runbook\" href=\"https://runbooks.example/crash\"");
        assertThat(page(session, "/remediations")).contains("id=\"pending\"", "id=\"history\"",
                "id=\"remediation-filter\"", "class=\"remediation\" data-id=\"" + remediation + "\"",
                "id=\"pending-rows\" hx-trigger=\"sse:remediation\"", "hx-get=\"/remediations\">");
        assertThat(page(session, "/remediations?playbook=restart-crashlooping")).contains(
                "hx-get=\"/remediations?playbook=restart-crashlooping\"", "data-id=\"" + remediation + "\"");
        assertThat(page(session, "/playbooks")).contains("class=\"playbook\" data-name=\"restart-crashlooping\"",
                "class=\"match\">alertname in PodCrashLooping<", "class=\"dry-run\">dry run<",
                "class=\"guards\">attempts per target in the window: at most 3; approval required<",
                "class=\"playbook\" data-name=\"scale-out-on-latency\"", "class=\"guards\">cooldown 15m; at most 3 "
                        + "attempts per target in 1h; flapping beyond 6 changes in 30m; leaves at least 1 ready "
                        + "replicas; scales within 2 to 12 replicas; at most 20 actions per 1m service-wide; approval "
                        + "required, expires after 4m 12s; dry run<", "class=\"dry-run\">dry run (service default)<",
                "class=\"target\" data-key=\"prod/shop/Deployment/checkout\"", "class=\"attempts\">2 / 3<",
                "class=\"flapping\">4<", "class=\"lock-holder\">remediation-0<",
                "class=\"cooldown-until\"><time datetime=\"2030-01-01T00:00:00Z\">2030-01-01 00:00:00 UTC</time><");
        assertThat(page(session, "/windows")).contains("id=\"windows\"", "class=\"window\" data-id=\"" + window
                + "\"", "class=\"matchers\">namespace=&quot;shop&quot;<", "hx-trigger=\"sse:window\"")
                .doesNotContain("id=\"window-form\"");
        assertThat(page(session, "/audit")).contains("id=\"audit-search\"", "id=\"audit\"", "id=\"audit-csv\"");
        assertThat(page(session, "/health")).contains("id=\"lag\"", "class=\"lag\" data-group=\"alertpilot-notifier\"",
                "class=\"lag\" data-group=\"alertpilot-remediation-commands\"",
                "class=\"breaker\" data-name=\"prod\"", "OPEN", "class=\"breaker\" data-name=\"pagerduty\"",
                "id=\"dead-letters\"");
        SERVICES.verify(0, postRequestedFor(WireMock.anyUrl()));
    }

    @Test
    void aFilterNamingNoStateIsABadRequestNamingTheField() throws Exception {
        MockHttpSession session = login("vic-token");
        String problem = mvc.perform(get("/incidents").param("state", "ON_FIRE").session(session))
                .andExpect(status().isBadRequest()).andReturn().getResponse().getContentAsString();
        assertThat(problem).contains("\"field\":\"state\"", "ON_FIRE");
    }

    @Test
    void hostileLabelsAnnotationsAndLinksAreShownAsText() throws Exception {
        String id = incident(Map.of("namespace", "shop", "evil", "<script>window.pwned=1</script>"),
                Map.of("note", "<img src=x onerror=\"window.pwned=1\">"), "javascript:window.pwned=1");
        MockHttpSession session = login("vic-token");
        String page = page(session, "/incidents/" + id);
        assertThat(page).contains("&lt;script&gt;window.pwned=1&lt;/script&gt;",
                "&lt;img src=x onerror=&quot;window.pwned=1&quot;&gt;")
                .doesNotContain("<script>window", "<img src=x", "href=\"javascript:", "id=\"runbook\"");
        assertThat(page(session, "/incidents")).doesNotContain("<script>window");
        String report = page(session, "/incidents/" + id + "/report.md");
        assertThat(report).contains("&lt;script&gt;window.pwned=1&lt;/script&gt;").doesNotContain("<script>");
    }

    @Test
    void theIncidentPageShowsTheDiagnosisOfItsTargetAsText() throws Exception {
        String id = incident();
        RemediationEvent failed = ConsoleEvents.remediation("r-" + UUID.randomUUID(), id, RemediationPhase.FAILED,
                null);
        Diagnosis diagnosis = new Diagnosis(
                List.of(new Diagnosis.PodState("checkout-b", "Running", false, 7, "CrashLoopBackOff, OOMKilled",
                        "node-3")),
                List.of("Pod/checkout-b BackOff: Back-off restarting failed container"), "checkout-b/app",
                List.of("connecting with [REDACTED]", "<script>window.pwned=1</script>"),
                List.of("revision 4: shop/checkout:1.4.2 (ReplicaSet checkout-4, 2 replicas)"),
                List.of("events: not gathered (http-403)"), ConsoleEvents.ago(Duration.ofMinutes(8)));
        publish(Topics.REMEDIATIONS, id, new RemediationEvent(1, failed.eventId(), failed.remediationId(),
                failed.alertEventId(), id, failed.alertName(), failed.playbook(), failed.action(), failed.parameters(),
                failed.target(), failed.phase(), "http-403", "forbidden", false, failed.occurredAt(), null, null, null,
                diagnosis));
        await().atMost(Duration.ofSeconds(30)).until(() -> readModel.remediation(failed.remediationId()).isPresent());
        MockHttpSession session = login("vic-token");

        assertThat(page(session, "/incidents/" + id)).contains("id=\"diagnosis\"",
                "class=\"pod\" data-name=\"checkout-b\"", "class=\"restarts\">7<",
                "class=\"reason\">CrashLoopBackOff, OOMKilled<",
                ">Pod/checkout-b BackOff: Back-off restarting failed container<", ">Previous log of checkout-b/app<",
                ">connecting with [REDACTED]<", "&lt;script&gt;window.pwned=1&lt;/script&gt;",
                ">revision 4: shop/checkout:1.4.2 (ReplicaSet checkout-4, 2 replicas)<",
                ">Not gathered: events: not gathered (http-403)<").doesNotContain("<script>window");
    }

    @Test
    void theMarkdownReportIsAPostIncidentDraft() throws Exception {
        String id = incident();
        MockHttpSession session = login("vic-token");
        MockHttpServletResponse response = mvc.perform(get("/incidents/" + id + "/report.md").session(session))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(response.getContentType()).startsWith("text/markdown");
        assertThat(response.getContentAsString()).contains("# Incident PodCrashLooping", "## Summary",
                "## Impact", "- Target: prod/shop/Deployment/checkout", "- Severity: CRITICAL", "## Timeline",
                "| When | What | Who | Details |", "## Actions taken", "## Who responded", "paged: primary",
                "- Time to acknowledge: not acknowledged", "- Time to resolve: not resolved");
    }

    @Test
    void theAuditIsExportedAsCsvWithFormulasNeutralisedAndAsJson() throws Exception {
        String remediation = "r-" + UUID.randomUUID();
        publish(Topics.REMEDIATION_COMMANDS, remediation, new RemediationCommand(RemediationCommand.Type.APPROVE,
                remediation, "=HYPERLINK(\"http://evil\")", "console", Instant.now()));
        await().atMost(Duration.ofSeconds(30)).until(() -> readModel.audit(new io.alertpilot.readmodel.AuditQuery(
                null, null, remediation, null, null, 10)).total() > 0);
        MockHttpSession session = login("vic-token");
        MockHttpServletResponse csv = mvc.perform(get("/audit.csv").param("q", remediation).session(session))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(csv.getContentType()).startsWith("text/csv");
        assertThat(csv.getContentAsString()).startsWith("\"at\",\"kind\",\"subject\",\"by\",\"summary\",\"facts\"\r\n")
                .contains("\"'=HYPERLINK(\"\"http://evil\"\")\"").contains(remediation);
        String json = mvc.perform(get("/audit.json").param("q", remediation).session(session))
                .andExpect(status().isOk()).andReturn().getResponse().getContentAsString();
        assertThat(json).contains("\"items\":[", "\"total\":1", "\"subject\":\"" + remediation + "\"");
        assertThat(page(session, "/audit?q=" + remediation)).contains("class=\"audit-entry\"");
    }

    @Test
    void anAdminPreviewsCreatesAndEndsAWindowThroughRemediation() throws Exception {
        SERVICES.stubFor(WireMock.post(urlEqualTo("/api/v1/maintenance-windows/preview")).willReturn(okJson("""
                {"state": "active", "playbooks": ["restart-crashlooping"],
                 "targets": ["prod/shop/Deployment/checkout"], "incidents": ["fp-1"]}""")));
        SERVICES.stubFor(WireMock.delete(urlEqualTo("/api/v1/maintenance-windows/w-9")).willReturn(okJson("{}")));
        MockHttpSession session = login("ada-token");
        assertThat(page(session, "/windows")).contains("id=\"window-form\"", "id=\"window-preview\"");
        Map<String, String> form = Map.of("matchers", "namespace=\"shop\"\nalertname=~\"Pod.*\"\nteam!=\"db\"",
                "startsAt", "", "endsAt", "2030-01-01T00:00:00Z", "paging", "true", "reason", "node upgrade");
        var preview = post("/windows/preview").session(session).with(csrf());
        form.forEach(preview::param);
        assertThat(mvc.perform(preview).andExpect(status().isOk()).andReturn().getResponse().getContentAsString())
                .contains("class=\"affected-playbook\">restart-crashlooping<",
                        "class=\"affected-target\">prod/shop/Deployment/checkout<", "class=\"affected-incident\">fp-1<");
        var create = post("/windows").session(session).with(csrf());
        form.forEach(create::param);
        mvc.perform(create).andExpect(redirectedUrl("/windows"));
        mvc.perform(post("/windows/w-9/end").session(session).with(csrf())).andExpect(redirectedUrl("/windows"));

        String body = """
                {"matchers": [{"name": "namespace", "value": "shop", "isRegex": false, "isEqual": true},
                              {"name": "alertname", "value": "Pod.*", "isRegex": true, "isEqual": true},
                              {"name": "team", "value": "db", "isRegex": false, "isEqual": false}],
                 "endsAt": "2030-01-01T00:00:00Z", "automation": false, "paging": true, "reason": "node upgrade"}""";
        SERVICES.verify(postRequestedFor(urlEqualTo("/api/v1/maintenance-windows/preview"))
                .withRequestBody(equalToJson(body)).withHeader("Authorization", equalTo("Bearer ada-token")));
        SERVICES.verify(postRequestedFor(urlEqualTo("/api/v1/maintenance-windows"))
                .withRequestBody(equalToJson(body)).withHeader("Authorization", equalTo("Bearer ada-token")));
        SERVICES.verify(deleteRequestedFor(urlEqualTo("/api/v1/maintenance-windows/w-9"))
                .withHeader("Authorization", equalTo("Bearer ada-token")));

        MockHttpSession responder = login("rita-token");
        mvc.perform(post("/windows/w-9/end").session(responder).with(csrf())).andExpect(status().isForbidden());
    }

    @Test
    void theEventStreamNamesAnIncidentThatChanged() throws Exception {
        BrowserSession browser = new BrowserSession(port);
        browser.post("/login", "/login", Map.of("token", "vic-token"));
        HttpResponse<Stream<String>> stream = browser.stream("/events").get(10, java.util.concurrent.TimeUnit.SECONDS);
        assertThat(stream.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/event-stream");
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> stream.body().forEach(lines::add));
        try {
            String id = incident();
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("event:incident")
                    && lines.contains("event:incident-" + id) && lines.contains("data:" + id));
        } finally {
            reader.interrupt();
            stream.body().close();
        }
    }

    @Test
    void anIncidentsPageReloadsOnItsOwnIncidentsEventAndAChangeOnTheTopicReachesTheStreamUnderIt() throws Exception {
        String id = incident();
        BrowserSession browser = new BrowserSession(port);
        browser.post("/login", "/login", Map.of("token", "rita-token"));
        assertThat(browser.get("/incidents/" + id).body()).contains("sse-connect=\"/events\"",
                "hx-trigger=\"sse:incident-" + id + "\"", "hx-get=\"/incidents/" + id + "\"");
        HttpResponse<Stream<String>> stream = browser.stream("/events").get(10, java.util.concurrent.TimeUnit.SECONDS);
        List<String> lines = new CopyOnWriteArrayList<>();
        Thread reader = Thread.ofVirtual().start(() -> stream.body().forEach(lines::add));
        try {
            var acknowledged = browser.post("/incidents/" + id, "/incidents/" + id + "/acknowledge", Map.of());
            assertThat(acknowledged.statusCode()).isEqualTo(302);
            String next = acknowledged.headers().firstValue("Location").orElseThrow();
            assertThat(browser.get(next).body()).contains("id=\"flash\" class=\"ok\"", "Acknowledged by rita");
            // the notifier (WireMock here) publishes the acknowledged incident; the page learns it from the topic
            publish(Topics.INCIDENTS, id, ConsoleEvents.incident(id, IncidentState.ACKNOWLEDGED, 2,
                    Map.of("namespace", "shop"), null, "rita"));
            await().atMost(Duration.ofSeconds(30)).until(() -> lines.contains("event:incident-" + id));
            assertThat(browser.get("/incidents/" + id).body()).contains("id=\"acknowledged-by\">rita<");
        } finally {
            reader.interrupt();
            stream.body().close();
        }
    }

    @Test
    void theHealthPageShowsWhatDidNotAnswerWithinItsDeadlineAsUnknown() throws Exception {
        SERVICES.stubFor(WireMock.get(urlEqualTo("/actuator/health")).willReturn(okJson("{\"status\": \"UP\"}")
                .withFixedDelay(15_000)));
        MockHttpSession session = login("vic-token");
        assertThat(page(session, "/health")).contains("remediation health: did not answer within 5 s",
                "notifier health: did not answer within 5 s", "class=\"breaker\" data-name=\"kubernetesBreakers\"",
                "class=\"breaker\" data-name=\"channelBreakers\"", "state-unknown", "id=\"lag\"",
                "id=\"dead-letters\"");
    }

    @Test
    void anAuditExportCutAtItsBoundSaysSo() throws Exception {
        String marker = "bulk-" + UUID.randomUUID();
        int entries = 10_001;
        Map<String, RemediationCommand> commands = new LinkedHashMap<>();
        for (int i = 0; i < entries; i++) {
            String remediation = marker + "-" + i;
            commands.put(remediation, new RemediationCommand(RemediationCommand.Type.APPROVE, remediation, "arno",
                    "console", Instant.now()));
        }
        publishAll(Topics.REMEDIATION_COMMANDS, commands);
        await().atMost(Duration.ofSeconds(60)).until(() -> readModel.audit(new io.alertpilot.readmodel.AuditQuery(
                null, null, marker, null, null, 1)).total() == entries);
        MockHttpSession session = login("vic-token");
        MockHttpServletResponse csv = mvc.perform(get("/audit.csv").param("q", marker).session(session))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(csv.getHeader("X-AlertPilot-Truncated")).isEqualTo("10001");
        assertThat(csv.getContentAsString()).endsWith("\"truncated\",\"\",\"\",\"\",\"1 more of 10001 matching "
                + "entries not exported (at most 10000); narrow the search\",\"\"\r\n");
        MockHttpServletResponse json = mvc.perform(get("/audit.json").param("q", marker).session(session))
                .andExpect(status().isOk()).andReturn().getResponse();
        assertThat(json.getHeader("X-AlertPilot-Truncated")).isEqualTo("10001");
        assertThat(json.getContentAsString()).contains("\"total\":10001");
        assertThat(mvc.perform(get("/audit.csv").param("q", marker + "-1").session(session)).andReturn()
                .getResponse().getHeader("X-AlertPilot-Truncated")).isNull();
    }
}
