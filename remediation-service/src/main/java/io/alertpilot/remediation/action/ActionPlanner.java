package io.alertpilot.remediation.action;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.remediation.action.Templates.NameRule;
import io.alertpilot.remediation.playbook.ActionSpec;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.TargetSpec;
import java.net.URI;
import java.time.Duration;
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
            if (spec.kind().equals(ResolvedTarget.AZURE_KIND)) {
                cluster = ResolvedTarget.AZURE_CLUSTER;
                name = templates.substitute(spec.name(), alert, "target.name");
                AzureResourceId id = azureTarget(playbook, name);
                return new Plan.Planned(playbook, ResolvedTarget.azure(id), actions(playbook, alert));
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
                case SCALE -> bounds(spec);
                case ROLLBACK -> new Action.Rollback(spec.param("toRevision") == null ? null
                        : Long.parseLong(spec.param("toRevision")));
                case FAILOVER -> new Action.Failover(spec.selector(), Boolean.parseBoolean(spec.param("revertOnRecovery")),
                        promote(spec));
                case CORDON -> new Action.Cordon(spec.param("node") != null
                        ? templates.resolve(spec.param("node"), alert, field + ".node", NameRule.SUBDOMAIN)
                        : templates.resolve(playbook.target().name(), alert, "target.name", NameRule.SUBDOMAIN));
                case WEBHOOK -> WebhookRendering.render(spec, alert, templates, field);
                case ESCALATE -> new Action.Escalate();
                case SCALE_KEDA -> new Action.ScaleKeda(spec.param("scaledObject") == null ? null
                        : templates.resolve(spec.param("scaledObject"), alert, field + ".scaledObject",
                                NameRule.SUBDOMAIN),
                        integer(spec.param("min")), integer(spec.param("max")));
                case RUN_JOB -> new Action.RunJob(spec.param("cronJob") != null
                        ? templates.resolve(spec.param("cronJob"), alert, field + ".cronJob", NameRule.SUBDOMAIN)
                        : templates.resolve(playbook.target().name(), alert, "target.name", NameRule.SUBDOMAIN));
                case DRAIN -> new Action.Drain(spec.param("node") != null
                        ? templates.resolve(spec.param("node"), alert, field + ".node", NameRule.SUBDOMAIN)
                        : templates.resolve(playbook.target().name(), alert, "target.name", NameRule.SUBDOMAIN),
                        Duration.parse(spec.param("evictionTimeout")));
                case PATCH_HPA -> new Action.PatchHpa(spec.param("hpa") == null ? null
                        : templates.resolve(spec.param("hpa"), alert, field + ".hpa", NameRule.SUBDOMAIN),
                        integer(spec.param("min")), integer(spec.param("max")),
                        Boolean.parseBoolean(spec.param("revertOnRecovery")));
                case ISOLATE -> new Action.Isolate(Boolean.parseBoolean(spec.param("ingress")),
                        Boolean.parseBoolean(spec.param("egress")), Boolean.parseBoolean(spec.param("removeOnRecovery")));
                case AKS_START -> new Action.AksStart();
                case AKS_SCALE_NODEPOOL -> new Action.AksScaleNodePool(spec.param("nodePool"), bounds(spec));
                case COSMOS_THROUGHPUT -> new Action.CosmosThroughput(spec.param("database"), spec.param("container"),
                        bounds(spec));
                case POSTGRES_PROMOTE -> new Action.PostgresPromote();
                case DIAGNOSE -> new Action.Diagnose(Integer.parseInt(spec.param("logLines")));
            });
        }
        return actions;
    }

    /** {@code to} or {@code by} within {@code min}..{@code max}, as a scale and the Azure counts take them. */
    private static Action.Scale bounds(ActionSpec spec) {
        return new Action.Scale(integer(spec.param("to")), integer(spec.param("by")),
                Integer.parseInt(spec.param("min")), Integer.parseInt(spec.param("max")));
    }

    private static Action.Promote promote(ActionSpec spec) {
        String replica = spec.param("promote.postgresReplica");
        String webhook = spec.param("promote.webhook");
        if (replica != null) {
            try {
                return new Action.Promote(AzureResourceId.parse(replica), null);
            } catch (IllegalArgumentException e) {
                // the loader refuses such an id; should one get here, the alert is refused, not dead-lettered
                throw new TemplateException("invalid-target", "promote.postgresReplica", "promote.postgresReplica '"
                        + Templates.printable(replica) + "' " + e.getMessage());
            }
        }
        return webhook == null ? null : new Action.Promote(null, URI.create(webhook));
    }

    /**
     * The Azure resource {@code name} names, refused ({@code invalid-target}) when it is no resource id or not of the
     * type every Azure action of {@code playbook} needs.
     */
    private static AzureResourceId azureTarget(Playbook playbook, String name) {
        AzureResourceId id;
        try {
            id = AzureResourceId.parse(name);
        } catch (IllegalArgumentException e) {
            throw new TemplateException("invalid-target", "target.name", "target.name is '"
                    + Templates.printable(name) + "' after substitution, which " + e.getMessage());
        }
        for (ActionSpec action : playbook.actions()) {
            String needed = switch (action.type()) {
                case AKS_START, AKS_SCALE_NODEPOOL -> AzureResourceId.MANAGED_CLUSTER;
                case COSMOS_THROUGHPUT -> AzureResourceId.COSMOS_ACCOUNT;
                case POSTGRES_PROMOTE -> AzureResourceId.POSTGRES_FLEXIBLE_SERVER;
                default -> null;
            };
            if (needed != null && !id.is(needed)) {
                throw new TemplateException("invalid-target", "target.name", action.type().yamlName()
                        + " needs a resource of type " + needed + ", not " + id.provider() + "/" + id.type() + " ("
                        + Templates.printable(name) + ")");
            }
        }
        return id;
    }

    private static Integer integer(String value) {
        return value == null ? null : Integer.valueOf(value);
    }
}
