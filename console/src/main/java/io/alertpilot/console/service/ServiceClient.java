package io.alertpilot.console.service;

import io.alertpilot.console.security.ConsoleUser;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.readmodel.ListAnswer;
import io.alertpilot.readmodel.TargetGuard;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.ResourceAccessException;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.util.UriComponentsBuilder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The services' HTTP APIs, called with the logged-in operator's own credential, so that each service checks the
 * operator's role again and records the operator's name: acknowledge and resolve at the notifier; approve, reject,
 * maintenance windows and playbooks at remediation; each service's health. Thread safe.
 *
 * <p>A service's refusal is a {@link ServiceRefusedException} carrying what it said (the problem's {@code detail});
 * a service that cannot be reached is a {@link ServiceUnavailableException}.
 */
@Component
public class ServiceClient {

    private static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(15);

    private final ServiceUrls urls;
    private final RestClient http;
    private final JsonMapper json = Json.mapper();

    ServiceClient(ServiceUrls urls) {
        this.urls = urls;
        JdkClientHttpRequestFactory factory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().connectTimeout(CONNECT_TIMEOUT).build());
        factory.setReadTimeout(READ_TIMEOUT);
        this.http = RestClient.builder().requestFactory(factory).build();
    }

    /** Acknowledges incident {@code id} at the notifier as {@code user}. */
    public void acknowledge(ConsoleUser user, String id) {
        post(user, urls.notifier(), "/api/v1/incidents/{id}/acknowledge", id, null);
    }

    /** Resolves incident {@code id} at the notifier as {@code user}. */
    public void resolve(ConsoleUser user, String id) {
        post(user, urls.notifier(), "/api/v1/incidents/{id}/resolve", id, null);
    }

    /** Approves remediation {@code id} at remediation as {@code user}. */
    public void approve(ConsoleUser user, String id) {
        post(user, urls.remediation(), "/api/v1/remediations/{id}/approve", id, null);
    }

    /** Rejects remediation {@code id} at remediation as {@code user}. */
    public void reject(ConsoleUser user, String id) {
        post(user, urls.remediation(), "/api/v1/remediations/{id}/reject", id, null);
    }

    /** Creates the window {@code draft} describes (the JSON body remediation reads). */
    public void createWindow(ConsoleUser user, WindowRequest draft) {
        post(user, urls.remediation(), "/api/v1/maintenance-windows", null, draft.body());
    }

    /** What the window {@code draft} describes would affect, by remediation's own preview. */
    public WindowImpact previewWindow(ConsoleUser user, WindowRequest draft) {
        JsonNode answer = post(user, urls.remediation(), "/api/v1/maintenance-windows/preview", null, draft.body());
        return new WindowImpact(text(answer, "state"), strings(answer.path("playbooks")),
                strings(answer.path("targets")), strings(answer.path("incidents")));
    }

    /** Ends window {@code id} now, as {@code user}. */
    public void endWindow(ConsoleUser user, String id) {
        call(() -> http.delete().uri(url(urls.remediation(), "/api/v1/maintenance-windows/{id}", id))
                .header(HttpHeaders.AUTHORIZATION, user.credential().authorization())
                .retrieve().toBodilessEntity());
    }

    /** The playbooks in force at remediation. */
    public List<PlaybookSummary> playbooks(ConsoleUser user) {
        JsonNode answer = get(user, urls.remediation(), "/api/v1/playbooks");
        List<PlaybookSummary> playbooks = new ArrayList<>();
        answer.path("items").forEach(node -> playbooks.add(PlaybookSummary.of(node)));
        return playbooks;
    }

    /** The guard state of every target remediation's ledger knows, per playbook. */
    public ListAnswer<TargetGuard> targets(ConsoleUser user) {
        JsonNode answer = get(user, urls.remediation(), "/api/v1/playbooks/targets");
        List<TargetGuard> items = new ArrayList<>();
        answer.path("items").forEach(node -> items.add(json.treeToValue(node, TargetGuard.class)));
        return new ListAnswer<>(items, answer.path("total").asLong(items.size()));
    }

    /**
     * The states of the breakers that the health component {@code component} (e.g. {@code kubernetesBreakers}) of the
     * service at {@code notifier} or remediation reports: name to state, empty when the component is absent.
     */
    public Map<String, String> breakers(ConsoleUser user, boolean notifier, String component) {
        JsonNode health = call(() -> http.get()
                .uri(url(notifier ? urls.notifier() : urls.remediation(), "/actuator/health", null))
                .header(HttpHeaders.AUTHORIZATION, user.credential().authorization())
                .exchange((request, response) -> response.bodyTo(JsonNode.class)));
        Map<String, String> states = new LinkedHashMap<>();
        JsonNode details = health == null ? null : health.path("components").path(component).path("details");
        if (details != null && details.isObject()) {
            details.properties().forEach(entry -> states.put(entry.getKey(),
                    entry.getValue().isValueNode() ? entry.getValue().asString() : text(entry.getValue(), "state")));
        }
        return states;
    }

    private JsonNode get(ConsoleUser user, URI base, String path) {
        return call(() -> http.get().uri(url(base, path, null))
                .header(HttpHeaders.AUTHORIZATION, user.credential().authorization())
                .accept(MediaType.APPLICATION_JSON).retrieve().body(JsonNode.class));
    }

    private JsonNode post(ConsoleUser user, URI base, String path, String id, Object body) {
        return call(() -> {
            RestClient.RequestBodySpec request = http.post().uri(url(base, path, id))
                    .header(HttpHeaders.AUTHORIZATION, user.credential().authorization())
                    .accept(MediaType.APPLICATION_JSON);
            if (body != null) {
                request.contentType(MediaType.APPLICATION_JSON).body(json.writeValueAsString(body));
            }
            return request.retrieve().body(JsonNode.class);
        });
    }

    private static URI url(URI base, String path, String id) {
        UriComponentsBuilder builder = UriComponentsBuilder.fromUri(base).path(path);
        return id == null ? builder.build().toUri() : builder.buildAndExpand(id).encode().toUri();
    }

    private <T> T call(Supplier<T> request) {
        try {
            return request.get();
        } catch (RestClientResponseException e) {
            throw new ServiceRefusedException(e.getStatusCode().value(), refusal(e));
        } catch (ResourceAccessException e) {
            throw new ServiceUnavailableException("the service could not be reached: " + e.getMostSpecificCause()
                    .getClass().getSimpleName(), e);
        }
    }

    private String refusal(RestClientResponseException e) {
        String body = e.getResponseBodyAsString();
        try {
            JsonNode problem = json.readTree(body);
            String detail = text(problem, "detail");
            if (detail != null) {
                return e.getStatusCode().value() + ": " + detail;
            }
        } catch (RuntimeException notJson) {
            // not a problem body: the status says it
        }
        return e.getStatusCode().value() + " " + e.getStatusText();
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node == null ? null : node.get(field);
        return value == null || value.isNull() ? null : value.asString();
    }

    private static List<String> strings(JsonNode array) {
        List<String> values = new ArrayList<>();
        array.forEach(node -> values.add(node.asString()));
        return values;
    }
}
