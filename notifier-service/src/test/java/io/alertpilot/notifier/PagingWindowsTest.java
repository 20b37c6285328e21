package io.alertpilot.notifier;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.Target;
import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.WindowMatcher;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class PagingWindowsTest {

    private static final Instant NOW = Instant.parse("2026-11-30T08:00:00Z");
    private static final Target SHOP = new Target("prod", "shop", "Deployment", "api", null, null, null, null, null);
    private static final MaintenanceWindow NO_PAGING = new MaintenanceWindow("w-1",
            List.of(WindowMatcher.equal("namespace", "shop")), NOW, null, null, false, false, "upgrade", "alice", NOW,
            null, null);

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final AtomicReference<Optional<Collection<MaintenanceWindow>>> topic =
            new AtomicReference<>(Optional.of(List.of(NO_PAGING)));
    private final PagingWindows windows = new PagingWindows(topic::get, registry);

    @Test
    void aReadableTopicHoldsAsItsWindowsSay() {
        assertThat(windows.covering(NOW, Map.of(), SHOP)).containsExactly(NO_PAGING);
        assertThat(unreadable()).isZero();
    }

    @Test
    void anUnreadableTopicCountsAsNoWindowSoNoPageIsHeldAndEachAnswerIsCounted() {
        topic.set(Optional.empty());
        assertThat(windows.covering(NOW, Map.of(), SHOP)).isEmpty();
        assertThat(windows.all()).isEmpty();
        assertThat(unreadable()).isEqualTo(2);

        topic.set(Optional.of(List.of(NO_PAGING)));
        assertThat(windows.covering(NOW, Map.of(), SHOP)).as("readable again").containsExactly(NO_PAGING);
        assertThat(unreadable()).isEqualTo(2);
    }

    @Test
    void aFailingReadCountsAsNoWindowToo() {
        PagingWindows failing = new PagingWindows(() -> {
            throw new IllegalStateException("the topic alertpilot.maintenance-windows.v1 could not be read");
        }, registry);
        assertThat(failing.covering(NOW, Map.of(), SHOP)).isEmpty();
        assertThat(unreadable()).isEqualTo(1);
    }

    private double unreadable() {
        return registry.get("alertpilot.notifier.maintenance.unreadable").counter().count();
    }
}
