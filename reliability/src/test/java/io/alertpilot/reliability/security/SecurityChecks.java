package io.alertpilot.reliability.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.reliability.security.EndpointProbe.Endpoint;
import io.alertpilot.reliability.security.EndpointProbe.Probe;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.context.ApplicationContext;

/** The checks every service's security IT makes. */
final class SecurityChecks {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private SecurityChecks() {
    }

    /**
     * Every endpoint of the context answers 401 without credentials and with wrong ones, in every spelling; no probe
     * without credentials reaches a handler that does not check the caller itself.
     *
     * @return the endpoints probed
     */
    static List<Endpoint> everyEndpointNeedsCredentials(ApplicationContext context, int port, List<String> wrong)
            throws Exception {
        List<Endpoint> endpoints = EndpointProbe.endpoints(context);
        assertThat(endpoints).as("endpoints found in the RequestMappingHandlerMapping").isNotEmpty();
        List<String> problems = new ArrayList<>();
        List<String> authorizations = new ArrayList<>();
        authorizations.add(null);
        authorizations.addAll(wrong);
        for (Endpoint endpoint : endpoints) {
            for (String authorization : authorizations) {
                String canonical = endpoint.path();
                Probe plain = EndpointProbe.call(port, endpoint, canonical, authorization);
                if (plain.status() != 401) {
                    problems.add(describe(plain, authorization) + ": expected 401");
                }
                for (String spelling : EndpointProbe.spellings(canonical)) {
                    Probe probe = EndpointProbe.call(port, endpoint, spelling, authorization);
                    boolean refused = probe.status() == 401
                            || (!probe.reachedHandler() && probe.status() >= 400 && probe.status() < 500);
                    if (!refused) {
                        problems.add(describe(probe, authorization) + (probe.reachedHandler() ? " reached the handler" : ""));
                    }
                }
            }
        }
        assertThat(problems).as("endpoints answering without valid credentials").isEmpty();
        return endpoints;
    }

    private static String describe(Probe probe, String authorization) {
        return probe.endpoint().method() + " " + probe.path() + " (" + (authorization == null ? "no credentials"
                : "wrong credentials") + ") -> " + probe.status();
    }

    /** Health and Prometheus metrics answer without credentials. */
    static void healthAndMetricsAreOpen(int port) throws Exception {
        for (String path : List.of("/actuator/health", "/actuator/health/liveness", "/actuator/prometheus")) {
            HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port + path))
                    .build(), HttpResponse.BodyHandlers.ofString());
            assertThat(response.statusCode()).as(path).isEqualTo(200);
        }
    }

    /** None of {@code secrets}, nor their base64 or URL-encoded spellings, is in the captured output. */
    static void noSecretIn(CapturedOutput output, List<String> secrets) {
        String all = output.getAll();
        assertThat(all).as("captured output").isNotBlank();
        for (String secret : secrets) {
            assertThat(all).as("the log").doesNotContain(secret)
                    .doesNotContain(Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8)))
                    .doesNotContain(java.net.URLEncoder.encode(secret, StandardCharsets.UTF_8));
        }
    }

    static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }
}
