package io.alertpilot.formats;

import static io.alertpilot.formats.Expectations.RECEIVED;
import static io.alertpilot.formats.Expectations.SETTINGS;
import static io.alertpilot.formats.JsonEdit.json;
import static io.alertpilot.formats.JsonEdit.set;
import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.formats.TruncationListener.Field;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.model.alert.SeverityMapping;
import io.alertpilot.model.fixtures.Samples;
import io.alertpilot.model.kafka.Json;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.StringNode;

class ValueBoundTest {

    private static final int HUNDRED_KB = 100 * 1024;
    private static final String LONG = "x".repeat(HUNDRED_KB);
    private static final String CUT = "x".repeat(FormatSettings.DEFAULT_MAX_VALUE_LENGTH)
            + "…[truncated " + (HUNDRED_KB - FormatSettings.DEFAULT_MAX_VALUE_LENGTH) + " chars]";

    private final AlertFormats formats = new AlertFormats(SETTINGS);
    private final List<Field> truncated = new ArrayList<>();

    private static JsonNode crashLoopWith(String path, String value) {
        return set(Samples.json("alertmanager/firing-crashloop.json"), path, StringNode.valueOf(value));
    }

    @Test
    void cutsALongAlertmanagerLabelValueAndMarksHowMuchWasRemoved() {
        List<AlertEvent> alerts = formats.normalizer(AlertSource.ALERTMANAGER)
                .normalize(crashLoopWith("alerts[0].labels.pod", LONG), RECEIVED, truncated::add);

        assertThat(alerts.getFirst().label("pod")).isEqualTo(CUT);
        assertThat(alerts.getFirst().label("namespace")).isEqualTo("shop");
        assertThat(alerts.getFirst().fingerprint()).isEqualTo("0c029c006d0ffce0");
        assertThat(truncated).containsExactly(Field.LABEL);
    }

    @Test
    void cutsALongAnnotationAndTheDescriptionTakenFromIt() {
        AlertEvent alert = formats.read(crashLoopWith("alerts[0].annotations.description", LONG), RECEIVED,
                truncated::add).getFirst();

        assertThat(alert.annotations().get("description")).isEqualTo(CUT);
        assertThat(alert.description()).isEqualTo(CUT);
        assertThat(truncated).containsExactly(Field.ANNOTATION);
    }

    @Test
    void leavesAValueOfExactlyTheBoundWhole() {
        String atBound = "y".repeat(FormatSettings.DEFAULT_MAX_VALUE_LENGTH);

        AlertEvent alert = formats.read(crashLoopWith("alerts[0].labels.pod", atBound), RECEIVED, truncated::add)
                .getFirst();

        assertThat(alert.label("pod")).isEqualTo(atBound);
        assertThat(truncated).isEmpty();
    }

    @Test
    void boundsTheValuesOfEverySourceAlike() {
        JsonNode azure = set(Samples.json("azure-monitor/metric-alert-fired.json"), "data.customProperties.team",
                StringNode.valueOf(LONG));
        JsonNode generic = json("{\"name\":\"DiskFull\",\"status\":\"firing\",\"labels\":{\"host\":\"" + LONG
                + "\"},\"description\":\"" + LONG + "\"}");

        AlertEvent fromAzure = formats.read(azure, RECEIVED, truncated::add).getFirst();
        AlertEvent fromGeneric = formats.read(generic, RECEIVED, truncated::add).getFirst();

        assertThat(fromAzure.label("team")).isEqualTo(CUT);
        assertThat(fromGeneric.label("host")).isEqualTo(CUT);
        assertThat(fromGeneric.description()).isEqualTo(CUT);
        assertThat(truncated).containsExactly(Field.LABEL, Field.LABEL);
    }

    @Test
    void boundsAnAlertEventPostedWhole() {
        AlertEvent event = formats.read(crashLoopWith("alerts[0].labels.pod", "p"), RECEIVED).getFirst();
        JsonNode posted = set(Json.mapper().valueToTree(event), "annotations.summary", StringNode.valueOf(LONG));

        AlertEvent read = formats.read(posted, RECEIVED, truncated::add).getFirst();

        assertThat(read.annotations().get("summary")).isEqualTo(CUT);
        assertThat(truncated).containsExactly(Field.ANNOTATION);
    }

    @Test
    void honoursAConfiguredBoundAndNeverSplitsASurrogatePair() {
        AlertFormats short64 = new AlertFormats(new FormatSettings(SeverityMapping.defaults(), 10, 64));
        String value = "a".repeat(63) + "😀" + "tail";

        AlertEvent alert = short64.read(crashLoopWith("alerts[0].labels.pod", value), RECEIVED).getFirst();

        assertThat(alert.label("pod")).isEqualTo("a".repeat(63) + "…[truncated 6 chars]");
    }
}
