package io.alertpilot.model.maintenance;

import io.alertpilot.model.alert.Target;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The maintenance windows a replica knows, as a read view (the live one reads them from Kafka). Implementations are
 * thread safe; {@link #NONE} knows none.
 */
public interface MaintenanceWindows {

    /** A view without any window. */
    MaintenanceWindows NONE = List::of;

    /** Every window, whatever its state. */
    Collection<MaintenanceWindow> all();

    /** The window {@code id}, if known. */
    default Optional<MaintenanceWindow> find(String id) {
        return all().stream().filter(w -> w.id().equals(id)).findFirst();
    }

    /** The windows active at {@code instant} that cover the alert with {@code labels} about {@code target}. */
    default List<MaintenanceWindow> covering(Instant instant, Map<String, String> labels, Target target) {
        return all().stream().filter(w -> w.activeAt(instant) && w.covers(labels, target)).toList();
    }
}
