package io.alertpilot.model.alert;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.fixtures.Samples;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;

class LabelFingerprintTest {

    /** The vectors of Alertmanager's template/template_test.go (FORMATS.md section 1.4). */
    @ParameterizedTest(name = "{0} -> {1}")
    @MethodSource
    void matchesTheUpstreamTestVectors(Map<String, String> labels, String expected) {
        assertThat(LabelFingerprint.of(labels)).isEqualTo(expected);
    }

    static Stream<Arguments> matchesTheUpstreamTestVectors() {
        return Stream.of(
                Arguments.of(Map.of("job", "foo", "severity", "warning"), "9266ef3da838ad95"),
                Arguments.of(Map.of("job", "foo", "severity", "critical"), "3b15fd163d36582e"),
                Arguments.of(Map.of("job", "bar", "severity", "critical"), "c7e68cb08e3e67f9"));
    }

    @Test
    void emptyLabelsGiveTheFnvOffsetBasis() {
        // prometheus/common: the signature of an empty label set is hashNew(), the FNV-1a 64 offset basis
        assertThat(LabelFingerprint.of(Map.of())).isEqualTo("cbf29ce484222325");
    }

    @Test
    void doesNotDependOnTheOrderOfTheMap() {
        Map<String, String> forward = new LinkedHashMap<>();
        forward.put("alertname", "KubePodCrashLooping");
        forward.put("deployment", "checkout-api");
        forward.put("namespace", "shop");
        Map<String, String> backward = new LinkedHashMap<>();
        backward.put("namespace", "shop");
        backward.put("deployment", "checkout-api");
        backward.put("alertname", "KubePodCrashLooping");

        assertThat(LabelFingerprint.of(forward)).isEqualTo(LabelFingerprint.of(backward)).isEqualTo("a53b292a0d1b358e");
    }

    @Test
    void changesWithAnyNameOrValue() {
        String base = LabelFingerprint.of(Map.of("a", "b"));

        assertThat(LabelFingerprint.of(Map.of("a", "c"))).isNotEqualTo(base);
        assertThat(LabelFingerprint.of(Map.of("x", "b"))).isNotEqualTo(base);
        // the separators keep name and value apart: {ab=""} is not {a="b"}
        assertThat(LabelFingerprint.of(Map.of("ab", ""))).isNotEqualTo(base);
    }

    @Test
    void hashesUtf8BytesAndSortsNamesLikeGo() {
        // Prometheus 3 allows UTF-8 label names; Go sorts strings by their UTF-8 bytes, so U+FF01 comes before
        // U+1F600 (which sorts first by UTF-16 code units). Expected value from an independent FNV-1a implementation.
        Map<String, String> labels = Map.of("alertname", "Overload", "\uff01", "a", "\ud83d\ude00", "b");

        assertThat(LabelFingerprint.of(labels)).isEqualTo("6fcbba01c8dff8d2");
        assertThat(LabelFingerprint.of(Map.of("alertname", "Überlast", "namespace", "café", "zone", "東京")))
                .isEqualTo("3ff6f88991fadaf7");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("alertmanagerAlerts")
    void recomputesTheFingerprintOfEveryAlertInTheAlertmanagerSamples(String alert, Map<String, String> labels,
            String fingerprint) {
        assertThat(LabelFingerprint.of(labels)).isEqualTo(fingerprint);
    }

    static Stream<Arguments> alertmanagerAlerts() {
        return Samples.ALERTMANAGER.stream().flatMap(sample -> {
            JsonNode alerts = Samples.json(sample).get("alerts");
            Stream.Builder<Arguments> rows = Stream.builder();
            for (int i = 0; i < alerts.size(); i++) {
                Map<String, String> labels = new LinkedHashMap<>();
                alerts.get(i).get("labels").properties()
                        .forEach(label -> labels.put(label.getKey(), label.getValue().stringValue()));
                rows.add(Arguments.of(sample + " alerts[" + i + "]", labels,
                        alerts.get(i).get("fingerprint").stringValue()));
            }
            return rows.build();
        });
    }

    @Test
    void theSamplesHoldEightAlerts() {
        assertThat(alertmanagerAlerts()).hasSize(8);
    }
}
