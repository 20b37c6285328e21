package io.alertpilot.support.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The operators of the APIs under {@code /api/} ({@code alertpilot.api.users.<name>.*}): each with a bearer
 * {@code token} and/or a {@code password} for HTTP basic (user name = {@code <name>}), and its {@code roles}
 * ({@code viewer}, {@code responder}, {@code approver}, {@code admin}). Checked by {@link ConfiguredApiUsers}. Classes,
 * not records, so that no {@code toString} prints a secret.
 */
@ConfigurationProperties("alertpilot.api")
public class ApiUsersProperties {

    private Map<String, User> users = new LinkedHashMap<>();

    public Map<String, User> getUsers() {
        return users;
    }

    public void setUsers(Map<String, User> users) {
        this.users = users;
    }

    @Override
    public String toString() {
        return "ApiUsersProperties[users=" + users.keySet() + "]";
    }

    /** One operator: its secrets and role names as configured. */
    public static class User {

        private String token;
        private String password;
        private List<String> roles = new ArrayList<>();

        public String getToken() {
            return token;
        }

        public void setToken(String token) {
            this.token = token;
        }

        public String getPassword() {
            return password;
        }

        public void setPassword(String password) {
            this.password = password;
        }

        public List<String> getRoles() {
            return roles;
        }

        public void setRoles(List<String> roles) {
            this.roles = roles;
        }

        @Override
        public String toString() {
            return "User[token=" + (token == null ? "none" : "set") + ", password="
                    + (password == null ? "none" : "set") + ", roles=" + roles + "]";
        }
    }
}
