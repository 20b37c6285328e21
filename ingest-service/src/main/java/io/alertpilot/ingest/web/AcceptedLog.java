package io.alertpilot.ingest.web;

import io.alertpilot.ingest.IngestMetrics;
import io.alertpilot.model.alert.AlertEvent;
import io.alertpilot.model.alert.AlertSource;
import io.alertpilot.support.concurrent.PeriodicTask;
import java.time.Duration;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * The INFO log of accepted requests: one line per request while a source's requests come less often than once an
 * {@link #INTERVAL}; faster, the requests after a line are summed and told once per interval and source, so that a
 * storm writes a few lines a second, not one per request (each structured line cost about a sixteenth of a
 * request's CPU). Every alert at DEBUG; every request's alerts are counted in {@code alertpilot.ingest.alerts}.
 * Thread safe.
 */
@Component
final class AcceptedLog extends PeriodicTask {

    /** At most one line per request of a source within this interval; the rest are summed into the next line. */
    static final Duration INTERVAL = Duration.ofSeconds(1);

    private static final Logger log = LoggerFactory.getLogger(WebhookController.class);

    private final Map<AlertSource, Folded> folded;

    AcceptedLog() {
        this(folded());
    }

    private AcceptedLog(Map<AlertSource, Folded> folded) {
        super("accepted-log", INTERVAL, () -> flush(folded));
        this.folded = folded;
    }

    /** Logs the requests summed since each source's last line, one line per source that has some. */
    void flush() {
        flush(folded);
    }

    private static void flush(Map<AlertSource, Folded> folded) {
        folded.values().forEach(Folded::flush);
    }

    private static Map<AlertSource, Folded> folded() {
        Map<AlertSource, Folded> folded = new EnumMap<>(AlertSource.class);
        for (AlertSource source : AlertSource.values()) {
            folded.put(source, new Folded(IngestMetrics.SOURCE_NAMES.get(source)));
        }
        return folded;
    }

    /** Logs (or sums into the next line) the accepted {@code alerts} of one request from {@code source}. */
    void accepted(AlertSource source, List<AlertEvent> alerts) {
        if (log.isInfoEnabled()) {
            int firing = 0;
            for (AlertEvent alert : alerts) {
                firing += alert.firing() ? 1 : 0;
            }
            folded.get(source).accepted(alerts.size(), firing);
        }
        if (log.isDebugEnabled()) {
            for (AlertEvent alert : alerts) {
                try (MDC.MDCCloseable fingerprint = MDC.putCloseable("alert.fingerprint", alert.fingerprint());
                        MDC.MDCCloseable name = MDC.putCloseable("alert.name", alert.name())) {
                    log.debug("Accepted {} alert {} ({}, severity {}, event {}) for {}", alert.status(), alert.name(),
                            alert.fingerprint(), alert.severity(), alert.eventId(), alert.target().key());
                }
            }
        }
    }

    /** One source's requests since its last line. */
    private static final class Folded {

        private final String source;
        private long lastLine = System.nanoTime() - INTERVAL.toNanos();
        private long requests;
        private long alerts;
        private long firing;

        Folded(String source) {
            this.source = source;
        }

        void accepted(int alerts, int firing) {
            synchronized (this) {
                if (System.nanoTime() - lastLine < INTERVAL.toNanos()) {
                    this.requests++;
                    this.alerts += alerts;
                    this.firing += firing;
                    return;
                }
                lastLine = System.nanoTime();
            }
            log.info("Accepted {} alert(s) from {}: {} firing, {} resolved", alerts, source, firing, alerts - firing);
        }

        void flush() {
            long requests;
            long alerts;
            long firing;
            synchronized (this) {
                if (this.requests == 0) {
                    return;
                }
                requests = this.requests;
                alerts = this.alerts;
                firing = this.firing;
                this.requests = 0;
                this.alerts = 0;
                this.firing = 0;
                lastLine = System.nanoTime();
            }
            log.info("Accepted {} alert(s) from {} in {} more request(s) since the last line: {} firing, {} resolved",
                    alerts, source, requests, firing, alerts - firing);
        }
    }
}
