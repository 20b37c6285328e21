package io.alertpilot.testing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class ApiClientTest {

    private HttpServer server;
    private final AtomicReference<String> seen = new AtomicReference<>();
    private final AtomicReference<String> signature = new AtomicReference<>();
    private ApiClient api;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/echo", this::echo);
        server.createContext("/missing", exchange -> answer(exchange, 404, "application/problem+json",
                "{\"type\":\"about:blank\",\"title\":\"Not Found\",\"status\":404,\"detail\":\"no incident x\","
                        + "\"incidentId\":\"x\"}"));
        server.start();
        api = ApiClient.at(server.getAddress().getPort()).withToken("secret-token");
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void sendsTheBearerTokenAndJsonAndReadsJsonBack() {
        ApiResponse response = api.post("/echo", Map.of("by", "alice"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(seen.get()).isEqualTo("POST Bearer secret-token application/json {\"by\":\"alice\"}");
        assertThat(response.json().path("echo").asString()).isEqualTo("{\"by\":\"alice\"}");
        assertThat(response.contentType()).isEqualTo("application/json");
        assertThat(response.isProblem()).isFalse();
    }

    @Test
    void sendsTextAsItIsAndNothingWithoutABody() {
        api.put("/echo", "{\"raw\": true}");
        assertThat(seen.get()).isEqualTo("PUT Bearer secret-token application/json {\"raw\": true}");

        api.withoutToken().get("/echo");
        assertThat(seen.get()).isEqualTo("GET - - ");

        api.withBasic("user", "pass").delete("/echo");
        assertThat(seen.get()).isEqualTo("DELETE Basic dXNlcjpwYXNz - ");
    }

    @Test
    void sendsExtraHeaders() {
        api.withHeader("X-Signature", "v1=abc").withoutToken().get("/echo");

        assertThat(signature.get()).isEqualTo("v1=abc");
    }

    @Test
    void showsAProblem() {
        ApiResponse response = api.get("/missing");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.isProblem()).isTrue();
        assertThat(response.problem().title()).isEqualTo("Not Found");
        assertThat(response.problem().detail()).isEqualTo("no incident x");
        assertThat(response.problem().status()).isEqualTo(404);
        assertThat(response.problem().json().path("incidentId").asString()).isEqualTo("x");
        assertThat(response.toString()).startsWith("GET /missing -> 404 application/problem+json").contains("no incident x");
    }

    @Test
    void refusesToReadAProblemFromASuccess() {
        assertThatThrownBy(() -> api.get("/echo").problem())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("GET /echo -> 200");
    }

    private void echo(HttpExchange exchange) throws IOException {
        String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
        String authorization = exchange.getRequestHeaders().getFirst("Authorization");
        String contentType = exchange.getRequestHeaders().getFirst("Content-Type");
        signature.set(exchange.getRequestHeaders().getFirst("X-Signature"));
        seen.set(exchange.getRequestMethod() + " " + (authorization == null ? "-" : authorization) + " "
                + (contentType == null ? "-" : contentType) + " " + body);
        answer(exchange, 200, "application/json",
                "{\"echo\":\"" + body.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
    }

    private static void answer(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", contentType);
        exchange.sendResponseHeaders(status, bytes.length);
        try (var out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }
}
