package io.alertpilot.remediation.playbook;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;

/** The kinds of action a playbook can take, with the name used in YAML, events and metric tags. */
public enum ActionType {
    RESTART("restart"),
    DELETE_POD("delete-pod"),
    SCALE("scale"),
    ROLLBACK("rollback"),
    FAILOVER("failover"),
    CORDON("cordon"),
    WEBHOOK("webhook"),
    ESCALATE("escalate"),
    DIAGNOSE("diagnose");

    private final String yamlName;

    ActionType(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name in YAML, on events and in metric tags. */
    public String yamlName() {
        return yamlName;
    }

    /** The type called {@code name} in YAML. */
    public static Optional<ActionType> byName(String name) {
        return Arrays.stream(values()).filter(t -> t.yamlName.equals(name)).findFirst();
    }

    /** Every YAML name, for messages. */
    public static List<String> names() {
        return Arrays.stream(values()).map(ActionType::yamlName).toList();
    }
}
