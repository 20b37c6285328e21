package io.alertpilot.reliability.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.alertpilot.model.kafka.Json;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * The paging provider of the fault suite: WireMock as PagerDuty's Events API v2 ({@code /v2/enqueue}), which can answer
 * 429 with a {@code Retry-After} or 5xx on demand, and the policy's fallback, a generic webhook ({@code /fallback}).
 * A page counts as sent when either accepted a trigger for it (2xx). As PagerDuty does, a trigger whose
 * {@code dedup_key} already opened an alert (none is resolved in the suite) is applied to that alert and pages nobody
 * again: it is counted as re-sent, not as a second page (a notifier killed after sending, before recording it, sends
 * it again after its restart). Every accepted fallback webhook call counts as a page (a webhook has no dedup).
 */
final class PagerDutyFake implements AutoCloseable {

    static final String ROUTING_KEY = "fault-suite-routing-key";
    private static final String EVENTS = "/v2/enqueue";
    private static final String FALLBACK = "/fallback";

    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .containerThreads(40));
    private final List<StubMapping> faults = new CopyOnWriteArrayList<>();
    /** The dedup keys of the PagerDuty alerts opened, kept across {@link #takePages()}. */
    private final Set<String> opened = ConcurrentHashMap.newKeySet();

    PagerDutyFake() {
        server.start();
        server.stubFor(post(urlPathEqualTo(EVENTS)).atPriority(10).willReturn(aResponse().withStatus(202)
                .withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"success\",\"message\":\"Event processed\"}")));
        server.stubFor(post(urlPathEqualTo(FALLBACK)).atPriority(10).willReturn(aResponse().withStatus(200)));
    }

    String eventsUrl() {
        return server.baseUrl() + EVENTS;
    }

    String fallbackUrl() {
        return server.baseUrl() + FALLBACK;
    }

    /** PagerDuty answers 429 with {@code Retry-After: 1} until {@link #heal()}. */
    void rateLimit() {
        faults.add(server.stubFor(post(urlPathEqualTo(EVENTS)).atPriority(1).willReturn(aResponse().withStatus(429)
                .withHeader("Retry-After", "1").withHeader("Content-Type", "application/json")
                .withBody("{\"status\":\"throttle event\",\"message\":\"Requests for this service are arriving too "
                        + "quickly\"}"))));
    }

    /** PagerDuty answers 500 until {@link #heal()}. */
    void answerServerErrors() {
        faults.add(server.stubFor(post(urlPathEqualTo(EVENTS)).atPriority(1).willReturn(aResponse().withStatus(500))));
    }

    void heal() {
        faults.forEach(server::removeStub);
        faults.clear();
    }

    /** Accepted triggers (PagerDuty or fallback) per alert fingerprint, with the time of the first. */
    Map<String, Pages> pages() {
        return pagesOf(server.getAllServeEvents(), new HashSet<>(opened));
    }

    /**
     * Like {@link #pages()}, of the calls since the last take only: the calls read are dropped from the journal, so a
     * long run holds at most one interval of them.
     */
    Map<String, Pages> takePages() {
        List<ServeEvent> events = server.getAllServeEvents();
        events.forEach(event -> server.removeServeEvent(event.getId()));
        return pagesOf(events, opened);
    }

    /** The pages of {@code events} in the order PagerDuty received them; {@code open} gains the dedup keys opened. */
    private static Map<String, Pages> pagesOf(List<ServeEvent> events, Set<String> open) {
        Map<String, Pages> pages = new HashMap<>();
        List<ServeEvent> ordered = new ArrayList<>(events);
        ordered.sort(Comparator.comparing(e -> e.getRequest().getLoggedDate()));
        for (ServeEvent event : ordered) {
            int status = event.getResponse().getStatus();
            if (status / 100 != 2) {
                continue;
            }
            JsonNode body = Json.mapper().readTree(event.getRequest().getBodyAsString());
            String fingerprint;
            boolean resent = false;
            if (event.getRequest().getUrl().startsWith(EVENTS)) {
                if (!"trigger".equals(body.path("event_action").asString())) {
                    continue;
                }
                fingerprint = body.at("/payload/custom_details/fingerprint").asString();
                resent = !open.add(body.path("dedup_key").asString());
            } else {
                String action = body.path("action").asString();
                if (action.equals("resolve") || action.equals("acknowledge") || action.equals("info")) {
                    continue;
                }
                fingerprint = body.at("/incident/fingerprint").asString();
            }
            long at = event.getRequest().getLoggedDate().getTime();
            Pages one = resent ? new Pages(0, Long.MAX_VALUE, 1) : new Pages(1, at, 0);
            pages.merge(fingerprint, one, (a, b) -> new Pages(a.accepted() + b.accepted(), Math.min(a.first(),
                    b.first()), a.resent() + b.resent()));
        }
        return pages;
    }

    /**
     * The pages of one alert: how many reached a human (PagerDuty alerts opened, fallback calls), when the first was
     * (epoch milliseconds), and how many triggers PagerDuty applied to an alert already open (re-sent, no page).
     */
    record Pages(int accepted, long first, int resent) {
    }

    @Override
    public void close() {
        server.stop();
    }
}
