package io.alertpilot.remediation.action;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.remediation.action.Templates.NameRule;
import io.alertpilot.remediation.playbook.ActionSpec;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.TargetSpec;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a matched playbook and an alert into a {@link Plan}: substitutes every template, checks every value as a
 * Kubernetes name and the namespace against the {@link NamespacePolicy}. Stateless and thread safe.
 */
public final class ActionPlanner {

    private final Templates templates = new Templates();
    private final NamespacePolicy namespaces;
    private final String defaultCluster;

    /**
     * @param defaultCluster the cluster of an alert that names none
     */
    public ActionPlanner(NamespacePolicy namespaces, String defaultCluster) {
        this.namespaces = namespaces;
        this.defaultCluster = defaultCluster;
    }

    /** The plan of {@code playbook} for {@code alert}; a refusal is a result, not an exception. */
    public Plan plan(Playbook playbook, AlertEvent alert) {
        String cluster = null;
        String namespace = null;
        String name = null;
        TargetSpec spec = playbook.target();
        try {
            cluster = cluster(spec, alert);
            if (spec == null) {
                return new Plan.Planned(playbook, new ResolvedTarget(cluster, null, null, null), actions(playbook, alert));
            }
            if (spec.namespace() != null) {
                namespace = templates.resolve(spec.namespace(), alert, "target.namespace", NameRule.LABEL);
                if (!namespaces.allows(namespace)) {
                    throw new TemplateException("namespace", "target.namespace", namespaces.why(namespace));
                }
            }
            name = templates.resolve(spec.name(), alert, "target.name",
                    spec.kind().equals("Service") ? NameRule.LABEL : NameRule.SUBDOMAIN);
            return new Plan.Planned(playbook, new ResolvedTarget(cluster, spec.kind(), namespace, name),
                    actions(playbook, alert));
        } catch (TemplateException e) {
            return new Plan.Refused(playbook,
                    new ResolvedTarget(cluster == null ? defaultCluster : cluster, spec == null ? null : spec.kind(),
                            namespace, name),
                    e.reason(), e.field(), e.getMessage());
        }
    }

    private String cluster(TargetSpec spec, AlertEvent alert) {
        if (spec != null && spec.cluster() != null) {
            return templates.resolve(spec.cluster(), alert, "target.cluster", NameRule.CLUSTER);
        }
        String fromAlert = alert.target().cluster();
        if (fromAlert == null || fromAlert.isBlank()) {
            return defaultCluster;
        }
        if (!KubernetesNames.isClusterName(fromAlert)) {
            throw new TemplateException("invalid-target", "target.cluster", "the alert's cluster '"
                    + Templates.printable(fromAlert) + "' is not a valid cluster name");
        }
        return fromAlert;
    }

    private List<Action> actions(Playbook playbook, AlertEvent alert) {
        List<Action> actions = new ArrayList<>();
        for (int i = 0; i < playbook.actions().size(); i++) {
            ActionSpec spec = playbook.actions().get(i);
            String field = "actions[" + i + "]." + spec.type().yamlName();
            actions.add(switch (spec.type()) {
                case RESTART -> new Action.Restart();
                case DELETE_POD -> new Action.DeletePod(spec.param("pod") != null
                        ? templates.resolve(spec.param("pod"), alert, field + ".pod", NameRule.SUBDOMAIN)
                        : templates.resolve(playbook.target().name(), alert, "target.name", NameRule.SUBDOMAIN));
                case SCALE -> new Action.Scale(integer(spec.param("to")), integer(spec.param("by")),
                        Integer.parseInt(spec.param("min")), Integer.parseInt(spec.param("max")));
                case ROLLBACK -> new Action.Rollback(spec.param("toRevision") == null ? null
                        : Long.parseLong(spec.param("toRevision")));
                case FAILOVER -> new Action.Failover(spec.selector(), Boolean.parseBoolean(spec.param("revertOnRecovery")));
                case CORDON -> new Action.Cordon(spec.param("node") != null
                        ? templates.resolve(spec.param("node"), alert, field + ".node", NameRule.SUBDOMAIN)
                        : templates.resolve(playbook.target().name(), alert, "target.name", NameRule.SUBDOMAIN));
                case WEBHOOK -> new Action.Webhook(URI.create(spec.param("url")), spec.param("method"));
                case ESCALATE -> new Action.Escalate();
                case DIAGNOSE -> new Action.Diagnose(Integer.parseInt(spec.param("logLines")));
            });
        }
        return actions;
    }

    private static Integer integer(String value) {
        return value == null ? null : Integer.valueOf(value);
    }
}
