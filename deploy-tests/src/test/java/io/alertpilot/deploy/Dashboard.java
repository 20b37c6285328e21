package io.alertpilot.deploy;

import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The PromQL of a Grafana dashboard: every panel target's {@code expr} and every query variable's query. */
final class Dashboard {

    private Dashboard() {
    }

    static List<String> queries(String json) {
        JsonNode dashboard = JsonMapper.builder().build().readTree(json);
        List<String> queries = new ArrayList<>();
        collectPanels(dashboard.path("panels"), queries);
        for (JsonNode variable : dashboard.path("templating").path("list")) {
            if ("query".equals(variable.path("type").asString())) {
                JsonNode query = variable.path("query");
                queries.add(query.isObject() ? query.path("query").asString() : query.asString());
            }
        }
        return queries;
    }

    private static void collectPanels(JsonNode panels, List<String> queries) {
        for (JsonNode panel : panels) {
            for (JsonNode target : panel.path("targets")) {
                if (target.hasNonNull("expr")) {
                    queries.add(target.path("expr").asString());
                }
            }
            collectPanels(panel.path("panels"), queries);
        }
    }
}
