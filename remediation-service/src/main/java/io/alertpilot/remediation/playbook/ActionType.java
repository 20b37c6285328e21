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
    SCALE_KEDA("scale-keda"),
    RUN_JOB("run-job"),
    DRAIN("drain"),
    PATCH_HPA("patch-hpa"),
    ISOLATE("isolate"),
    AKS_START("aks-start"),
    AKS_SCALE_NODEPOOL("aks-scale-nodepool"),
    COSMOS_THROUGHPUT("cosmos-throughput"),
    POSTGRES_PROMOTE("postgres-promote"),
    DIAGNOSE("diagnose");

    private final String yamlName;

    ActionType(String yamlName) {
        this.yamlName = yamlName;
    }

    /** The name in YAML, on events and in metric tags. */
    public String yamlName() {
        return yamlName;
    }

    /** True for the actions on an Azure resource (target kind {@code AzureResource}), carried out through Azure. */
    public boolean azure() {
        return this == AKS_START || this == AKS_SCALE_NODEPOOL || this == COSMOS_THROUGHPUT || this == POSTGRES_PROMOTE;
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
