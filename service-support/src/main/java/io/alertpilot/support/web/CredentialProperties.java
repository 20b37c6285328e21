package io.alertpilot.support.web;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Bearer tokens and HTTP basic users (name to password). A class, not a record, so that no {@code toString} can
 * print a secret: it shows counts and user names only.
 */
public class CredentialProperties {

    private List<String> tokens = new ArrayList<>();
    private Map<String, String> users = new LinkedHashMap<>();

    public List<String> getTokens() {
        return tokens;
    }

    public void setTokens(List<String> tokens) {
        this.tokens = tokens;
    }

    public Map<String, String> getUsers() {
        return users;
    }

    public void setUsers(Map<String, String> users) {
        this.users = users;
    }

    @Override
    public String toString() {
        return getClass().getSimpleName() + "[tokens=" + tokens.size() + ", users=" + users.keySet() + "]";
    }
}
