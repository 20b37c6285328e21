package io.alertpilot.readmodel;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;

/**
 * Health of the read model ({@code readModel}): UP once its follower has read the topics to the end offsets seen at
 * start, with the number of events held; DOWN while it is still reading them, when its follower stopped, or when its
 * follower's thread died of an error.
 */
public final class ReadModelHealthIndicator implements HealthIndicator {

    private final ReadModelFollower follower;
    private final ReadModel model;

    public ReadModelHealthIndicator(ReadModelFollower follower, ReadModel model) {
        this.follower = follower;
        this.model = model;
    }

    @Override
    public Health health() {
        if (follower.failure() != null) {
            return Health.down().withDetail("reason", "the follower died: " + follower.failure())
                    .withDetail("events", model.size()).build();
        }
        if (!follower.running()) {
            return Health.down().withDetail("reason", "the topics are not followed").build();
        }
        if (!follower.caughtUp()) {
            return Health.down().withDetail("reason", "the topics are being read").withDetail("events", model.size())
                    .build();
        }
        return Health.up().withDetail("events", model.size()).build();
    }
}
