package io.alertpilot.console.service;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One playbook in force, as remediation's {@code GET /api/v1/playbooks} describes it, in words for the playbooks page.
 *
 * @param match what alerts it acts on ({@code alertname in [...]}, and label patterns when remediation gives them)
 * @param actions its actions, in order
 * @param guards its guards in words as remediation gives them, or null when it gives none
 * @param dryRun {@code dry run}, {@code live} or {@code service default}
 */
public record PlaybookSummary(String name, String file, String match, List<String> actions, String guards,
        String dryRun, boolean approvalRequired) {

    public PlaybookSummary {
        actions = List.copyOf(actions);
    }

    /** The summary of one item of remediation's answer; fields it does not give read as unknown. */
    static PlaybookSummary of(JsonNode node) {
        List<String> actions = new ArrayList<>();
        node.path("actions").forEach(action -> actions.add(action.isValueNode() ? action.asString()
                : action.toString()));
        List<String> alertNames = new ArrayList<>();
        node.path("alertNames").forEach(name -> alertNames.add(name.asString()));
        String match = alertNames.isEmpty() ? "any alert" : "alertname in " + String.join(", ", alertNames);
        JsonNode labels = node.path("labels");
        if (labels.isObject() && !labels.isEmpty()) {
            match += "; labels " + labels;
        }
        JsonNode guards = node.path("guards");
        JsonNode dryRun = node.path("dryRun");
        return new PlaybookSummary(node.path("name").asString(""), node.path("file").asString(""), match, actions,
                guards.isMissingNode() || guards.isNull() ? null : guards.isValueNode() ? guards.asString()
                        : guards.toString(),
                dryRun.isBoolean() ? (dryRun.asBoolean() ? "dry run" : "live") : "service default",
                node.path("approvalRequired").asBoolean(false));
    }
}
