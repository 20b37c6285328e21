package io.alertpilot.reliability.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import io.alertpilot.formats.AlertmanagerNormalizer;
import io.alertpilot.formats.AzureMonitorNormalizer;
import io.alertpilot.formats.FormatSettings;
import io.alertpilot.formats.GenericNormalizer;
import io.alertpilot.formats.InvalidAlertException;
import io.alertpilot.formats.Normalizer;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.SeverityMapping;
import io.alertpilot.model.kafka.Json;
import io.alertpilot.support.kafka.JsonSerde;
import java.time.Instant;
import java.util.List;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectReader;

/**
 * The normalizers take any bytes the webhook parser accepts: each either returns alerts that can be put on Kafka and
 * read back, or throws {@link InvalidAlertException} (a 400). Any other exception would be a 500, a hang a stuck
 * request thread. In the test command only the seed corpus ({@code NormalizerFuzzTestInputs/<method>}: the shared
 * samples) runs; {@code JAZZER_FUZZ=1} fuzzes (see RELIABILITY.md).
 */
class NormalizerFuzzTest {

    private static final Instant RECEIVED = Instant.parse("2026-11-23T08:00:00Z");
    /** The webhook controller's reader: the same limits (nesting depth, number and string lengths) apply. */
    private static final ObjectReader READER = Json.mapper().reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    private static final JsonSerde<AlertEvent> SERDE = JsonSerde.of(AlertEvent.class);

    /** The webhooks' settings with nothing configured. */
    private final FormatSettings settings = new FormatSettings(SeverityMapping.defaults(), 1000);

    @FuzzTest(maxDuration = "30s")
    void alertmanager(byte[] body) {
        check(new AlertmanagerNormalizer(settings), body);
    }

    @FuzzTest(maxDuration = "30s")
    void azureMonitor(byte[] body) {
        check(new AzureMonitorNormalizer(settings), body);
    }

    @FuzzTest(maxDuration = "30s")
    void generic(byte[] body) {
        check(new GenericNormalizer(settings), body);
    }

    private static void check(Normalizer normalizer, byte[] body) {
        JsonNode tree;
        try {
            tree = READER.readTree(body);
        } catch (JacksonException e) {
            return; // the webhook answers 400 invalid-json
        }
        if (tree == null) {
            return; // empty body: refused before normalizing
        }
        List<AlertEvent> alerts;
        try {
            alerts = normalizer.normalize(tree, RECEIVED);
        } catch (InvalidAlertException e) {
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        for (AlertEvent alert : alerts) {
            assertThat(alert.fingerprint()).isNotBlank();
            assertThat(alert.eventId()).isNotBlank();
            assertThat(alert.status()).isNotNull();
            assertThat(alert.severity()).isNotNull();
            assertThat(alert.source()).isEqualTo(normalizer.source());
            assertThat(alert.labels()).isNotNull();
            assertThat(alert.target()).isNotNull();
            // what the publisher does with it, and what every consumer does
            byte[] onKafka = SERDE.serializer().serialize("alertpilot.alerts.v1", alert);
            assertThat(SERDE.deserializer().deserialize("alertpilot.alerts.v1", onKafka)).isEqualTo(alert);
        }
    }
}
