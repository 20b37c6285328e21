package io.alertpilot.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.Target;
import io.alertpilot.model.fixtures.Alerts;
import io.alertpilot.remediation.action.ActionPlanner;
import io.alertpilot.remediation.action.KubernetesNames;
import io.alertpilot.remediation.action.NamespacePolicy;
import io.alertpilot.remediation.action.Plan;
import io.alertpilot.remediation.action.TemplateException;
import io.alertpilot.remediation.action.Templates;
import io.alertpilot.remediation.action.Templates.NameRule;
import io.alertpilot.remediation.playbook.Playbook;
import io.alertpilot.remediation.playbook.PlaybookLoader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Template substitution with hostile templates and hostile label values. The input is split at U+001E (record
 * separator): the template, then values for the labels {@code namespace}, {@code deployment}, {@code pod},
 * {@code cluster} and the annotation {@code target}. Substitution only throws {@link TemplateException}; a resolved
 * value is always a valid Kubernetes name (no '/', no "..", no '%', no control character), so no label can reach a
 * different API path; and the example playbook never plans outside the allowed namespaces.
 */
class TemplateFuzzTest {

    private static final String[] LABELS = {"namespace", "deployment", "pod", "cluster"};
    private static final NamespacePolicy NAMESPACES = new NamespacePolicy(Set.of(), Set.of("kube-system", "kube-public"));
    private static final List<Playbook> PLAYBOOKS = new PlaybookLoader().load(List.of(new PlaybookLoader.Source("t.yml", """
            playbooks:
              - name: restart
                match: { alertname: X }
                target: { kind: Deployment, namespace: "{{ labels.namespace }}", name: "{{ labels.deployment }}" }
                actions:
                  - restart: {}
              - name: delete-pod
                match: { alertname: X }
                target: { kind: Pod, cluster: "{{ labels.cluster }}", namespace: "prefix-{{ labels.namespace }}", name: "{{ labels.pod }}" }
                actions:
                  - delete-pod: {}
            """)), Instant.EPOCH).playbooks();

    private final Templates templates = new Templates();
    private final ActionPlanner planner = new ActionPlanner(NAMESPACES, "default");

    @FuzzTest(maxDuration = "30s")
    void substitute(byte[] data) {
        String[] parts = new String(data, StandardCharsets.UTF_8).split("\u001e", -1);
        String template = parts[0];
        Map<String, String> labels = new LinkedHashMap<>();
        for (int i = 0; i < LABELS.length && i + 1 < parts.length; i++) {
            labels.put(LABELS[i], parts[i + 1]);
        }
        String annotation = parts.length > LABELS.length + 1 ? parts[LABELS.length + 1] : "x";
        AlertEvent alert = Alerts.firing("X", labels).annotation("target", annotation)
                .target(new Target(labels.get("cluster"), labels.get("namespace"), "Deployment",
                        labels.get("deployment"), labels.get("pod"), null, null, null, null))
                .build();

        try {
            String value = templates.substitute(template, alert, "f");
            assertThat(value).isNotNull();
        } catch (TemplateException e) {
            assertThat(e.getMessage()).isNotBlank();
        }
        for (NameRule rule : NameRule.values()) {
            try {
                String value = templates.resolve(template, alert, "f", rule);
                assertThat(value).doesNotContain("/", "..", "%", "\n", "\r", "\\").isNotEmpty();
                assertThat(switch (rule) {
                    case LABEL -> KubernetesNames.isLabel(value);
                    case SUBDOMAIN -> KubernetesNames.isSubdomain(value);
                    case CLUSTER -> KubernetesNames.isClusterName(value);
                }).isTrue();
            } catch (TemplateException e) {
                assertThat(e.getMessage()).isNotBlank();
            }
        }
        for (Playbook playbook : PLAYBOOKS) {
            if (planner.plan(playbook, alert) instanceof Plan.Planned planned) {
                assertThat(NAMESPACES.allows(planned.target().namespace())).isTrue();
                assertThat(KubernetesNames.isLabel(planned.target().namespace())).isTrue();
                assertThat(KubernetesNames.isSubdomain(planned.target().name())).isTrue();
                assertThat(KubernetesNames.isClusterName(planned.target().cluster())).isTrue();
            }
        }
    }
}
