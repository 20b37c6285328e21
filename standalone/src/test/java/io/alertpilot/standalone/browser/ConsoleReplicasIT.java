package io.alertpilot.standalone.browser;

import static io.alertpilot.standalone.browser.ConsoleFixtures.ACTING_ALERT;
import static io.alertpilot.standalone.browser.ConsoleFixtures.VIEWER;
import static io.alertpilot.standalone.browser.ConsoleFixtures.labels;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.console.ConsoleApplication;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.WebElement;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A second console, started on its own (the console application only, another port) against the same broker after
 * the incidents happened, shows what the first shows: the same incidents in the same states and the same timeline.
 * It stands for a console replica and for a console restarted: both build their pages from the topics alone.
 */
class ConsoleReplicasIT extends ConsoleBrowserSupport {

    static final String FINGERPRINT = "4e91ca0000000001";

    /** What a console shows: incident id to state on the incidents page, and one incident's timeline (kind: title). */
    record Shown(Map<String, String> incidents, List<String> timeline) {
    }

    @Test
    void aSecondConsoleStartedLaterShowsTheSameIncidentsAndTimelines() {
        fire(FINGERPRINT, labels(ACTING_ALERT, "cart", "critical"), Map.of("summary", "cart keeps crashing"));
        pages.logIn(VIEWER);
        pages.awaitOnPage("/incidents/" + FINGERPRINT, "ol#timeline li.entry[data-kind='PAGE']");

        try (ConfigurableApplicationContext second = startSecondConsole()) {
            // another host name than the first console's: the browser keeps a session cookie for each
            String secondUrl = "http://localhost:" + second.getEnvironment().getProperty("local.server.port");
            Awaitility.await("the second console shows what the first shows").atMost(Browser.WAIT)
                    .ignoreExceptions().untilAsserted(() -> {
                        Shown first = shown(baseUrl());
                        assertThat(first.incidents()).containsKey(FINGERPRINT);
                        assertThat(first.timeline()).anySatisfy(entry -> assertThat(entry).startsWith("DECISION:"));
                        assertThat(shown(secondUrl)).isEqualTo(first);
                    });
        }
    }

    private ConfigurableApplicationContext startSecondConsole() {
        List<String> args = new ArrayList<>(List.of(
                "--spring.kafka.bootstrap-servers=" + brokers,
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.application.name=alertpilot-console-second",
                "--alertpilot.console.remediation-url=" + baseUrl(),
                "--alertpilot.console.notifier-url=" + baseUrl(),
                "--alertpilot.api.auth.tokens=" + ConsoleFixtures.API_TOKEN));
        ConsoleFixtures.operatorProperties().forEach((key, value) -> args.add("--" + key + "=" + value));
        return new SpringApplicationBuilder(ConsoleApplication.class).run(args.toArray(String[]::new));
    }

    private Shown shown(String url) {
        browser.useBaseUrl(url);
        browser.open("/incidents");
        if (browser.path().startsWith("/login")) {
            pages.logIn(VIEWER);
            browser.open("/incidents");
        }
        browser.await("tbody#incident-rows");
        Map<String, String> incidents = new LinkedHashMap<>();
        for (Map<String, String> row : pages.rows("tbody#incident-rows tr.incident", ".state")) {
            incidents.put(row.get("data-id"), row.get(".state"));
        }
        browser.open("/incidents/" + FINGERPRINT);
        browser.await("ol#timeline");
        List<String> timeline = new ArrayList<>();
        for (WebElement entry : browser.all("ol#timeline li.entry")) {
            timeline.add(entry.getAttribute("data-kind") + ": " + ConsolePages.cell(entry, ".title"));
        }
        return new Shown(incidents, timeline);
    }
}
