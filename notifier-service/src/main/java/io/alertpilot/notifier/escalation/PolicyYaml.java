package io.alertpilot.notifier.escalation;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One escalation policy as written in a file, the shape Jackson binds (unknown keys refused); {@link PolicyReader}
 * checks it and turns it into a {@link Policy}. The file's JSON Schema ({@code schemas/policy.schema.json})
 * describes the same shape.
 */
record PolicyYaml(
        String name,
        Match match,
        List<StepYaml> steps,
        Integer repeat,
        Duration repeatInterval,
        ContactYaml fallback,
        List<ContactYaml> approvers,
        List<ContactYaml> info,
        Duration remediationGrace,
        Duration ackWithin,
        Duration resolveWithin,
        Duration updateEvery,
        List<ContactYaml> breachNotify,
        List<ContactYaml> updateNotify,
        String group,
        List<String> groupBy) {

    record Match(List<String> severity, List<String> alertname, Map<String, String> labels, List<String> matchers,
            List<String> priority) {
    }

    record StepYaml(Duration after, @JsonProperty("notify") List<ContactYaml> contacts, String level) {
    }

    /** {@code { channel: recipient }}, exactly one entry. */
    record ContactYaml(String channel, String to) {

        private static final String SHAPE = "must be one channel and its recipient, like { slack: incidents }";

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static ContactYaml of(Map<String, String> one) {
            if (one.size() != 1) {
                throw new IllegalArgumentException(SHAPE);
            }
            Map.Entry<String, String> entry = one.entrySet().iterator().next();
            return new ContactYaml(entry.getKey(), entry.getValue());
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static ContactYaml of(String text) {
            throw new IllegalArgumentException(SHAPE + ", not '" + text + "'");
        }
    }
}
