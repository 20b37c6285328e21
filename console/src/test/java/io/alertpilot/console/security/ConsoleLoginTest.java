package io.alertpilot.console.security;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.support.web.ApiAuthProperties;
import io.alertpilot.support.web.ApiUsersProperties;
import io.alertpilot.support.web.ConfiguredApiUsers;
import io.alertpilot.support.web.Role;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConsoleLoginTest {

    static ConsoleLogin login() {
        ApiAuthProperties shared = new ApiAuthProperties();
        shared.setTokens(List.of("shared-token"));
        ApiUsersProperties users = new ApiUsersProperties();
        ApiUsersProperties.User rita = new ApiUsersProperties.User();
        rita.setToken("rita-token");
        rita.setRoles(List.of("viewer", "responder"));
        ApiUsersProperties.User bob = new ApiUsersProperties.User();
        bob.setPassword("bob-password");
        bob.setRoles(List.of("viewer"));
        users.setUsers(Map.of("rita", rita, "bob", bob));
        return new ConsoleLogin(new ConfiguredApiUsers(shared, users));
    }

    @Test
    void aTokenLogsInItsUserWhoseCredentialIsKeptForTheServices() {
        ConsoleUser rita = login().login(" rita-token ", null, null).orElseThrow();
        assertThat(rita.name()).isEqualTo("rita");
        assertThat(rita.roles()).containsExactly(Role.VIEWER, Role.RESPONDER);
        assertThat(rita.credential().authorization()).isEqualTo("Bearer rita-token");
        assertThat(rita.toString()).doesNotContain("rita-token");
        assertThat(rita.credential().toString()).doesNotContain("rita-token");
    }

    @Test
    void theSharedTokenIsTheAdminUserApiWithEveryRole() {
        ConsoleUser api = login().login("shared-token", null, null).orElseThrow();
        assertThat(api.name()).isEqualTo("api");
        assertThat(api.roles()).containsExactly(Role.values());
    }

    @Test
    void aNameAndPasswordLogInAsHttpBasic() {
        ConsoleUser bob = login().login("", "bob", "bob-password").orElseThrow();
        assertThat(bob.name()).isEqualTo("bob");
        assertThat(bob.canRespond()).isFalse();
        assertThat(bob.credential().authorization()).startsWith("Basic ");
    }

    @Test
    void wrongOrMissingCredentialsLogNobodyIn() {
        assertThat(login().login("nope", null, null)).isEmpty();
        assertThat(login().login(null, "bob", "wrong")).isEmpty();
        assertThat(login().login(null, "rita", "rita-token")).isEmpty();
        assertThat(login().login(null, null, null)).isEmpty();
    }
}
