package io.alertpilot.formats;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.SeverityMapping;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Field-by-field comparison of normalized alerts with the expected ones. */
final class Expectations {

    /** The settings of a service configured with the default severities and limit. */
    static final FormatSettings SETTINGS = limitedTo(1000);

    /** When the tests' requests arrive. */
    static final Instant RECEIVED = Instant.parse("2026-11-23T09:10:00.123456789Z");

    private Expectations() {
    }

    /** The default severity mapping with at most {@code maxAlerts} alerts per body. */
    static FormatSettings limitedTo(int maxAlerts) {
        return new FormatSettings(SeverityMapping.defaults(), maxAlerts);
    }

    /** A map from alternating keys and values. */
    static Map<String, String> map(String... keysAndValues) {
        Map<String, String> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    /**
     * Asserts that {@code actual} holds the {@code expected} alerts in order, every field equal except
     * {@code eventId}, which must be a UUID unique to each alert.
     */
    static void assertAlerts(List<AlertEvent> actual, AlertEvent... expected) {
        assertThat(actual).hasSize(expected.length);
        for (int i = 0; i < expected.length; i++) {
            assertThat(actual.get(i))
                    .as("alert %d (%s)", i, expected[i].name())
                    .usingRecursiveComparison()
                    .ignoringFields("eventId")
                    .isEqualTo(expected[i]);
            String eventId = actual.get(i).eventId();
            assertThat(UUID.fromString(eventId).toString()).isEqualTo(eventId);
        }
        assertThat(actual).extracting(AlertEvent::eventId).doesNotHaveDuplicates();
    }
}
