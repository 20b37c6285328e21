package io.alertpilot.remediation.playbook;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * One playbook as written in a file, the shape Jackson binds (unknown keys refused); {@link PlaybookLoader} checks
 * it and turns it into a {@link Playbook}. The file's JSON Schema ({@code schemas/playbook.schema.json}) describes
 * the same shape.
 *
 * @param steps the ladder, exclusive with {@code actions}
 * @param onFailure bound only to refuse it with a message: a failed action always reaches a human
 */
record PlaybookYaml(
        String name,
        String description,
        Match match,
        Target target,
        List<ActionItem> actions,
        List<StepItem> steps,
        Guard guard,
        Verify verify,
        Approval approval,
        Boolean dryRun,
        @Deprecated Object onFailure,
        Integer order,
        @JsonProperty("continue") Boolean continueMatching,
        Boolean diagnose) {

    /**
     * @param matchers Alertmanager matchers over the labels ({@code team!=infra}, {@code env=~"prod|staging"})
     * @param annotations Alertmanager matchers over the annotations
     * @param priority raw priorities ({@code P1}, {@code Sev1}, {@code SEV-1}), any of which matches
     */
    record Match(List<String> alertname, Map<String, String> labels, List<String> severity, List<String> source,
            String status, List<String> matchers, List<String> annotations, List<String> priority) {
    }

    record Target(String cluster, String kind, String namespace, String name) {
    }

    record Guard(Duration cooldown, Integer maxAttempts, Duration window, Flapping flapping, Integer minReadyReplicas) {
    }

    record Flapping(Integer maxTransitions, Duration window) {
    }

    record Verify(Duration rolloutTimeout, Duration timeout) {
    }

    /** {@code approval: required | none | true | false | { required, timeout }}. */
    record Approval(Boolean required, Duration timeout) {

        @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
        Approval {
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Approval of(String word) {
            return switch (word) {
                case "required", "true" -> new Approval(true, null);
                case "none", "false" -> new Approval(false, null);
                default -> throw new IllegalArgumentException("must be 'required', 'none', true, false or a map "
                        + "{ required, timeout }, not '" + word + "'");
            };
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static Approval of(boolean required) {
            return new Approval(required, null);
        }
    }

    /**
     * One step of a ladder: {@code action} (one item) or {@code actions} (a list), {@code holdFor},
     * {@code otherwise: next | escalate | stop} and its own {@code approval}.
     */
    record StepItem(List<ActionItem> actions, ActionItem action, Duration holdFor, String otherwise,
            Approval approval) {
    }

    /** One action: {@code - restart}, {@code - restart: {}} or {@code - scale: { by: 2, max: 10 }}. */
    record ActionItem(String type, ActionParams params) {

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static ActionItem of(String type) {
            return new ActionItem(type, ActionParams.NONE);
        }

        @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
        static ActionItem of(Map<String, ActionParams> one) {
            if (one.size() != 1) {
                throw new IllegalArgumentException("must name exactly one action (" + String.join(", ",
                        ActionType.names()) + ")");
            }
            Map.Entry<String, ActionParams> entry = one.entrySet().iterator().next();
            return new ActionItem(entry.getKey(), entry.getValue() == null ? ActionParams.NONE : entry.getValue());
        }
    }

    /** Every parameter any action takes; which of them a type accepts is checked after binding. */
    record ActionParams(Integer to, Integer by, Integer min, Integer max, Integer toRevision,
            Map<String, String> selector, Boolean revertOnRecovery, String pod, String node, String url,
            String method, Boolean allowZero, String scaledObject, String cronJob, Duration evictionTimeout,
            String body, Map<String, String> headers, String tokenFile, String hpa, Boolean ingress, Boolean egress,
            Boolean removeOnRecovery, String nodePool, String database, String container, Map<String, String> promote,
            Integer logLines) {

        static final ActionParams NONE = new ActionParams(null, null, null, null, null, null, null, null, null, null,
                null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);

        /** The names of the parameters given, in declaration order. */
        List<String> given() {
            List<String> names = new ArrayList<>();
            Object[] values = {to, by, min, max, toRevision, selector, revertOnRecovery, pod, node, url, method,
                allowZero, scaledObject, cronJob, evictionTimeout, body, headers, tokenFile, hpa, ingress, egress,
                removeOnRecovery, nodePool, database, container, promote, logLines};
            String[] keys = {"to", "by", "min", "max", "toRevision", "selector", "revertOnRecovery", "pod", "node",
                    "url", "method", "allowZero", "scaledObject", "cronJob", "evictionTimeout", "body", "headers",
                    "tokenFile", "hpa", "ingress", "egress", "removeOnRecovery", "nodePool", "database", "container",
                    "promote", "logLines"};
            for (int i = 0; i < keys.length; i++) {
                if (values[i] != null) {
                    names.add(keys[i]);
                }
            }
            return names;
        }
    }
}
