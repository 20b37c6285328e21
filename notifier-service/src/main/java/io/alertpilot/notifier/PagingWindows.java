package io.alertpilot.notifier;

import io.alertpilot.model.maintenance.MaintenanceWindow;
import io.alertpilot.model.maintenance.MaintenanceWindows;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The maintenance windows as the notifier pages by them: when the window topic cannot be read (not yet, or no
 * longer), there is no window, so a page is never held by a window nobody can see. Never waits. Each answer given
 * without the windows is counted ({@code alertpilot.notifier.maintenance.unreadable}); the first of an outage is
 * logged at WARN, the first after it at INFO. Thread safe.
 */
final class PagingWindows implements MaintenanceWindows {

    private static final Logger log = LoggerFactory.getLogger(PagingWindows.class);

    private final Supplier<Optional<Collection<MaintenanceWindow>>> current;
    private final Counter unreadable;
    private final AtomicBoolean outage = new AtomicBoolean();

    /** @param current the windows when they can be read now, without waiting; empty when they cannot */
    PagingWindows(Supplier<Optional<Collection<MaintenanceWindow>>> current, MeterRegistry registry) {
        this.current = current;
        this.unreadable = Counter.builder("alertpilot.notifier.maintenance.unreadable")
                .description("escalation checks answered without maintenance windows, the window topic being unreadable")
                .register(registry);
    }

    @Override
    public Collection<MaintenanceWindow> all() {
        Optional<Collection<MaintenanceWindow>> windows;
        try {
            windows = current.get();
        } catch (RuntimeException e) {
            windows = Optional.empty();
        }
        if (windows.isPresent()) {
            if (outage.compareAndSet(true, false)) {
                log.info("maintenance windows are readable again: pages are held as their windows say");
            }
            return windows.get();
        }
        unreadable.increment();
        if (outage.compareAndSet(false, true)) {
            log.warn("maintenance windows cannot be read: pages go out as if there were no window until they can");
        }
        return List.of();
    }
}
