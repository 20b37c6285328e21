package io.alertpilot.remediation.diagnose;

import java.time.Duration;
import java.util.Objects;

/**
 * How much a diagnosis gathers and for how long.
 *
 * @param timeout the longest a whole diagnosis may take; what is not gathered by then is a note
 * @param maxLogBytes the most bytes of log lines a diagnosis keeps (the newest lines are kept)
 * @param maxEvents the most Kubernetes events kept (the newest)
 * @param maxPods the most pods listed
 * @param redaction what is removed from log lines
 */
public record DiagnoseSettings(Duration timeout, int maxLogBytes, int maxEvents, int maxPods, Redaction redaction) {

    /** The log lines gathered before a page when the playbook says {@code diagnose: true}. */
    public static final int PAGE_LOG_LINES = 50;

    /** The service's defaults: 10s, 16 KiB of log, 20 events, 50 pods, the default redaction. */
    public static final DiagnoseSettings DEFAULTS = new DiagnoseSettings(Duration.ofSeconds(10), 16 * 1024, 20, 50,
            Redaction.of(null));

    public DiagnoseSettings {
        Objects.requireNonNull(timeout, "timeout");
        Objects.requireNonNull(redaction, "redaction");
        if (maxLogBytes < 1 || maxEvents < 1 || maxPods < 1) {
            throw new IllegalArgumentException("a diagnosis's bounds must be positive");
        }
    }
}
