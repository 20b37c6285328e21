package io.alertpilot.notifier.incident;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.PendingNotification;
import io.alertpilot.notifier.channel.ChannelDispatcher;
import io.alertpilot.notifier.escalation.Contact;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Sends the pages an incident version decided: each through the {@link ChannelDispatcher} on the delivery executor
 * (virtual threads in production), then hands the outcome to the {@link Outcome} the caller gave. Keeps the sends in
 * progress ({@code incidentId/notificationId}) so a recovery leaves them alone. Thread safe.
 */
final class Deliveries implements AutoCloseable {

    /** Records how one send ended. */
    @FunctionalInterface
    interface Outcome {

        /**
         * @param deliveredTo the contact that received it (possibly the fallback), or null when nothing was delivered
         */
        void record(PendingNotification sent, Contact deliveredTo);
    }

    private static final Logger log = LoggerFactory.getLogger(Deliveries.class);

    private final ChannelDispatcher dispatcher;
    private final ExecutorService executor;
    private final Set<String> inFlight = ConcurrentHashMap.newKeySet();

    Deliveries(ChannelDispatcher dispatcher, ExecutorService executor) {
        this.dispatcher = dispatcher;
        this.executor = executor;
    }

    /** Notes that {@code pending} of incident {@code id} is about to be sent; called before the version is let go. */
    void reserve(String id, PendingNotification pending) {
        inFlight.add(key(id, pending));
    }

    /** The sends reserved or in progress, as {@code incidentId/notificationId}. */
    Set<String> inFlight() {
        return Set.copyOf(inFlight);
    }

    /** Audits {@code abandoned}, an entry of {@code incident}'s outbox dropped unsent. */
    void abandon(Incident incident, PendingNotification abandoned) {
        dispatcher.abandoned(incident, abandoned);
    }

    /** Starts sending {@code pending} (reserved before) of {@code snapshot}; {@code outcome} records its end. */
    void start(Incident snapshot, PendingNotification pending, Outcome outcome) {
        String key = key(snapshot.id(), pending);
        try {
            executor.execute(() -> {
                try (var fingerprint = MDC.putCloseable("alert.fingerprint", snapshot.fingerprint())) {
                    outcome.record(pending, dispatcher.deliver(snapshot, pending));
                } catch (RuntimeException e) {
                    log.error("Recording the send {} of incident {} failed", pending.id(), snapshot.id(), e);
                } finally {
                    inFlight.remove(key);
                }
            });
        } catch (RuntimeException e) {
            inFlight.remove(key);
            log.error("Send {} of incident {} could not be started", pending.id(), snapshot.id(), e);
        }
    }

    private static String key(String id, PendingNotification pending) {
        return id + "/" + pending.id();
    }

    /** Stops starting sends; waits a little for those in progress. */
    @Override
    public void close() {
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
