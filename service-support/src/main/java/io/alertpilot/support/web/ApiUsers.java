package io.alertpilot.support.web;

import java.util.Optional;

/**
 * The operators configured under {@code alertpilot.api.users.*}, by name: what an identity from elsewhere (a Slack user
 * mapped to an AlertPilot user) is allowed to do. Thread safe.
 */
public interface ApiUsers {

    /** The user called {@code name}, if configured. */
    Optional<ApiUser> named(String name);
}
