package io.alertpilot.remediation.playbook;

import io.alertpilot.remediation.playbook.PlaybookYaml.ActionItem;
import io.alertpilot.remediation.playbook.PlaybookYaml.ActionParams;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Checks a playbook's bound actions (parameters per type, bounds, webhook URLs) and that they fit its target. */
final class ActionReader {

    private static final Set<String> WORKLOADS = Set.of("Deployment", "StatefulSet", "DaemonSet");
    /** The log lines a {@code diagnose} keeps when it does not say. */
    static final int DEFAULT_LOG_LINES = 50;
    /** The most log lines a {@code diagnose} may keep. */
    static final int MAX_LOG_LINES = 500;

    private ActionReader() {
    }

    /** The actions that passed their checks; every problem is noted in {@code check}. */
    static List<ActionSpec> actions(List<ActionItem> items, ItemCheck check) {
        return actions(items, check, "actions");
    }

    /** The actions written under {@code field} ({@code actions}, {@code steps[1].actions}) that passed their checks. */
    static List<ActionSpec> actions(List<ActionItem> items, ItemCheck check, String field) {
        if (items == null || items.isEmpty()) {
            check.report(field, "is required: a list of at least one action ("
                    + String.join(", ", ActionType.names()) + ")");
            return List.of();
        }
        List<ActionSpec> actions = new ArrayList<>();
        for (int i = 0; i < items.size(); i++) {
            ActionItem item = items.get(i);
            // one item written as `action:` is named without an index
            String path = (field.endsWith(".action") ? field : field + "[" + i + "]") + "." + item.type();
            Optional<ActionType> type = ActionType.byName(item.type());
            if (type.isEmpty()) {
                check.report(path, "is not an action; known are " + String.join(", ", ActionType.names()));
            } else {
                actions.add(action(type.get(), item.params(), check, path));
            }
        }
        return actions;
    }

    private static ActionSpec action(ActionType type, ActionParams raw, ItemCheck check, String path) {
        Set<String> allowed = switch (type) {
            case RESTART, ESCALATE -> Set.of();
            case DELETE_POD -> Set.of("pod");
            case SCALE -> Set.of("to", "by", "min", "max", "allowZero");
            case ROLLBACK -> Set.of("toRevision");
            case FAILOVER -> Set.of("selector", "revertOnRecovery", "promote");
            case CORDON -> Set.of("node");
            case WEBHOOK -> Set.of("url", "method", "body", "headers", "tokenFile");
            case SCALE_KEDA -> Set.of("min", "max", "scaledObject");
            case RUN_JOB -> Set.of("cronJob");
            case DRAIN -> Set.of("node", "evictionTimeout");
            case PATCH_HPA -> Set.of("min", "max", "hpa", "revertOnRecovery");
            case ISOLATE -> Set.of("ingress", "egress", "removeOnRecovery");
            case AKS_START, POSTGRES_PROMOTE -> Set.of();
            case AKS_SCALE_NODEPOOL -> Set.of("nodePool", "to", "by", "min", "max");
            case COSMOS_THROUGHPUT -> Set.of("database", "container", "to", "by", "min", "max");
            case DIAGNOSE -> Set.of("logLines");
        };
        for (String key : raw.given()) {
            if (!allowed.contains(key)) {
                check.report(path + "." + key, allowed.isEmpty() ? "is not known: this takes no parameters"
                        : "is not known; known are " + String.join(", ", allowed.stream().sorted().toList()));
            }
        }
        Map<String, String> params = new LinkedHashMap<>();
        Map<String, String> selector = new LinkedHashMap<>();
        switch (type) {
            case SCALE -> scale(raw, check, path, params);
            case ROLLBACK -> {
                Integer revision = check.atLeast(raw.toRevision(), 1, path + ".toRevision");
                if (revision != null) {
                    params.put("toRevision", revision.toString());
                }
            }
            case FAILOVER -> {
                if (raw.selector() == null) {
                    check.report(path + ".selector", "is required: the labels of the pods to switch the Service to");
                } else if (raw.selector().isEmpty()) {
                    check.report(path + ".selector", "must hold at least one label");
                } else {
                    selector.putAll(raw.selector());
                }
                params.put("revertOnRecovery", Boolean.toString(Boolean.TRUE.equals(raw.revertOnRecovery())));
                AzureActionReader.promote(raw.promote(), check, path, params);
            }
            case DELETE_POD -> putTemplate(params, "pod", raw.pod(), check, path);
            case CORDON -> putTemplate(params, "node", raw.node(), check, path);
            case WEBHOOK -> {
                webhook(raw, check, path, params);
                WebhookParams.check(raw, check, path, params);
            }
            case SCALE_KEDA -> {
                WorkActionReader.scaleKeda(raw, check, path, params);
                putTemplate(params, "scaledObject", raw.scaledObject(), check, path);
            }
            case RUN_JOB -> putTemplate(params, "cronJob", raw.cronJob(), check, path);
            case DRAIN -> {
                putTemplate(params, "node", raw.node(), check, path);
                WorkActionReader.drain(raw, check, path, params);
            }
            case PATCH_HPA -> ReversibleActionReader.patchHpa(raw, check, path, params);
            case ISOLATE -> ReversibleActionReader.isolate(raw, check, path, params);
            case AKS_SCALE_NODEPOOL -> {
                AzureActionReader.name(raw.nodePool(), "nodePool", "the node pool's name", check, path, params);
                scale(raw, check, path, params);
            }
            case COSMOS_THROUGHPUT -> {
                AzureActionReader.name(raw.database(), "database", "the SQL database's name", check, path, params);
                if (raw.container() != null) {
                    AzureActionReader.name(raw.container(), "container", null, check, path, params);
                }
                AzureActionReader.throughputBounds(raw, check, path);
                scale(raw, check, path, params);
            }
            case DIAGNOSE -> params.put("logLines", Integer.toString(logLines(raw.logLines(), check, path)));
            case RESTART, ESCALATE, AKS_START, POSTGRES_PROMOTE -> {
            }
        }
        return new ActionSpec(type, params, selector);
    }

    /** A diagnosis's {@code logLines}: 1 to {@value #MAX_LOG_LINES}, default {@value #DEFAULT_LOG_LINES}. */
    private static int logLines(Integer given, ItemCheck check, String path) {
        if (given == null) {
            return DEFAULT_LOG_LINES;
        }
        if (given < 1 || given > MAX_LOG_LINES) {
            check.report(path + ".logLines", given + " is outside 1.." + MAX_LOG_LINES
                    + ": the lines of the crashing container's previous log to keep");
            return DEFAULT_LOG_LINES;
        }
        return given;
    }

    private static void scale(ActionParams raw, ItemCheck check, String path, Map<String, String> params) {
        boolean allowZero = Boolean.TRUE.equals(raw.allowZero());
        Integer to = WorkActionReader.zeroAllowed(check.atLeast(raw.to(), 0, path + ".to"), allowZero, check,
                path + ".to");
        Integer min = WorkActionReader.zeroAllowed(check.atLeast(raw.min(), 0, path + ".min"), allowZero, check,
                path + ".min");
        Integer max = check.atLeast(raw.max(), 0, path + ".max");
        if ((raw.to() == null) == (raw.by() == null)) {
            check.report(path, "needs exactly one of 'to' (a replica count) or 'by' (a change, may be negative)");
        }
        if (raw.max() == null) {
            check.report(path + ".max", "is required: the most replicas a scale may reach");
        }
        int lower = min != null ? min : to != null && to == 0 ? 0 : 1;
        if (max != null && lower > max) {
            check.report(path + ".min", "min " + lower + " is larger than max " + max);
        } else if (max != null && to != null && (to < lower || to > max)) {
            check.report(path + ".to", to + " is outside min " + lower + " and max " + max);
        }
        if (raw.by() != null && raw.by() == 0) {
            check.report(path + ".by", "must not be 0");
        }
        if (to != null) {
            params.put("to", to.toString());
        } else if (raw.by() != null) {
            params.put("by", raw.by().toString());
        }
        params.put("min", Integer.toString(lower));
        if (max != null) {
            params.put("max", max.toString());
        }
        if (allowZero) {
            params.put("allowZero", "true");
        }
    }

    /**
     * Bounds an action sets on an object ({@code patch-hpa}, {@code scale-keda}): {@code min} (at least
     * {@code lowestMin}) and {@code max} (at least 1), one or both, {@code min} not above {@code max}; each given one
     * is put into {@code params}, and {@code needs} is the problem when neither is written.
     */
    static void bounds(ActionParams raw, ItemCheck check, String path, Map<String, String> params, int lowestMin,
            String needs) {
        Integer min = check.atLeast(raw.min(), lowestMin, path + ".min");
        Integer max = check.atLeast(raw.max(), 1, path + ".max");
        if (raw.min() == null && raw.max() == null) {
            check.report(path, needs);
        }
        if (min != null && max != null && min > max) {
            check.report(path + ".min", "min " + min + " is larger than max " + max);
        }
        if (min != null) {
            params.put("min", min.toString());
        }
        if (max != null) {
            params.put("max", max.toString());
        }
    }

    private static void webhook(ActionParams raw, ItemCheck check, String path, Map<String, String> params) {
        String url = raw.url();
        if (url == null || url.isBlank()) {
            check.report(path + ".url", "is required: an absolute http or https URL");
        } else if (url.contains("{{")) {
            check.report(path + ".url", "must be literal: a webhook URL taken from alert labels could call anywhere");
        } else {
            try {
                URI uri = URI.create(url);
                if (!Set.of("http", "https").contains(String.valueOf(uri.getScheme())) || uri.getHost() == null) {
                    check.report(path + ".url", "'" + url + "' must be an absolute http or https URL");
                }
            } catch (IllegalArgumentException e) {
                check.report(path + ".url", "'" + url + "' is not a URL: " + e.getMessage());
            }
            params.put("url", url);
        }
        String method = raw.method() == null ? "POST" : raw.method().toUpperCase(Locale.ROOT);
        if (!Set.of("POST", "PUT").contains(method)) {
            check.report(path + ".method", "must be POST or PUT, not '" + method + "'");
        }
        params.put("method", method);
    }

    /** Puts {@code value} under {@code key} once it passed as a template; a null value puts nothing. */
    static void putTemplate(Map<String, String> params, String key, String value, ItemCheck check,
            String path) {
        if (value != null) {
            String checked = check.template(value, path + "." + key);
            if (checked != null) {
                params.put(key, checked);
            }
        }
    }

    /**
     * True when an action needs approval unless the playbook says {@code approval: none}: a scale to zero
     * (containment), a PostgreSQL promotion, and a failover that promotes a standby.
     */
    static boolean approvalByDefault(ActionSpec action) {
        return action.type() == ActionType.POSTGRES_PROMOTE
                || action.type() == ActionType.SCALE && ("0".equals(action.param("to")) || "0".equals(action.param("min")))
                || action.type() == ActionType.FAILOVER && action.params().keySet().stream()
                        .anyMatch(k -> k.startsWith("promote."));
    }

    /** Notes a problem for every action that cannot act on a target of {@code kind}. */
    static void checkFits(String kind, List<ActionSpec> actions, ItemCheck check) {
        checkFits(kind, actions, check, "actions");
    }

    /** As {@link #checkFits(String, List, ItemCheck)} for the actions written under {@code field}. */
    static void checkFits(String kind, List<ActionSpec> actions, ItemCheck check, String field) {
        for (int i = 0; i < actions.size(); i++) {
            ActionSpec action = actions.get(i);
            boolean fits = switch (action.type()) {
                case RESTART -> WORKLOADS.contains(kind);
                case SCALE -> kind.equals("Deployment") || kind.equals("StatefulSet");
                case ROLLBACK -> kind.equals("Deployment");
                case FAILOVER -> kind.equals("Service");
                case DELETE_POD -> kind.equals("Pod") || action.param("pod") != null;
                case CORDON -> kind.equals("Node") || action.param("node") != null;
                case WEBHOOK, ESCALATE -> true;
                case SCALE_KEDA -> kind.equals("Deployment") || kind.equals("StatefulSet")
                        || action.param("scaledObject") != null;
                case RUN_JOB -> kind.equals("CronJob") || (!kind.equals("Node") && action.param("cronJob") != null);
                case DRAIN -> kind.equals("Node") || action.param("node") != null;
                case PATCH_HPA -> kind.equals("Deployment") || kind.equals("StatefulSet")
                        || action.param("hpa") != null && !kind.equals("Node");
                case ISOLATE -> WORKLOADS.contains(kind);
                case AKS_START, AKS_SCALE_NODEPOOL, COSMOS_THROUGHPUT, POSTGRES_PROMOTE -> kind.equals("AzureResource");
                case DIAGNOSE -> WORKLOADS.contains(kind) || kind.equals("Pod");
            };
            if (!fits) {
                check.report(field + "[" + i + "]." + action.type().yamlName(), "cannot act on a target of kind "
                        + kind + switch (action.type()) {
                            case RESTART -> " (restart works on Deployment, StatefulSet, DaemonSet)";
                            case SCALE -> " (scale works on Deployment, StatefulSet)";
                            case ROLLBACK -> " (rollback works on Deployment)";
                            case FAILOVER -> " (failover works on Service)";
                            case DELETE_POD -> " (give 'pod' or use kind Pod)";
                            case CORDON, DRAIN -> " (give 'node' or use kind Node)";
                            case SCALE_KEDA -> " (scale-keda works on Deployment, StatefulSet, or give 'scaledObject')";
                            case RUN_JOB -> " (use kind CronJob, or give 'cronJob' with a namespaced target)";
                            case PATCH_HPA -> " (patch-hpa works on Deployment, StatefulSet, or give 'hpa' with a "
                                    + "namespaced target)";
                            case ISOLATE -> " (isolate works on Deployment, StatefulSet, DaemonSet)";
                            case AKS_START, AKS_SCALE_NODEPOOL, COSMOS_THROUGHPUT, POSTGRES_PROMOTE ->
                                    " (Azure actions work on kind AzureResource, named by its resource id)";
                            case DIAGNOSE -> " (diagnose works on Deployment, StatefulSet, DaemonSet, Pod)";
                            default -> "";
                        });
            }
        }
    }
}
