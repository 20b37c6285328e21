package io.alertpilot.remediation.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loader's checks of scale-keda, run-job, drain and scale's allowZero, and the approval a scale to zero needs. */
class WorkActionsLoaderTest {

    private static final String DEPLOYMENT =
            "{ kind: Deployment, namespace: \"{{ labels.namespace }}\", name: \"{{ labels.deployment }}\" }";

    private static Playbook load(String target, String actions, String extra) {
        return new PlaybookLoader().load(List.of(new PlaybookLoader.Source("work.yml", """
                playbooks:
                  - name: p
                    match: { alertname: A }
                    target: %s
                    actions: %s
                %s""".formatted(target, actions, extra.isEmpty() ? "" : "    " + extra + "\n"))), Instant.EPOCH)
                .playbooks().getFirst();
    }

    private static Playbook load(String target, String actions) {
        return load(target, actions, "");
    }

    @Test
    void scaleToZeroNeedsAllowZero() {
        assertThatThrownBy(() -> load(DEPLOYMENT, "[ { scale: { to: 0, max: 3 } } ]"))
                .isInstanceOf(InvalidPlaybookException.class)
                .hasMessageContaining("field 'actions[0].scale.to'").hasMessageContaining("allowZero: true");
        assertThatThrownBy(() -> load(DEPLOYMENT, "[ { scale: { by: -1, min: 0, max: 3 } } ]"))
                .hasMessageContaining("field 'actions[0].scale.min'");

        Playbook zero = load(DEPLOYMENT, "[ { scale: { to: 0, max: 3, allowZero: true } } ]");
        assertThat(zero.actions().getFirst().params()).containsEntry("to", "0").containsEntry("min", "0")
                .containsEntry("allowZero", "true");
    }

    @Test
    void aScaleToZeroRequiresApprovalUnlessThePlaybookSaysApprovalNone() {
        assertThat(load(DEPLOYMENT, "[ { scale: { to: 0, max: 3, allowZero: true } } ]").approvalRequired())
                .isTrue();
        assertThat(load(DEPLOYMENT, "[ { scale: { by: -1, min: 0, max: 3, allowZero: true } } ]")
                .approvalRequired()).isTrue();
        assertThat(load(DEPLOYMENT, "[ { scale: { to: 0, max: 3, allowZero: true } } ]", "approval: none")
                .approvalRequired()).isFalse();
        assertThat(load(DEPLOYMENT, "[ { scale: { by: 2, max: 10, allowZero: true } } ]").approvalRequired())
                .as("allowZero without a zero bound").isFalse();
        assertThat(load(DEPLOYMENT, "[ { scale: { by: 2, max: 10 } } ]").approvalRequired()).isFalse();
    }

    @Test
    void readsScaleKedaAndRefusesItWithoutBoundsOrAWorkload() {
        ActionSpec keda = load(DEPLOYMENT, "[ { scale-keda: { min: 2, max: 30 } } ]").actions().getFirst();
        assertThat(keda.type()).isEqualTo(ActionType.SCALE_KEDA);
        assertThat(keda.params()).containsEntry("min", "2").containsEntry("max", "30").doesNotContainKey("scaledObject");

        assertThatThrownBy(() -> load(DEPLOYMENT, "[ { scale-keda: { scaledObject: orders } } ]"))
                .hasMessageContaining("field 'actions[0].scale-keda'").hasMessageContaining("'min'");
        assertThatThrownBy(() -> load(DEPLOYMENT, "[ { scale-keda: { min: 5, max: 2 } } ]"))
                .hasMessageContaining("min 5 is larger than max 2");
        assertThatThrownBy(() -> load("{ kind: Pod, namespace: shop, name: web-1 }", "[ { scale-keda: { max: 4 } } ]"))
                .hasMessageContaining("cannot act on a target of kind Pod");
        assertThat(load("{ kind: Pod, namespace: shop, name: web-1 }",
                "[ { scale-keda: { max: 4, scaledObject: \"{{ labels.scaledobject }}\" } } ]").actions().getFirst()
                .param("scaledObject")).isEqualTo("{{ labels.scaledobject }}");
    }

    @Test
    void readsRunJobOnACronJobOrWithCronJobOnANamespacedTarget() {
        Playbook onCronJob = load("{ kind: CronJob, namespace: db, name: nightly-backup }", "[ run-job ]");
        assertThat(onCronJob.actions().getFirst().type()).isEqualTo(ActionType.RUN_JOB);
        assertThat(onCronJob.target().kind()).isEqualTo("CronJob");
        assertThat(load(DEPLOYMENT, "[ { run-job: { cronJob: security-scan } } ]").actions().getFirst()
                .param("cronJob")).isEqualTo("security-scan");

        assertThatThrownBy(() -> load(DEPLOYMENT, "[ run-job ]"))
                .hasMessageContaining("cannot act on a target of kind Deployment").hasMessageContaining("cronJob");
        assertThatThrownBy(() -> load("{ kind: Node, name: n1 }", "[ { run-job: { cronJob: scan } } ]"))
                .hasMessageContaining("cannot act on a target of kind Node");
    }

    @Test
    void readsDrainWithItsDefaultTimeoutAndRefusesAnUnboundedOne() {
        ActionSpec drain = load("{ kind: Node, name: \"{{ labels.node }}\" }", "[ drain ]").actions().getFirst();
        assertThat(drain.type()).isEqualTo(ActionType.DRAIN);
        assertThat(drain.params()).containsEntry("evictionTimeout", "PT2M");
        assertThat(load(DEPLOYMENT, "[ { drain: { node: \"{{ labels.node }}\", evictionTimeout: 5m } } ]").actions()
                .getFirst().params()).containsEntry("evictionTimeout", "PT5M").containsEntry("node", "{{ labels.node }}");

        assertThatThrownBy(() -> load("{ kind: Node, name: n1 }", "[ { drain: { evictionTimeout: 1h } } ]"))
                .hasMessageContaining("field 'actions[0].drain.evictionTimeout'").hasMessageContaining("at most");
        assertThatThrownBy(() -> load(DEPLOYMENT, "[ drain ]")).hasMessageContaining("give 'node'");
        assertThatThrownBy(() -> load("{ kind: Node, name: n1 }", "[ { drain: { pod: x } } ]"))
                .hasMessageContaining("field 'actions[0].drain.pod'");
    }
}
