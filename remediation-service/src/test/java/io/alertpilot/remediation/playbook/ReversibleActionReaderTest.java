package io.alertpilot.remediation.playbook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.alertpilot.config.ConfigProblem;
import io.alertpilot.config.SchemaCheck;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** How the loader and the schema read {@code patch-hpa} and {@code isolate}, and what they refuse. */
class ReversibleActionReaderTest {

    private final PlaybookLoader loader = new PlaybookLoader();
    private final SchemaCheck schema = SchemaCheck.of("playbook.schema.json");

    private static String playbook(String kind, String action) {
        return """
                playbooks:
                  - name: p
                    match: { alertname: A }
                    target: { kind: %s, namespace: shop, name: "{{ labels.deployment }}" }
                    actions: [ %s ]
                """.formatted(kind, action);
    }

    private ActionSpec action(String kind, String action) {
        return loader.load(List.of(new PlaybookLoader.Source("p.yml", playbook(kind, action))), Instant.EPOCH)
                .playbooks().getFirst().actions().getFirst();
    }

    private List<ConfigProblem> problems(String kind, String action) {
        try {
            loader.load(List.of(new PlaybookLoader.Source("p.yml", playbook(kind, action))), Instant.EPOCH);
            return List.of();
        } catch (InvalidPlaybookException e) {
            return e.problems();
        }
    }

    @Test
    void readsPatchHpaWithTheBoundsGivenAndNoRevertByDefault() {
        ActionSpec spec = action("Deployment", "{ patch-hpa: { min: 4 } }");
        assertThat(spec.type()).isEqualTo(ActionType.PATCH_HPA);
        assertThat(spec.params()).isEqualTo(Map.of("min", "4", "revertOnRecovery", "false"));
        assertThat(action("StatefulSet", "{ patch-hpa: { max: 9, revertOnRecovery: true, hpa: \"{{ labels.hpa }}\" } }")
                .params()).isEqualTo(Map.of("max", "9", "revertOnRecovery", "true", "hpa", "{{ labels.hpa }}"));
    }

    @Test
    void readsIsolateAloneAsBothDirectionsKeptAfterTheAlert() {
        assertThat(action("DaemonSet", "isolate").params()).isEqualTo(Map.of("ingress", "true", "egress", "true",
                "removeOnRecovery", "false"));
        assertThat(action("StatefulSet", "{ isolate: }").params()).isEqualTo(action("DaemonSet", "isolate").params());
        assertThat(action("Deployment", "{ isolate: { egress: false, removeOnRecovery: true } }").params())
                .isEqualTo(Map.of("ingress", "true", "egress", "false", "removeOnRecovery", "true"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "Deployment|{ patch-hpa: { revertOnRecovery: true } }|actions[0].patch-hpa|needs 'min' or 'max'",
            "Deployment|{ patch-hpa: { min: 8, max: 4 } }|actions[0].patch-hpa.min|min 8 is larger than max 4",
            "Deployment|{ patch-hpa: { min: 0 } }|actions[0].patch-hpa.min|must be at least 1, not 0",
            "Deployment|{ patch-hpa: { min: 2, to: 3 } }|actions[0].patch-hpa.to|is not known",
            "DaemonSet|{ patch-hpa: { min: 2 } }|actions[0].patch-hpa|cannot act on a target of kind DaemonSet",
            "Deployment|{ isolate: { ingress: false, egress: false } }|actions[0].isolate|denies nothing",
            "Service|isolate|actions[0].isolate|cannot act on a target of kind Service",
            "Deployment|{ isolate: { revertOnRecovery: true } }|actions[0].isolate.revertOnRecovery|is not known"})
    void refusesNamingTheField(String kind, String action, String field, String message) {
        assertThat(problems(kind, action)).anySatisfy(problem -> {
            assertThat(problem.field()).isEqualTo(field);
            assertThat(problem.message()).contains(message);
        });
    }

    @Test
    void patchHpaNamingItsHpaFitsAnyNamespacedTarget() {
        assertThat(action("Service", "{ patch-hpa: { min: 3, hpa: web } }").param("hpa")).isEqualTo("web");
        assertThat(problems("Node", "{ patch-hpa: { min: 3, hpa: web } }")).isNotEmpty();
    }

    @Test
    void theSchemaAcceptsWhatTheLoaderAcceptsAndRefusesWhatItRefuses() {
        assertThat(schema.problems(playbook("Deployment", "{ patch-hpa: { min: 4, max: 12, revertOnRecovery: true } }")))
                .isEmpty();
        assertThat(schema.problems(playbook("Deployment", "isolate"))).isEmpty();
        assertThat(schema.problems(playbook("Deployment", "{ isolate: }"))).isEmpty();
        assertThat(schema.problems(playbook("Deployment", "{ isolate: { egress: false, removeOnRecovery: true } }")))
                .isEmpty();
        assertThat(schema.problems(playbook("Deployment", "{ patch-hpa: { revertOnRecovery: true } }"))).isNotEmpty();
        assertThat(schema.problems(playbook("Deployment", "{ patch-hpa: { min: 0 } }"))).isNotEmpty();
        assertThat(schema.problems(playbook("Deployment", "{ isolate: { ingress: false, egress: false } }")))
                .isNotEmpty();
        assertThat(schema.problems(playbook("Deployment", "patch-hpa"))).as("needs its bounds").isNotEmpty();
    }

    @Test
    void theIntegrationTestsPlaybooksAreValidForSchemaAndLoader() {
        schema.assertShippedFilesValid(List.of(SchemaCheck.repository()
                .resolve("remediation-service/src/test/resources/reversible-playbooks.yml")), (name, text) ->
                assertThat(loader.load(List.of(new PlaybookLoader.Source(name, text)), Instant.EPOCH).playbooks())
                        .hasSize(6));
        assertThatThrownBy(() -> action("Deployment", "{ patch-hpa: { hpa: \"{{ labels.x \" , min: 2 } }"))
                .isInstanceOf(InvalidPlaybookException.class);
    }
}
