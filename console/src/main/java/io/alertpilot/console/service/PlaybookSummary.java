package io.alertpilot.console.service;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;

/**
 * One playbook in force, as remediation's {@code GET /api/v1/playbooks} describes it, in words for the playbooks page.
 *
 * @param match what alerts it acts on ({@code alertname in [...]}, and label patterns when remediation gives them)
 * @param actions its actions, in order
 * @param guards its guards in force as remediation gives them, or null when it gives none
 * @param dryRun {@code dry run} or {@code live} (followed by {@code (service default)} when the playbook leaves it
 *     to the service), or {@code service default} when remediation says no more
 */
public record PlaybookSummary(String name, String file, String match, List<String> actions, PlaybookGuards guards,
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
        JsonNode dryRun = node.path("dryRun");
        PlaybookGuards guards = PlaybookGuards.of(node.path("guards"));
        String dryRunText = dryRun.isBoolean() ? (dryRun.asBoolean() ? "dry run" : "live")
                : guards == null ? "service default" : (guards.dryRun() ? "dry run" : "live") + " (service default)";
        return new PlaybookSummary(node.path("name").asString(""), node.path("file").asString(""), match, actions,
                guards, dryRunText,
                node.path("approvalRequired").asBoolean(false));
    }
}
