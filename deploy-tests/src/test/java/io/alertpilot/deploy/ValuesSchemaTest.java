package io.alertpilot.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.marcnuri.helm.LintResult;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** values.schema.json refuses values of the wrong type or shape before anything is rendered. */
class ValuesSchemaTest {

    @Test
    void templateRefusesAWrongType() {
        assertThatThrownBy(() -> Chart.template(Map.of("ingest.replicaCount", "three")))
                .hasMessageContaining("values don't meet the specifications of the schema")
                .hasMessageContaining("/ingest/replicaCount")
                .hasMessageContaining("want integer");
    }

    @Test
    void templateRefusesAStringWhereAFlagIsExpected() {
        assertThatThrownBy(() -> Chart.template(Map.of("remediation.dryRun", "no")))
                .hasMessageContaining("/remediation/dryRun")
                .hasMessageContaining("want boolean");
    }

    @Test
    void templateRefusesAMisspelledKey() {
        assertThatThrownBy(() -> Chart.template(Map.of("remediation.dryrun", true)))
                .hasMessageContaining("dryrun");
    }

    @Test
    void templateRefusesAMalformedKafkaAddressAndAnUnknownAction() {
        assertThatThrownBy(() -> Chart.template(Map.of("kafka.bootstrapServers", "kafka")))
                .hasMessageContaining("/kafka/bootstrapServers");
        assertThatThrownBy(() -> Chart.template(Map.of("remediation.actions.reboot", true)))
                .hasMessageContaining("reboot");
    }

    @Test
    void lintRefusesAValuesFileOfTheWrongType(@TempDir Path work) {
        Map<String, Object> values = new LinkedHashMap<>(Chart.defaultValues());
        Map<String, Object> notifier = new LinkedHashMap<>(castMap(values.get("notifier")));
        notifier.put("replicaCount", "2");
        values.put("notifier", notifier);

        LintResult lint = Chart.lintWithValues(values, work);

        assertThat(lint.isFailed()).isTrue();
        assertThat(String.join("\n", lint.getMessages())).contains("/notifier/replicaCount").contains("want integer");
    }

    @Test
    void hpaAndKedaTogetherAreRefusedWithAReason() {
        assertThatThrownBy(() -> Chart.template(Map.of("remediation.autoscaling.enabled", true,
                "remediation.keda.enabled", true)))
                .hasMessageContaining("remediation: enable either autoscaling (HPA) or keda, not both");
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }
}
