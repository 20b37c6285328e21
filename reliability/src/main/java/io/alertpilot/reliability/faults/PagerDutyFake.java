package io.alertpilot.reliability.faults;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import com.github.tomakehurst.wiremock.stubbing.ServeEvent;
import com.github.tomakehurst.wiremock.stubbing.StubMapping;
import io.alertpilot.model.kafka.Json;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import tools.jackson.databind.JsonNode;

/**
 * The paging provider of the fault suite: WireMock as PagerDuty's Events API v2 ({@code /v2/enqueue}), which can answer
 * 429 with a {@code Retry-After} or 5xx on demand, and the policy's fallback, a generic webhook ({@code /fallback}).
 * A page counts as sent when either accepted a trigger for it (2xx).
 */
final class PagerDutyFake implements AutoCloseable {

    static final String ROUTING_KEY = "fault-suite-routing-key";
    private static final String EVENTS = "/v2/enqueue";
    private static final String FALLBACK = "/fallback";

    private final WireMockServer server = new WireMockServer(WireMockConfiguration.options().dynamicPort()
            .containerThreads(40));
    private final List<StubMapping> faults = new CopyOnWriteArrayList<>();

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
        return pagesOf(server.getAllServeEvents());
    }

    /**
     * Like {@link #pages()}, of the calls since the last take only: the calls read are dropped from the journal, so a
     * long run holds at most one interval of them.
     */
    Map<String, Pages> takePages() {
        List<ServeEvent> events = server.getAllServeEvents();
        events.forEach(event -> server.removeServeEvent(event.getId()));
        return pagesOf(events);
    }

    private static Map<String, Pages> pagesOf(List<ServeEvent> events) {
        Map<String, Pages> pages = new HashMap<>();
        for (ServeEvent event : events) {
            int status = event.getResponse().getStatus();
            if (status / 100 != 2) {
                continue;
            }
            JsonNode body = Json.mapper().readTree(event.getRequest().getBodyAsString());
            String fingerprint;
            if (event.getRequest().getUrl().startsWith(EVENTS)) {
                if (!"trigger".equals(body.path("event_action").asString())) {
                    continue;
                }
                fingerprint = body.at("/payload/custom_details/fingerprint").asString();
            } else {
                String action = body.path("action").asString();
                if (action.equals("resolve") || action.equals("acknowledge") || action.equals("info")) {
                    continue;
                }
                fingerprint = body.at("/incident/fingerprint").asString();
            }
            long at = event.getRequest().getLoggedDate().getTime();
            pages.merge(fingerprint, new Pages(1, at), (a, b) -> new Pages(a.accepted() + 1, Math.min(a.first(), at)));
        }
        return pages;
    }

    /** How many triggers for one alert were accepted, and when the first was (epoch milliseconds). */
    record Pages(int accepted, long first) {
    }

    @Override
    public void close() {
        server.stop();
    }
}
