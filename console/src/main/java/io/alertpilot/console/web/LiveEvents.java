package io.alertpilot.console.web;

import io.alertpilot.readmodel.Change;
import io.alertpilot.readmodel.ReadModel;
import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * {@code GET /events}: the read model's changes as server-sent events, named {@code incident}, {@code remediation} or
 * {@code window}, with the changed id as data; the pages reload what changed when one arrives. The read model's
 * listener only hands each change to one sending thread, so a slow browser never holds up the read model.
 */
@Controller
class LiveEvents implements DisposableBean {

    /** How long one stream stays open; the browser's EventSource reconnects after it. */
    private static final Duration STREAM_TIMEOUT = Duration.ofMinutes(30);

    /** How long the browser waits before it reconnects a broken stream. */
    private static final Duration RECONNECT = Duration.ofSeconds(3);

    private final Set<SseEmitter> streams = ConcurrentHashMap.newKeySet();
    private final ExecutorService sender = Executors.newSingleThreadExecutor(Thread.ofVirtual()
            .name("console-live-events").factory());

    LiveEvents(ReadModel readModel) {
        readModel.addListener(change -> sender.execute(() -> send(change)));
    }

    @GetMapping(path = "/events", produces = MediaType.TEXT_EVENT_STREAM_VALUE)
    SseEmitter events() {
        SseEmitter stream = new SseEmitter(STREAM_TIMEOUT.toMillis());
        streams.add(stream);
        stream.onCompletion(() -> streams.remove(stream));
        stream.onTimeout(() -> streams.remove(stream));
        stream.onError(error -> streams.remove(stream));
        try {
            // sent at once, so that the browser sees the stream open before the first change
            stream.send(SseEmitter.event().comment("connected").reconnectTime(RECONNECT.toMillis()));
        } catch (IOException e) {
            streams.remove(stream);
            stream.completeWithError(e);
        }
        return stream;
    }

    private void send(Change change) {
        SseEmitter.SseEventBuilder event = SseEmitter.event().name(change.what().name().toLowerCase(Locale.ROOT))
                .data(change.id());
        for (SseEmitter stream : streams) {
            try {
                stream.send(event);
            } catch (IOException | IllegalStateException gone) {
                streams.remove(stream);
            }
        }
    }

    @Override
    public void destroy() {
        sender.shutdownNow();
        streams.forEach(SseEmitter::complete);
    }
}
