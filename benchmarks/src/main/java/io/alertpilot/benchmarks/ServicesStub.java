package io.alertpilot.benchmarks;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Executors;

/**
 * Remediation and the notifier as the console's pages read them, answering at once from fixed JSON: the playbooks
 * ({@link ReadModelLoad#PLAYBOOKS}), the guard state of 200 targets, and a health with breakers. So a page that asks
 * them ({@code /playbooks}, {@code /health}) measures the console's own part, not the services'.
 */
final class ServicesStub implements AutoCloseable {

    private final HttpServer server;

    ServicesStub() throws IOException {
        // without it, an answer sent as two segments waits for the client's delayed ACK (about 40 ms a call)
        System.setProperty("sun.net.httpserver.nodelay", "true");
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 100);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        byte[] playbooks = playbooks().getBytes(StandardCharsets.UTF_8);
        byte[] targets = targets().getBytes(StandardCharsets.UTF_8);
        byte[] health = """
                {"status": "UP", "components": {
                  "kubernetesBreakers": {"status": "UP", "details": {"aks-prod-weu": "CLOSED", "aks-prod-neu": "OPEN",
                    "aks-staging": "HALF_OPEN"}},
                  "channelBreakers": {"status": "UP", "details": {"pagerduty": "CLOSED", "slack": "CLOSED"}}}}"""
                .getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> answer(exchange, switch (exchange.getRequestURI().getPath()) {
            case "/api/v1/playbooks" -> playbooks;
            case "/api/v1/playbooks/targets" -> targets;
            case "/actuator/health" -> health;
            default -> null;
        }));
        server.start();
    }

    /** The base URL both services' APIs are at. */
    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void answer(HttpExchange exchange, byte[] body) throws IOException {
        try (exchange; OutputStream out = exchange.getResponseBody()) {
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.sendResponseHeaders(200, body.length);
            out.write(body);
        }
    }

    private static String playbooks() {
        List<String> items = new ArrayList<>();
        for (String name : ReadModelLoad.PLAYBOOKS) {
            items.add("""
                    {"name": "%s", "file": "default.yaml", "alertNames": ["KubePodCrashLooping", "HighLatency"],
                     "actions": ["restart", "scale"], "approvalRequired": true, "dryRun": null,
                     "guards": {"cooldown": "PT15M", "maxAttempts": 3, "window": "PT1H", "flapTransitions": 6,
                       "flapWindow": "PT30M", "minReadyReplicas": 1, "minReplicas": 2, "maxReplicas": 12,
                       "rateLimit": 20, "ratePeriod": "PT1M", "approvalRequired": true, "approvalTimeout": "PT10M",
                       "dryRun": false}}""".formatted(name));
        }
        return "{\"playbooks\": [" + String.join(",", items) + "], \"files\": [\"default.yaml\"]}";
    }

    private static String targets() {
        List<String> items = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            items.add(String.format(Locale.ROOT, """
                    {"playbook": "%s", "targetKey": "aks-prod-weu/%s/Deployment/workload-%d",
                     "cooldownUntil": "2030-01-01T00:00:00Z", "attemptsInWindow": %d, "maxAttempts": 3,
                     "flappingCount": %d, "lockHolder": "remediation-0", "lastPhase": "VERIFIED",
                     "lastActionAt": "2026-11-30T10:00:00Z"}""", ReadModelLoad.PLAYBOOKS[i % 4],
                    ReadModelLoad.NAMESPACES[i % ReadModelLoad.NAMESPACES.length], i, i % 4, i % 7));
        }
        return "{\"items\": [" + String.join(",", items) + "], \"total\": " + items.size() + "}";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
