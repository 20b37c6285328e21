package io.alertpilot.console.service;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import tools.jackson.databind.JsonNode;

/**
 * The guards in force for one playbook, as remediation's {@code GET /api/v1/playbooks} gives them in each summary's
 * {@code guards}. A value remediation leaves out (or gives in a form not understood) is null.
 *
 * @param cooldown the least time between two actions on one target
 * @param maxAttempts the most actions on one target within {@code window}
 * @param flapTransitions more FIRING/RESOLVED changes than this within {@code flapWindow} make the alert flapping
 * @param minReadyReplicas the fewest ready replicas a restart or pod deletion may leave
 * @param minReplicas the fewest replicas its scale action may leave; null when it does not scale
 * @param maxReplicas the most replicas its scale action may reach; null when it does not scale
 * @param rateLimit the most actions the whole of remediation starts per {@code ratePeriod}
 * @param approvalTimeout how long an approval may wait, when one is required
 * @param dryRun true when its actions are only planned
 */
public record PlaybookGuards(Duration cooldown, Integer maxAttempts, Duration window, Integer flapTransitions,
        Duration flapWindow, Integer minReadyReplicas, Integer minReplicas, Integer maxReplicas, Integer rateLimit,
        Duration ratePeriod, boolean approvalRequired, Duration approvalTimeout, boolean dryRun) {

    /** The guards of one summary's {@code guards} object; null when it is not an object (an older remediation). */
    static PlaybookGuards of(JsonNode guards) {
        if (guards == null || !guards.isObject()) {
            return null;
        }
        return new PlaybookGuards(duration(guards, "cooldown"), number(guards, "maxAttempts"),
                duration(guards, "window"), number(guards, "flapTransitions"), duration(guards, "flapWindow"),
                number(guards, "minReadyReplicas"), number(guards, "minReplicas"), number(guards, "maxReplicas"),
                number(guards, "rateLimit"), duration(guards, "ratePeriod"),
                guards.path("approvalRequired").asBoolean(false), duration(guards, "approvalTimeout"),
                guards.path("dryRun").asBoolean(false));
    }

    private static Integer number(JsonNode guards, String field) {
        JsonNode value = guards.path(field);
        return value.isIntegralNumber() ? value.asInt() : null;
    }

    private static Duration duration(JsonNode guards, String field) {
        JsonNode value = guards.path(field);
        if (!value.isString()) {
            return null;
        }
        try {
            return Duration.parse(value.asString());
        } catch (DateTimeParseException e) {
            return null;
        }
    }
}
