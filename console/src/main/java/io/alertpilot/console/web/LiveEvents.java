package io.alertpilot.console.web;

import io.alertpilot.readmodel.Change;
import io.alertpilot.readmodel.ReadModel;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import jakarta.servlet.http.HttpSessionEvent;
import jakarta.servlet.http.HttpSessionListener;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /events}: the read model's changes as server-sent events, named {@code incident}, {@code remediation} or
 * {@code window}, and also {@code <kind>-<id>} (e.g. {@code incident-fp-1}, for the page of that one item), with the
 * changed id as data; the pages reload what changed when one arrives.
 *
 * <p>Each stream has its own small set of waiting events ({@link LiveStream}: a change already waiting is not queued
 * twice, and a stream that falls {@link LiveStream#MAX_PENDING} behind is closed); streams are written by a bounded
 * pool, one flush per stream at a time, so a stalled browser holds up only itself and the read model's listener never
 * waits. A session has at most {@link #STREAMS_PER_SESSION} streams (opening one more closes its oldest, whose browser
 * is told to wait a minute before it reconnects), and its streams close when it ends (logout or timeout). Thread
 * safe.
 */
@Controller
class LiveEvents implements DisposableBean, HttpSessionListener, ApplicationListener<ContextClosedEvent> {

    /** How many streams one session may hold open (tabs); the oldest is closed when one more opens. */
    static final int STREAMS_PER_SESSION = 4;

    /** How long one stream stays open; the browser's EventSource reconnects after it. */
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    /** How long the browser waits before it reconnects a broken stream. */
    private static final Duration RECONNECT = Duration.ofSeconds(3);

    /** How long a browser whose stream a newer one of its session replaced waits before it reconnects. */
    private static final Duration REPLACED_RECONNECT = Duration.ofMinutes(1);

    private static final int SENDERS = 4;
    private static final int WAITING_FLUSHES = 1024;

    private final Set<LiveStream> streams = ConcurrentHashMap.newKeySet();
    private final Map<String, Deque<LiveStream>> bySession = new HashMap<>();
    private final ThreadPoolExecutor sender = new ThreadPoolExecutor(SENDERS, SENDERS, 1, TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(WAITING_FLUSHES), Thread.ofVirtual().name("console-live-events-", 0).factory());

    LiveEvents(ReadModel readModel) {
        readModel.addListener(this::publish);
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events(HttpServletRequest request) {
        SseEmitter emitter = new SseEmitter(STREAM_TIMEOUT.toMillis());
        HttpSession session = request.getSession(false);
        LiveStream stream = new LiveStream(emitter, session == null ? "" : session.getId());
        emitter.onCompletion(() -> forget(stream));
        emitter.onTimeout(() -> forget(stream));
        emitter.onError(error -> forget(stream));
        register(stream);
        try {
            // sent at once, so that the browser sees the stream open before the first change
            emitter.send(SseEmitter.event().comment("connected").reconnectTime(RECONNECT.toMillis()));
        } catch (IOException e) {
            forget(stream);
            emitter.completeWithError(e);
        }
        return emitter;
    }

    /** The events one change is sent as: its kind, and its kind with its id. */
    static List<LiveStream.Event> events(Change change) {
        String kind = change.what().name().toLowerCase(Locale.ROOT);
        return List.of(new LiveStream.Event(kind, change.id()),
                new LiveStream.Event(kind + "-" + change.id(), change.id()));
    }

    private void publish(Change change) {
        List<LiveStream.Event> events = events(change);
        for (LiveStream stream : streams) {
            for (LiveStream.Event event : events) {
                switch (stream.offer(event)) {
                    case QUEUED -> { }
                    case SCHEDULE -> schedule(stream);
                    case FULL -> stream.close();
                }
            }
        }
    }

    private void schedule(LiveStream stream) {
        try {
            sender.execute(() -> {
                if (!stream.flush()) {
                    forget(stream);
                }
            });
        } catch (RejectedExecutionException tooMany) {
            stream.close();
        }
    }

    private void register(LiveStream stream) {
        LiveStream oldest = null;
        synchronized (bySession) {
            Deque<LiveStream> open = bySession.computeIfAbsent(stream.session(), s -> new ArrayDeque<>());
            open.addLast(stream);
            if (open.size() > STREAMS_PER_SESSION) {
                oldest = open.removeFirst();
            }
        }
        streams.add(stream);
        if (oldest != null) {
            LiveStream replaced = oldest;
            streams.remove(replaced);
            try {
                sender.execute(() -> replaced.replaced(REPLACED_RECONNECT));
            } catch (RejectedExecutionException tooMany) {
                replaced.close();
            }
        }
    }

    private void forget(LiveStream stream) {
        streams.remove(stream);
        synchronized (bySession) {
            Deque<LiveStream> open = bySession.get(stream.session());
            if (open != null && open.remove(stream) && open.isEmpty()) {
                bySession.remove(stream.session());
            }
        }
    }

    /** A session ended (logout, timeout): its streams close. */
    @Override
    public void sessionDestroyed(HttpSessionEvent event) {
        List<LiveStream> open;
        synchronized (bySession) {
            Deque<LiveStream> removed = bySession.remove(event.getSession().getId());
            open = removed == null ? List.of() : List.copyOf(removed);
        }
        open.forEach(stream -> {
            streams.remove(stream);
            stream.close();
        });
    }

    /**
     * Closes every stream as soon as the application starts to close, before the web server's graceful shutdown waits
     * for the requests in flight: an open stream would otherwise hold the shutdown for its whole grace period.
     */
    @Override
    public void onApplicationEvent(ContextClosedEvent event) {
        streams.forEach(LiveStream::close);
    }

    @Override
    public void destroy() {
        sender.shutdownNow();
        streams.forEach(LiveStream::close);
    }
}
