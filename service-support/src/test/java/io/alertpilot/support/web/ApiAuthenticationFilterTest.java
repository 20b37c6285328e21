package io.alertpilot.support.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.kafka.Json;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;

class ApiAuthenticationFilterTest {

    private static ApiAuthenticationFilter filter(boolean enabled) {
        ApiAuthProperties shared = new ApiAuthProperties();
        shared.setEnabled(enabled);
        shared.setTokens(List.of("shared-token"));
        ApiUsersProperties configured = new ApiUsersProperties();
        Map<String, ApiUsersProperties.User> users = new LinkedHashMap<>();
        users.put("bob", user("bob-token", "viewer"));
        users.put("carol", user("carol-token", "viewer", "responder"));
        configured.setUsers(users);
        return new ApiAuthenticationFilter(shared, new ConfiguredApiUsers(shared, configured),
                List.of(new SelfAuthenticatedPaths(List.of("/api/v1/webhooks/pagerduty"))));
    }

    private static ApiUsersProperties.User user(String token, String... roles) {
        ApiUsersProperties.User user = new ApiUsersProperties.User();
        user.setToken(token);
        user.setRoles(List.of(roles));
        return user;
    }

    private record Outcome(MockHttpServletResponse response, MockFilterChain chain) {

        String principal() {
            var request = (jakarta.servlet.http.HttpServletRequest) chain.getRequest();
            return request == null || request.getUserPrincipal() == null ? null : request.getUserPrincipal().getName();
        }

        JsonNode problem() throws Exception {
            return Json.mapper().readTree(response.getContentAsByteArray());
        }
    }

    private static Outcome call(ApiAuthenticationFilter filter, String method, String path, String authorization)
            throws Exception {
        MockHttpServletRequest request = new MockHttpServletRequest(method, path);
        if (authorization != null) {
            request.addHeader("Authorization", authorization);
        }
        MockHttpServletResponse response = new MockHttpServletResponse();
        MockFilterChain chain = new MockFilterChain();
        filter.doFilter(request, response, chain);
        return new Outcome(response, chain);
    }

    @Test
    void aUserWithoutTheRoleGetsAProblemNamingIt() throws Exception {
        Outcome outcome = call(filter(true), "POST", "/api/v1/incidents/x/acknowledge", "Bearer bob-token");

        assertThat(outcome.response().getStatus()).isEqualTo(403);
        assertThat(outcome.chain().getRequest()).isNull();
        assertThat(outcome.response().getContentType()).isEqualTo("application/problem+json");
        JsonNode problem = outcome.problem();
        assertThat(problem.path("role").asString()).isEqualTo("responder");
        assertThat(problem.path("type").asString()).isEqualTo("urn:alertpilot:problem:forbidden");
        assertThat(problem.path("title").asString()).isEqualTo("Forbidden");
        assertThat(problem.path("detail").asString())
                .isEqualTo("user bob lacks role responder for POST /api/v1/incidents/x/acknowledge");
    }

    @Test
    void anAdmittedRequestsPrincipalIsTheUser() throws Exception {
        ApiAuthenticationFilter filter = filter(true);

        assertThat(call(filter, "POST", "/api/v1/incidents/x/acknowledge", "Bearer carol-token").principal())
                .isEqualTo("carol");
        assertThat(call(filter, "GET", "/api/v1/incidents", "Bearer bob-token").principal()).isEqualTo("bob");
        assertThat(call(filter, "POST", "/api/v1/remediations/r/approve", "Bearer shared-token").principal())
                .isEqualTo("api");
        var request = (jakarta.servlet.http.HttpServletRequest) call(filter, "GET", "/api/v1/incidents",
                "Bearer carol-token").chain().getRequest();
        assertThat(request.isUserInRole("responder")).isTrue();
        assertThat(request.isUserInRole("approver")).isFalse();
    }

    @Test
    void aMissingOrWrongCredentialIsUnauthorized() throws Exception {
        ApiAuthenticationFilter filter = filter(true);

        for (String authorization : new String[] {null, "Bearer nope"}) {
            Outcome outcome = call(filter, "GET", "/api/v1/incidents", authorization);
            assertThat(outcome.response().getStatus()).isEqualTo(401);
            assertThat(outcome.response().getHeaders("WWW-Authenticate")).hasSize(2);
            assertThat(outcome.problem().path("reason").asString()).isEqualTo("unauthorized");
        }
    }

    @Test
    void healthWebhooksAndDisabledAuthenticationAreLeftAsTheyWere() throws Exception {
        ApiAuthenticationFilter filter = filter(true);

        assertThat(call(filter, "GET", "/actuator/health", null).principal()).isNull();
        assertThat(call(filter, "GET", "/actuator/health", "Bearer bob-token").principal()).isEqualTo("bob");
        assertThat(call(filter, "POST", "/api/v1/webhooks/pagerduty", null).response().getStatus()).isEqualTo(200);
        Outcome open = call(filter(false), "POST", "/api/v1/maintenance-windows", null);
        assertThat(open.response().getStatus()).isEqualTo(200);
        assertThat(open.principal()).isNull();
    }
}
