package io.alertpilot.support.web;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What an operator may do through the APIs (and the buttons that call them). {@link #ADMIN} holds every other role.
 */
public enum Role {

    /** Reads: incidents, remediations, playbooks, windows, evaluate and preview (nothing changes). */
    VIEWER,
    /** Acknowledges and resolves incidents. */
    RESPONDER,
    /** Approves and rejects remediations that wait for approval. */
    APPROVER,
    /** Maintenance windows and pause, and everything the other roles may do. */
    ADMIN;

    /** The name used in configuration and in problems: {@code viewer}, {@code responder}, ... */
    public String configName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * The role named {@code name} (case ignored).
     *
     * @throws IllegalArgumentException naming the known roles when there is none of that name
     */
    public static Role named(String name) {
        for (Role role : values()) {
            if (role.configName().equalsIgnoreCase(name == null ? "" : name.trim())) {
                return role;
            }
        }
        throw new IllegalArgumentException("'" + name + "' is not a role; known are "
                + Arrays.stream(values()).map(Role::configName).collect(Collectors.joining(", ")));
    }
}
