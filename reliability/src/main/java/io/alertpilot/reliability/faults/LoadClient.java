package io.alertpilot.reliability.faults;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Posts alerts to ingest's generic webhook, as a sender would: one alert per request, with a bearer token. */
final class LoadClient {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
    private final String token;

    LoadClient(String token) {
        this.token = token;
    }

    /** The body of a 2xx answer; null when the alert was not acknowledged (refused, reset, timed out, not 2xx). */
    String post(String url, String body) {
        try {
            HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(url))
                    .timeout(Duration.ofSeconds(15)).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body))
                    .build(), HttpResponse.BodyHandlers.ofString());
            return response.statusCode() / 100 == 2 ? response.body() : null;
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A one-alert generic webhook body; {@code deployment} (a label) may be null. */
    static String alert(String name, String severity, String fingerprint, String deployment) {
        return "[{\"name\":\"" + name + "\",\"status\":\"firing\",\"severity\":\"" + severity + "\",\"fingerprint\":\""
                + fingerprint + "\",\"labels\":{\"namespace\":\"" + KubernetesFake.NAMESPACE + "\""
                + (deployment == null ? "" : ",\"deployment\":\"" + deployment + "\"") + "}}]";
    }
}
