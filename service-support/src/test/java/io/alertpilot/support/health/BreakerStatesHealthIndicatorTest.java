package io.alertpilot.support.health;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.health.contributor.Status;

class BreakerStatesHealthIndicatorTest {

    @Test
    void showsEveryBreakerStateAndStaysUpWhenOneIsOpen() {
        var health = new BreakerStatesHealthIndicator(() -> Map.of("prod", "OPEN", "dev", "CLOSED")).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).containsExactly(Map.entry("dev", "CLOSED"), Map.entry("prod", "OPEN"));
    }

    @Test
    void isUpWithoutDetailsWhenThereIsNoBreaker() {
        var health = new BreakerStatesHealthIndicator(Map::of).health();

        assertThat(health.getStatus()).isEqualTo(Status.UP);
        assertThat(health.getDetails()).isEmpty();
    }
}
