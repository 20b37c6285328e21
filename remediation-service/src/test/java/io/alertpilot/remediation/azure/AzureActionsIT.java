package io.alertpilot.remediation.azure;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.any;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.request;
import static com.github.tomakehurst.wiremock.client.WireMock.requestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.azure.core.credential.AccessToken;
import com.azure.core.credential.TokenCredential;
import com.azure.core.http.HttpClient;
import com.azure.core.http.jdk.httpclient.JdkHttpClientBuilder;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.client.ResponseDefinitionBuilder;
import com.github.tomakehurst.wiremock.core.WireMockConfiguration;
import io.alertpilot.remediation.action.Action;
import io.alertpilot.remediation.action.ActionExecutor.ExecutionContext;
import io.alertpilot.remediation.action.ActionResult;
import io.alertpilot.remediation.action.AzureResourceId;
import io.alertpilot.remediation.action.ResolvedTarget;
import io.alertpilot.remediation.action.Verification;
import io.alertpilot.remediation.k8s.ResilienceSettings;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.Socket;
import java.net.URI;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509ExtendedTrustManager;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import reactor.core.publisher.Mono;

/**
 * The four Azure actions through the real Azure SDK against a WireMock fake of the Resource Manager (HTTPS, as the
 * SDK's bearer-token policy demands): each reads its resource and sends its change, answering at once; its
 * verification follows the long-running operation as Azure answers it (201/202 with Azure-AsyncOperation or Location,
 * one poll per look until Succeeded); a throttled 429 is retried, a persistent one fails {@code http-429}, a Failed
 * operation fails the verification {@code lro-failed}, and 5xx answers open the subscription's breaker, after which
 * nothing is sent.
 */
class AzureActionsIT {

    static final WireMockServer ARM = new WireMockServer(WireMockConfiguration.options().dynamicHttpsPort()
            .httpDisabled(true));
    static final String SUBSCRIPTION = "00000000-0000-0000-0000-0000000000a1";
    static final String GROUP = "/subscriptions/" + SUBSCRIPTION + "/resourceGroups/rg-shop/providers/";
    static final TokenCredential TOKEN = request -> Mono.just(new AccessToken("test-token",
            OffsetDateTime.now().plusHours(1)));
    static final int MAX_RETRIES = 2;

    /** One action as the fake serves it: the resource read before and after, the change and how Azure answers it. */
    record Case(String name, String resourceId, Action action, String readPath, String before, String after,
            String method, String writePath, int accepted, String pollHeader) {

        ResolvedTarget target() {
            return ResolvedTarget.azure(AzureResourceId.parse(resourceId));
        }

        @Override
        public String toString() {
            return name;
        }
    }

    static final String AKS = GROUP + "Microsoft.ContainerService/managedClusters/aks-shop";
    static final String COSMOS = GROUP + "Microsoft.DocumentDB/databaseAccounts/cosmos-shop";
    static final String POSTGRES = GROUP + "Microsoft.DBforPostgreSQL/flexibleServers/pg-replica";

    static Stream<Case> cases() {
        String throughput = COSMOS + "/sqlDatabases/orders/throughputSettings/default";
        return Stream.of(
                new Case("aks-start", AKS, new Action.AksStart(), AKS, cluster("Stopped"), cluster("Running"),
                        "POST", AKS + "/start", 202, "Azure-AsyncOperation"),
                new Case("aks-scale-nodepool", AKS, new Action.AksScaleNodePool("user",
                        new Action.Scale(null, 3, 1, 5)), AKS + "/agentPools/user", pool(3), pool(5),
                        "PUT", AKS + "/agentPools/user", 201, "Azure-AsyncOperation"),
                new Case("cosmos-throughput", COSMOS, new Action.CosmosThroughput("orders", null,
                        new Action.Scale(1000, null, 400, 4000)), throughput, throughput(400), throughput(1000),
                        "PUT", throughput, 202, "Azure-AsyncOperation"),
                new Case("postgres-promote", POSTGRES, new Action.PostgresPromote(), POSTGRES, server("AsyncReplica"),
                        server("None"), "PATCH", POSTGRES, 202, "Location"));
    }

    AzureActionExecutor azure;

    @BeforeAll
    static void start() {
        ARM.start();
    }

    @AfterAll
    static void stop() {
        ARM.stop();
    }

    @BeforeEach
    void freshExecutor() {
        ARM.resetAll();
        AzureProperties properties = new AzureProperties(true, AzureProperties.Credential.WORKLOAD_IDENTITY, "", "",
                "", URI.create("https://localhost:" + ARM.httpsPort() + "/"), "", Duration.ofSeconds(5),
                Duration.ofSeconds(20), MAX_RETRIES, Duration.ofMillis(10), Duration.ofMillis(50));
        ResilienceSettings breaker = new ResilienceSettings(Duration.ofSeconds(5), 1, Duration.ofMillis(10),
                Duration.ofMillis(50), 50f, 2, 2, Duration.ofMinutes(5));
        azure = new AzureActionExecutor(new AzureClients(properties, TOKEN, trustingFake()),
                new AzureResilience(breaker, new SimpleMeterRegistry()), properties.operationTimeout());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void changesTheResourceFollowsTheOperationToSucceededAndVerifiesTheNewState(Case c) {
        stubReadsAndWrite(c, accepted(c, "op-" + c.name()));
        stubOperation(c, "op-" + c.name(), "Succeeded");

        ActionResult result = azure.execute(c.target(), c.action(), context());

        // accepted at once: the operation is followed by the verification, never waited for by the caller
        assertThat(result).isInstanceOfSatisfying(ActionResult.Done.class,
                done -> assertThat(done.message()).contains("accepted"));
        ARM.verify(0, anyRequestedFor(urlPathEqualTo("/operations/op-" + c.name())));
        assertThat(azure.verify(c.target(), c.action(), (ActionResult.Done) result)).as("the operation runs")
                .isInstanceOf(Verification.Pending.class);
        await().atMost(Duration.ofSeconds(10)).until(() -> azure.verify(c.target(), c.action(),
                (ActionResult.Done) result) instanceof Verification.Verified);
        ARM.verify(1, requestedFor(c.method(), urlPathEqualTo(c.writePath()))
                .withHeader("Authorization", com.github.tomakehurst.wiremock.client.WireMock.equalTo(
                        "Bearer test-token")));
        ARM.verify(2, anyRequestedFor(urlPathEqualTo("/operations/op-" + c.name())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void retriesAThrottledChangeAndThenSucceeds(Case c) {
        stubReadsAndWrite(c, accepted(c, "op-" + c.name()));
        ARM.stubFor(request(c.method(), urlPathEqualTo(c.writePath())).inScenario(c.name() + "-write")
                .whenScenarioStateIs(STARTED).willSetStateTo("throttled-once")
                .willReturn(throttled()).atPriority(1));
        ARM.stubFor(request(c.method(), urlPathEqualTo(c.writePath())).inScenario(c.name() + "-write")
                .whenScenarioStateIs("throttled-once").willSetStateTo("written")
                .willReturn(accepted(c, "op-" + c.name())).atPriority(1));
        stubOperation(c, "op-" + c.name(), "Succeeded");

        assertThat(azure.execute(c.target(), c.action(), context())).isInstanceOf(ActionResult.Done.class);
        ARM.verify(2, requestedFor(c.method(), urlPathEqualTo(c.writePath())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsHttp429WhenAzureKeepsThrottling(Case c) {
        stubReadsAndWrite(c, throttled());

        ActionResult result = azure.execute(c.target(), c.action(), context());

        assertThat(result).isInstanceOfSatisfying(ActionResult.Failed.class,
                f -> assertThat(f.reason()).isEqualTo("http-429"));
        ARM.verify(1 + MAX_RETRIES, requestedFor(c.method(), urlPathEqualTo(c.writePath())));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void failsLroFailedWhenTheOperationEndsFailed(Case c) {
        stubReadsAndWrite(c, accepted(c, "op-" + c.name()));
        stubOperation(c, "op-" + c.name(), "Failed");

        ActionResult result = azure.execute(c.target(), c.action(), context());

        assertThat(result).as("accepted: the failure shows at verification").isInstanceOf(ActionResult.Done.class);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(azure.verify(c.target(), c.action(),
                (ActionResult.Done) result)).isInstanceOfSatisfying(Verification.Failed.class,
                        f -> assertThat(f.reason()).isEqualTo("lro-failed")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void opensTheSubscriptionsBreakerAfterServerErrorsAndThenSendsNothing(Case c) {
        ARM.stubFor(any(anyUrl()).willReturn(aResponse().withStatus(500)
                .withBody("{\"error\":{\"code\":\"InternalServerError\",\"message\":\"boom\"}}")));
        assertThat(azure.execute(c.target(), c.action(), context())).isInstanceOf(ActionResult.Failed.class);
        assertThat(azure.execute(c.target(), c.action(), context())).isInstanceOf(ActionResult.Failed.class);
        int sent = ARM.getAllServeEvents().size();

        ActionResult result = azure.execute(c.target(), c.action(), context());

        assertThat(result).isInstanceOfSatisfying(ActionResult.Skipped.class,
                s -> assertThat(s.reason()).isEqualTo("circuit-open"));
        assertThat(ARM.getAllServeEvents()).hasSize(sent);
    }

    private void stubReadsAndWrite(Case c, ResponseDefinitionBuilder write) {
        // the first read (before the change) sees the old state, every later one (verification) the new
        ARM.stubFor(get(urlPathEqualTo(c.readPath())).inScenario(c.name()).whenScenarioStateIs(STARTED)
                .willSetStateTo("read").willReturn(okJson(c.before())));
        ARM.stubFor(get(urlPathEqualTo(c.readPath())).inScenario(c.name()).whenScenarioStateIs("read")
                .willReturn(okJson(c.after())));
        ARM.stubFor(request(c.method(), urlPathEqualTo(c.writePath())).willReturn(write).atPriority(5));
    }

    /**
     * The operation answers InProgress once, then {@code end}; Retry-After: 1 as Azure sends it (0 would make the SDK
     * fall back to its 30 s default).
     */
    private void stubOperation(Case c, String operation, String end) {
        String path = "/operations/" + operation;
        boolean location = c.pollHeader().equals("Location");
        ARM.stubFor(get(urlPathEqualTo(path)).inScenario(c.name() + "-operation").whenScenarioStateIs(STARTED)
                .willSetStateTo("polled")
                .willReturn(location ? aResponse().withStatus(202).withHeader("Location", url(path))
                        .withHeader("Retry-After", "1") : status("InProgress")));
        // Location polling: 202 while running, 200 with the resource when done, an error status when it failed
        ResponseDefinitionBuilder last = !location ? status(end) : end.equals("Succeeded") ? okJson(c.after())
                : aResponse().withStatus(400).withHeader("Content-Type", "application/json")
                        .withBody("{\"error\":{\"code\":\"PromoteFailed\",\"message\":\"cannot promote\"}}");
        ARM.stubFor(get(urlPathEqualTo(path)).inScenario(c.name() + "-operation").whenScenarioStateIs("polled")
                .willReturn(last));
    }

    private static ResponseDefinitionBuilder accepted(Case c, String operation) {
        return aResponse().withStatus(c.accepted()).withHeader("Content-Type", "application/json")
                .withHeader(c.pollHeader(), url("/operations/" + operation)).withHeader("Retry-After", "1")
                .withBody(c.accepted() == 201 ? c.before().replace("Succeeded", "Scaling") : "");
    }

    private static ResponseDefinitionBuilder status(String status) {
        return okJson("{\"status\":\"" + status + "\"" + (status.equals("Failed")
                ? ",\"error\":{\"code\":\"OperationFailed\",\"message\":\"the operation failed\"}" : "") + "}")
                .withHeader("Retry-After", "1");
    }

    private static ResponseDefinitionBuilder throttled() {
        return aResponse().withStatus(429).withHeader("Retry-After", "0").withHeader("Content-Type",
                "application/json").withBody("{\"error\":{\"code\":\"TooManyRequests\",\"message\":\"throttled\"}}");
    }

    private static String url(String path) {
        return "https://localhost:" + ARM.httpsPort() + path;
    }

    private static ExecutionContext context() {
        return new ExecutionContext("r-1", "{}", null);
    }

    static String cluster(String power) {
        return "{\"id\":\"" + AKS + "\",\"name\":\"aks-shop\",\"location\":\"westeurope\",\"properties\":"
                + "{\"provisioningState\":\"Succeeded\",\"powerState\":{\"code\":\"" + power + "\"}}}";
    }

    static String pool(int count) {
        return "{\"id\":\"" + AKS + "/agentPools/user\",\"name\":\"user\",\"properties\":{\"count\":" + count
                + ",\"mode\":\"User\",\"provisioningState\":\"Succeeded\"}}";
    }

    static String throughput(int ru) {
        return "{\"id\":\"" + COSMOS + "/sqlDatabases/orders/throughputSettings/default\",\"name\":\"default\","
                + "\"properties\":{\"resource\":{\"throughput\":" + ru + "}}}";
    }

    static String server(String role) {
        return "{\"id\":\"" + POSTGRES + "\",\"name\":\"pg-replica\",\"location\":\"westeurope\",\"properties\":"
                + "{\"replicationRole\":\"" + role + "\",\"state\":\"Ready\"}}";
    }

    /** The JDK's client trusting the fake's self-signed certificate (a test fixture only). */
    static HttpClient trustingFake() {
        try {
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, new TrustManager[] {new TrustingFake()}, null);
            return new JdkHttpClientBuilder(java.net.http.HttpClient.newBuilder().sslContext(ssl)
                    .version(java.net.http.HttpClient.Version.HTTP_1_1)).build();
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Accepts the fake's certificate for localhost. */
    static final class TrustingFake extends X509ExtendedTrustManager {
        public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) {
        }

        public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) {
        }

        public void checkClientTrusted(X509Certificate[] chain, String authType) {
        }

        public void checkServerTrusted(X509Certificate[] chain, String authType) {
        }

        public X509Certificate[] getAcceptedIssuers() {
            return new X509Certificate[0];
        }
    }
}
