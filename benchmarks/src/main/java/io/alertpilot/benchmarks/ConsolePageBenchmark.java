package io.alertpilot.benchmarks;

import io.alertpilot.console.ConsoleApplication;
import io.alertpilot.model.kafka.Topics;
import io.alertpilot.readmodel.ReadModel;
import io.alertpilot.readmodel.RemediationQuery;
import java.io.IOException;
import java.net.CookieManager;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.logging.LogLevel;
import org.springframework.boot.logging.LoggingSystem;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;

/**
 * The console's pages over HTTP with 100,000 events in its read model (the mix of {@link ReadModelLoad}): the console
 * ({@link ConsoleApplication}) runs in this JVM on a random port, its read model following an in-JVM broker whose
 * topics are empty (the records are applied to its {@link ReadModel} bean directly), remediation and the notifier
 * stood in for by {@link ServicesStub}. A client logs in with a token as a browser does (the login form's CSRF token,
 * then the session cookie), then times GET of every page, body read whole: median, p99 and max over many calls after
 * a warm-up, against a reference measured the same way in the same run ({@code /console/app.css}, a static file
 * through the same server and security chain). Prints a Markdown table.
 *
 * <p>System properties: {@code bench.events} (default 100000), {@code bench.calls} (timed calls per page, default
 * 300), {@code bench.warmup} (calls before timing, default 100).
 */
public final class ConsolePageBenchmark {

    private static final String TOKEN = "bench-admin-token-0123456789abcdef";
    private static final Pattern CSRF = Pattern.compile("name=\"_csrf\"\\s+(?:type=\"hidden\"\\s+)?value=\"([^\"]+)\"");

    private final int calls = Integer.getInteger("bench.calls", 300);
    private final int warmUp = Integer.getInteger("bench.warmup", 100);
    private final HttpClient client = HttpClient.newBuilder().cookieHandler(new CookieManager())
            .version(HttpClient.Version.HTTP_1_1).build();
    private final List<String> rows = new ArrayList<>();
    private URI base;
    private double reference;

    private ConsolePageBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        new ConsolePageBenchmark().run(Integer.getInteger("bench.events", 100_000));
        System.exit(0);
    }

    private void run(int total) throws Exception {
        // the broker logs before the console's logging settings apply
        LoggingSystem.get(ConsolePageBenchmark.class.getClassLoader()).setLogLevel(null, LogLevel.WARN);
        EmbeddedKafkaKraftBroker broker = new EmbeddedKafkaKraftBroker(1, 1, Topics.ALERTS, Topics.REMEDIATIONS,
                Topics.REMEDIATION_COMMANDS, Topics.INCIDENTS, Topics.NOTIFICATIONS, Topics.MAINTENANCE_WINDOWS,
                Topics.MAINTENANCE_EVENTS);
        broker.afterPropertiesSet();
        try (ServicesStub services = new ServicesStub();
                ConfigurableApplicationContext console = console(broker.getBrokersAsString(), services.url())) {
            base = URI.create("http://127.0.0.1:" + console.getEnvironment().getProperty("local.server.port"));
            ReadModel model = console.getBean(ReadModel.class);
            long loadStart = System.nanoTime();
            List<String> ids = new ReadModelLoad(Clock.systemUTC().instant()).load(model, total);
            System.out.printf(Locale.ROOT, "loaded %d records (%d events held, %d incidents) in %.1f s%n", total,
                    model.size(), ids.size(), (System.nanoTime() - loadStart) / 1e9);
            login();
            String incident = ids.stream().limit(1000)
                    .max(Comparator.comparingInt((String id) -> model.timeline(id).size())).orElseThrow();
            String remediation = model.remediations(RemediationQuery.all(1)).items().getFirst().remediationId();
            System.out.printf("incident %s has %d timeline entries%n", incident, model.timeline(incident).size());
            measurePages(incident, remediation);
        } finally {
            broker.destroy();
        }
        print();
    }

    private static ConfigurableApplicationContext console(String bootstrap, URI services) {
        Map<String, Object> properties = new LinkedHashMap<>();
        properties.put("server.port", 0);
        properties.put("spring.kafka.bootstrap-servers", bootstrap);
        properties.put("alertpilot.console.remediation-url", services.toString());
        properties.put("alertpilot.console.notifier-url", services.toString());
        properties.put("alertpilot.read-model.max-events", 500_000);
        properties.put("alertpilot.api.users.bench.token", TOKEN);
        properties.put("alertpilot.api.users.bench.roles", "admin");
        properties.put("logging.structured.format.console", "");
        properties.put("logging.level.root", "WARN");
        properties.put("spring.main.banner-mode", "off");
        return new SpringApplicationBuilder(ConsoleApplication.class).properties(properties).run();
    }

    /** Logs in as a browser does: the login form's CSRF token, then the token posted; the session is in the cookie. */
    private void login() throws IOException, InterruptedException {
        String form = get("/login").body();
        Matcher csrf = CSRF.matcher(form);
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token in the login form");
        }
        String body = "token=" + URLEncoder.encode(TOKEN, StandardCharsets.UTF_8) + "&_csrf="
                + URLEncoder.encode(csrf.group(1), StandardCharsets.UTF_8);
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(base.resolve("/login"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String location = answer.headers().firstValue("Location").orElse("");
        if (answer.statusCode() != 302 || !location.endsWith("/incidents")) {
            throw new IllegalStateException("login refused: " + answer.statusCode() + " " + location);
        }
    }

    private void measurePages(String incident, String remediation) throws Exception {
        Map<String, String> pages = new LinkedHashMap<>();
        pages.put("reference: /console/app.css (static file)", "/console/app.css");
        pages.put("/incidents", "/incidents");
        pages.put("/incidents, state + namespace", "/incidents?state=ACKNOWLEDGED&namespace=team-ns-7");
        pages.put("/incidents, severity + cluster", "/incidents?severity=CRITICAL&cluster=aks-prod-weu");
        pages.put("/incidents, text search", "/incidents?q=workload-123");
        pages.put("/incidents/rows (the live reload)", "/incidents/rows");
        pages.put("/incidents/{id}, full timeline", "/incidents/" + incident);
        pages.put("/incidents/{id}/report.md", "/incidents/" + incident + "/report.md");
        pages.put("/remediations", "/remediations");
        pages.put("/remediations, phase + playbook + namespace",
                "/remediations?phase=VERIFIED&playbook=scale-on-latency&namespace=team-ns-7");
        pages.put("/remediations/{id}", "/remediations/" + remediation);
        pages.put("/playbooks (stubbed remediation)", "/playbooks");
        pages.put("/windows", "/windows");
        pages.put("/audit", "/audit");
        pages.put("/audit, text search", "/audit?q=cooldown");
        pages.put("/audit.csv (10,000 entries)", "/audit.csv");
        pages.put("/health (stubbed services, in-JVM broker)", "/health");
        // every page warmed up before any is timed, so the reference (timed first) runs on a warm server too
        for (String path : pages.values()) {
            for (int i = 0; i < warmUp; i++) {
                get(path);
            }
        }
        for (Map.Entry<String, String> page : pages.entrySet()) {
            double median = measure(page.getKey(), page.getValue());
            if (reference == 0) {
                reference = median;
            }
        }
    }

    /** Times {@code calls} GETs of {@code path}, each answering 200; adds the row; answers the median in ms. */
    private double measure(String name, String path) throws IOException, InterruptedException {
        long[] nanos = new long[calls];
        int bytes = 0;
        for (int i = 0; i < calls; i++) {
            long start = System.nanoTime();
            bytes = get(path).body().length();
            nanos[i] = System.nanoTime() - start;
        }
        Arrays.sort(nanos);
        double median = nanos[calls / 2] / 1e6;
        double p99 = nanos[(int) Math.ceil(calls * 0.99) - 1] / 1e6;
        double max = nanos[calls - 1] / 1e6;
        rows.add(String.format(Locale.ROOT, "| %s | %s | %s | %s | %sx | %d |", name, ms(median), ms(p99), ms(max),
                reference == 0 ? "1" : ratio(median / reference), bytes / 1024));
        return median;
    }

    private HttpResponse<String> get(String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = client.send(HttpRequest.newBuilder(base.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " answered " + answer.statusCode());
        }
        return answer;
    }

    private static String ratio(double value) {
        return String.format(Locale.ROOT, value < 10 ? "%.1f" : "%.0f", value);
    }

    private static String ms(double value) {
        return String.format(Locale.ROOT, value < 1 ? "%.3f" : "%.1f", value);
    }

    private void print() {
        System.out.println();
        System.out.println("| page | median (ms) | p99 (ms) | max (ms) | median / reference | size (KiB) |");
        System.out.println("| --- | --- | --- | --- | --- | --- |");
        rows.forEach(System.out::println);
        System.out.println();
        System.out.printf(Locale.ROOT, "(%d calls per page after %d warm-up calls, one client; at %s)%n", calls,
                warmUp, Instant.now());
    }
}
