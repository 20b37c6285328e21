package io.alertpilot.support.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.core.env.SystemEnvironmentPropertySource;

class ConfiguredApiUsersTest {

    private static ApiUsersProperties.User user(String token, String password, String... roles) {
        ApiUsersProperties.User user = new ApiUsersProperties.User();
        user.setToken(token);
        user.setPassword(password);
        user.setRoles(List.of(roles));
        return user;
    }

    private static ConfiguredApiUsers users(ApiAuthProperties shared, Map<String, ApiUsersProperties.User> users) {
        ApiUsersProperties properties = new ApiUsersProperties();
        properties.setUsers(new LinkedHashMap<>(users));
        return new ConfiguredApiUsers(shared, properties);
    }

    private static ApiAuthProperties shared(String token) {
        ApiAuthProperties shared = new ApiAuthProperties();
        shared.setTokens(List.of(token));
        shared.setUsers(Map.of("ops", "ops-password"));
        return shared;
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void eachCredentialAuthenticatesItsOwnUserWithItsRoles() {
        ConfiguredApiUsers users = users(shared("shared-token"), Map.of(
                "bob", user("bob-token", null, "viewer"),
                "carol", user(null, "carol-password", "responder", "Approver")));

        assertThat(users.authenticate("Bearer bob-token")).get().isEqualTo(new ApiUser("bob", Set.of(Role.VIEWER)));
        assertThat(users.authenticate(basic("carol", "carol-password"))).get()
                .isEqualTo(new ApiUser("carol", Set.of(Role.RESPONDER, Role.APPROVER)));
        assertThat(users.authenticate("Bearer shared-token")).get().extracting(ApiUser::name).isEqualTo("api");
        assertThat(users.authenticate("Bearer shared-token").get().has(Role.APPROVER)).isTrue();
        assertThat(users.authenticate(basic("ops", "ops-password"))).get()
                .isEqualTo(new ApiUser("ops", Set.of(Role.ADMIN)));
        assertThat(users.authenticate("Bearer carol-password")).isEmpty();
        assertThat(users.authenticate(basic("bob", "bob-token"))).isEmpty();
        assertThat(users.authenticate(basic("carol", "bob-token"))).isEmpty();
        assertThat(users.authenticate("Bearer bob-token1")).isEmpty();
        assertThat(users.authenticate(null)).isEmpty();
    }

    @Test
    void usersAreFoundByNameWithoutSecrets() {
        ConfiguredApiUsers users = users(shared("shared-token"), Map.of("bob", user("bob-token", null, "viewer")));

        assertThat(users.named("bob")).get().isEqualTo(new ApiUser("bob", Set.of(Role.VIEWER)));
        assertThat(users.named("api")).get().extracting(ApiUser::roles).isEqualTo(Set.of(Role.ADMIN));
        assertThat(users.named("nobody")).isEmpty();
        assertThat(users.named(null)).isEmpty();
        assertThat(users.names()).containsExactlyInAnyOrder("api", "ops", "bob");
    }

    @Test
    void withoutSharedTokenThereIsNoApiUser() {
        ConfiguredApiUsers users = users(new ApiAuthProperties(), Map.of("bob", user("bob-token", null, "admin")));

        assertThat(users.named("api")).isEmpty();
        assertThat(users.none()).isFalse();
        assertThat(users(new ApiAuthProperties(), Map.of()).none()).isTrue();
    }

    @Test
    void anUnknownRoleFailsNamingTheKeyAndTheKnownRoles() {
        assertThatThrownBy(() -> users(new ApiAuthProperties(), Map.of("bob", user("t", null, "viewer", "boss"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("alertpilot.api.users.bob.roles: 'boss' is not a role; known are viewer, responder, "
                        + "approver, admin");
        assertThatThrownBy(() -> users(new ApiAuthProperties(), Map.of("bob", user("t", null))))
                .hasMessageContaining("alertpilot.api.users.bob.roles is empty");
    }

    @Test
    void aUserWithoutSecretFailsNamingTheKeys() {
        assertThatThrownBy(() -> users(new ApiAuthProperties(), Map.of("bob", user(" ", "", "viewer"))))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("alertpilot.api.users.bob has neither a token nor a password")
                .hasMessageContaining("alertpilot.api.users.bob.token").hasMessageContaining("alertpilot.api.users.bob.password");
    }

    @Test
    void namesAndTokensAreNotShared() {
        assertThatThrownBy(() -> users(shared("shared-token"), Map.of("api", user("x", null, "viewer"))))
                .hasMessageContaining("alertpilot.api.users.api: the user name api is taken by the shared token");
        assertThatThrownBy(() -> users(shared("shared-token"), Map.of("ops", user("x", null, "viewer"))))
                .hasMessageContaining("taken by alertpilot.api.auth.users.ops");
        assertThatThrownBy(() -> users(shared("shared-token"), Map.of("bob", user("shared-token", null, "viewer"))))
                .hasMessage("alertpilot.api.users.bob.token is the same as alertpilot.api.auth.tokens: every user "
                        + "needs a token of its own")
                .satisfies(e -> assertThat(e.getMessage()).doesNotContain("shared-token"));
    }

    @Test
    void usersBindFromEnvironmentVariablesAsTheReadmeShows() {
        SystemEnvironmentPropertySource environment = new SystemEnvironmentPropertySource("systemEnvironment", Map.of(
                "ALERTPILOT_API_USERS_VIC_TOKEN", "vic-token", "ALERTPILOT_API_USERS_VIC_ROLES", "viewer",
                "ALERTPILOT_API_USERS_RITA_PASSWORD", "rita-password",
                "ALERTPILOT_API_USERS_RITA_ROLES", "viewer,responder"));
        ApiUsersProperties bound = new Binder(ConfigurationPropertySources.from(environment))
                .bind("alertpilot.api", ApiUsersProperties.class).get();

        ConfiguredApiUsers users = new ConfiguredApiUsers(new ApiAuthProperties(), bound);

        assertThat(users.authenticate("Bearer vic-token")).get().isEqualTo(new ApiUser("vic", Set.of(Role.VIEWER)));
        assertThat(users.authenticate(basic("rita", "rita-password"))).get()
                .isEqualTo(new ApiUser("rita", Set.of(Role.VIEWER, Role.RESPONDER)));
    }

    @Test
    void noToStringPrintsASecret() {
        ApiUsersProperties properties = new ApiUsersProperties();
        properties.setUsers(Map.of("bob", user("bob-secret-token", "bob-secret-password", "viewer")));

        assertThat(properties.toString() + properties.getUsers().get("bob"))
                .contains("bob").doesNotContain("bob-secret-token").doesNotContain("bob-secret-password");
        assertThat(users(shared("shared-token"), properties.getUsers()).named("bob").orElseThrow().toString())
                .doesNotContain("secret");
    }
}
