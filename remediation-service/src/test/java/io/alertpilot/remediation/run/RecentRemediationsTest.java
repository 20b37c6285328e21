package io.alertpilot.remediation.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.Target;
import io.alertpilot.model.remediation.RemediationEvent;
import io.alertpilot.model.remediation.RemediationPhase;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RecentRemediationsTest {

    private static final Instant T0 = Instant.parse("2026-01-01T10:00:00Z");

    @Test
    void anEventSeenOnceDirectlyAndOnceFromTheTopicIsKeptOnceAndEventsStayInTheOrderTheyOccurred() {
        RecentRemediations recent = new RecentRemediations(10);
        RemediationEvent pending = event("e1", RemediationPhase.PENDING_APPROVAL, 1);
        RemediationEvent started = event("e2", RemediationPhase.STARTED, 2);
        RemediationEvent verified = event("e3", RemediationPhase.VERIFIED, 3);

        recent.add(pending);
        recent.add(verified);
        recent.add(pending);
        recent.add(started);
        recent.add(verified);

        RecentRemediations.Entry entry = recent.get("r1");
        assertThat(entry.events()).extracting(RemediationEvent::eventId).containsExactly("e1", "e2", "e3");
        assertThat(entry.latest().phase()).isEqualTo(RemediationPhase.VERIFIED);
    }

    private static RemediationEvent event(String eventId, RemediationPhase phase, int second) {
        return new RemediationEvent(RemediationEvent.SCHEMA_VERSION, eventId, "r1", "a1", "fp", "Alert", "pb",
                "restart", Map.of(), new Target("default", "shop", "Deployment", "api", null, null, null, null, null), phase, null, null, false,
                T0.plusSeconds(second));
    }
}
