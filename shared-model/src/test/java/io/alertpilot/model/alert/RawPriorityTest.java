package io.alertpilot.model.alert;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Raw priorities: the source severity or the priority label, in any spelling; one reading for both services. */
class RawPriorityTest {

    @Test
    void spellingsOfOnePriorityAreOne() {
        assertThat(RawPriority.normalize("SEV-1")).isEqualTo("sev1");
        assertThat(RawPriority.normalize("Sev_1")).isEqualTo("sev1");
        assertThat(RawPriority.normalize("sev 1")).isEqualTo("sev1");
        assertThat(RawPriority.normalize("P0")).isEqualTo("p0");
    }

    @Test
    void anAlertHasItsSourceSeverityAndItsPriorityLabelAsPriorities() {
        assertThat(RawPriority.keys("critical", Map.of("severity", "critical", "priority", "P-1")))
                .containsExactly("critical", "p1");
        assertThat(RawPriority.keys(null, Map.of("priority", "P1"))).containsExactly("p1");
        assertThat(RawPriority.keys("Sev2", Map.of())).containsExactly("sev2");
        assertThat(RawPriority.keys(" ", null)).isEmpty();
    }
}
