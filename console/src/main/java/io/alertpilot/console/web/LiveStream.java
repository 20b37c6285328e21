package io.alertpilot.console.web;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One browser's open {@code /events} stream and the events waiting to be sent to it: a small set, so that an event
 * already waiting is not queued twice (a storm of changes to one incident is sent once), bounded by
 * {@link #MAX_PENDING}. At most one flush of a stream runs at a time. Thread safe.
 */
final class LiveStream {

    /** The most distinct events that wait for one stream; beyond it the stream is closed (the page reconnects). */
    static final int MAX_PENDING = 256;

    /** One server-sent event: its name and its data (the changed id). */
    record Event(String name, String data) {
    }

    /** What {@link #offer} did with an event. */
    enum Offer {
        /** Waiting, a flush is already under way or scheduled. */
        QUEUED,
        /** Waiting; the caller must schedule a {@link #flush()}. */
        SCHEDULE,
        /** Not taken: too much is waiting already; the caller closes the stream. */
        FULL
    }

    private final SseEmitter emitter;
    private final String session;
    private final Set<Event> pending = new LinkedHashSet<>();
    private boolean scheduled;

    LiveStream(SseEmitter emitter, String session) {
        this.emitter = emitter;
        this.session = session;
    }

    /** The id of the HTTP session that opened the stream. */
    String session() {
        return session;
    }

    synchronized Offer offer(Event event) {
        if (!pending.contains(event) && pending.size() >= MAX_PENDING) {
            return Offer.FULL;
        }
        pending.add(event);
        if (scheduled) {
            return Offer.QUEUED;
        }
        scheduled = true;
        return Offer.SCHEDULE;
    }

    /** Sends what is waiting, and what arrives meanwhile, until nothing is. Answers false when the stream is gone. */
    boolean flush() {
        while (true) {
            List<Event> batch;
            synchronized (this) {
                if (pending.isEmpty()) {
                    scheduled = false;
                    return true;
                }
                batch = List.copyOf(pending);
                pending.clear();
            }
            try {
                for (Event event : batch) {
                    emitter.send(SseEmitter.event().name(event.name()).data(event.data()));
                }
            } catch (IOException | IllegalStateException gone) {
                return false;
            }
        }
    }

    /**
     * Ends the stream as one that a newer stream of its session replaced: its browser is told to wait
     * {@code reconnect} before it reconnects, so that tabs beyond the limit do not keep closing each other.
     */
    void replaced(Duration reconnect) {
        try {
            emitter.send(SseEmitter.event().comment("replaced by a newer stream").reconnectTime(reconnect.toMillis()));
        } catch (IOException | IllegalStateException gone) {
            // closed below all the same
        }
        close();
    }

    /** Ends the stream; the browser's EventSource reconnects (and its page reloads what it shows). */
    void close() {
        try {
            emitter.complete();
        } catch (IllegalStateException alreadyDone) {
            // completed already
        }
    }
}
