package io.alertpilot.notifier.channel;

import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.NotificationEvent;
import io.alertpilot.model.incident.NotificationOutcome;
import io.alertpilot.model.incident.PendingNotification;
import io.alertpilot.notifier.escalation.Contact;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalBiFunction;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends one decided notification through its channel, with that channel's own Resilience4j circuit breaker and a
 * retry that waits what a 429's {@code Retry-After} asks (else an exponential backoff). When the channel cannot
 * deliver (breaker open, recipient not configured, retries used up, permanent failure) the policy's fallback
 * contact carries it. Every attempt, and every send refused by an open breaker, is reported to the
 * {@link NotificationAudit}.
 *
 * <p>Blocks the calling thread while it waits between attempts: call it from a virtual thread. Thread safe.
 */
public final class ChannelDispatcher {

    private static final Logger log = LoggerFactory.getLogger(ChannelDispatcher.class);

    private final Map<String, Channel> channels = new HashMap<>();
    private final Map<String, CircuitBreaker> breakers = new HashMap<>();
    private final Map<String, Retry> retries = new HashMap<>();
    private final CircuitBreakerRegistry breakerRegistry;
    private final NotificationAudit audit;
    private final Clock clock;
    private final ApprovalLinks links;

    /** A dispatcher whose approval pages link to {@link ApprovalLinks#LOCAL}. */
    public ChannelDispatcher(List<Channel> channels, DispatchSettings settings, NotificationAudit audit, Clock clock) {
        this(channels, settings, audit, clock, ApprovalLinks.LOCAL);
    }

    /** @param links where approval pages send people to approve */
    public ChannelDispatcher(List<Channel> channels, DispatchSettings settings, NotificationAudit audit, Clock clock,
            ApprovalLinks links) {
        this.audit = audit;
        this.clock = clock;
        this.links = links;
        CircuitBreakerConfig breakerConfig = CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.breakerWindow())
                .minimumNumberOfCalls(settings.breakerMinimumCalls())
                .failureRateThreshold(settings.breakerFailureRate())
                .waitDurationInOpenState(settings.breakerOpenFor())
                .permittedNumberOfCallsInHalfOpenState(1)
                .recordResult(result -> result instanceof ChannelResult.Retryable)
                .build();
        this.breakerRegistry = CircuitBreakerRegistry.of(breakerConfig);
        RetryConfig retryConfig = RetryConfig.<ChannelResult>custom()
                .maxAttempts(settings.maxAttempts())
                .retryOnResult(result -> result instanceof ChannelResult.Retryable)
                .retryOnException(e -> false)
                .failAfterMaxAttempts(false)
                .intervalBiFunction(interval(settings))
                .build();
        for (Channel channel : channels) {
            this.channels.put(channel.name(), channel);
            breakers.put(channel.name(), breakerRegistry.circuitBreaker("notifier-" + channel.name()));
            retries.put(channel.name(), Retry.of("notifier-" + channel.name(), retryConfig));
        }
    }

    /**
     * The wait before the next attempt: the provider's {@code Retry-After} (at most {@code maxRetryAfter}) when it
     * gave one, else {@code initialBackoff * 2^(attempt-1)} up to {@code maxBackoff}.
     */
    static IntervalBiFunction<ChannelResult> interval(DispatchSettings settings) {
        return (attempt, either) -> {
            if (either.isRight() && either.get() instanceof ChannelResult.Retryable retryable
                    && retryable.retryAfter() != null) {
                Duration wait = retryable.retryAfter();
                return (wait.compareTo(settings.maxRetryAfter()) > 0 ? settings.maxRetryAfter() : wait).toMillis();
            }
            long backoff = settings.initialBackoff().toMillis() << Math.min(Math.max(attempt - 1, 0), 20);
            return Math.min(backoff, settings.maxBackoff().toMillis());
        };
    }

    /** The breakers, for metrics. */
    public CircuitBreakerRegistry breakerRegistry() {
        return breakerRegistry;
    }

    /** The state of each channel's breaker ({@code CLOSED}, {@code OPEN}, {@code HALF_OPEN}, ...), by channel name. */
    public Map<String, String> breakerStates() {
        Map<String, String> states = new TreeMap<>();
        breakers.forEach((channel, breaker) -> states.put(channel, breaker.getState().name()));
        return states;
    }

    /** The breaker of {@code channel}, for tests and health. */
    public CircuitBreaker breaker(String channel) {
        return breakers.get(channel);
    }

    /**
     * Sends {@code notification} of {@code incident}.
     *
     * @return the contact that received it (the intended one or the fallback), or null when nobody did
     */
    public Contact deliver(Incident incident, PendingNotification notification) {
        Contact intended = new Contact(notification.channel(), notification.recipient());
        if (attempt(incident, notification, intended, intended)) {
            return intended;
        }
        if (notification.fallbackChannel() != null) {
            Contact fallback = new Contact(notification.fallbackChannel(), notification.fallbackRecipient());
            log.warn("Channel {} could not deliver {} of incident {}: the fallback {} carries it", intended.channel(),
                    notification.action(), incident.id(), fallback);
            if (attempt(incident, notification, fallback, intended)) {
                return fallback;
            }
        }
        log.error("Nobody received {} of incident {} (step {}) meant for {}", notification.action(), incident.id(),
                notification.step(), intended);
        return null;
    }

    private boolean attempt(Incident incident, PendingNotification notification, Contact contact, Contact intended) {
        Channel channel = channels.get(contact.channel());
        if (channel == null || !channel.configured(contact.to())) {
            report(incident, notification, contact, intended, NotificationOutcome.SKIPPED, 0, 0, 0,
                    "channel " + contact.channel() + " is not configured for " + contact.to());
            return false;
        }
        Page page = new Page(incident, notification.action(), notification.step(), notification.repeat(), contact,
                intended, notification.approval() == null ? null : links.notice(notification.approval()),
                notification.level(), notification.note());
        CircuitBreaker breaker = breakers.get(channel.name());
        AtomicInteger attempts = new AtomicInteger();
        Supplier<ChannelResult> call = CircuitBreaker.decorateSupplier(breaker, () -> {
            int number = attempts.incrementAndGet();
            long start = System.nanoTime();
            ChannelResult result = send(channel, page);
            long latency = Duration.ofNanos(System.nanoTime() - start).toMillis();
            report(incident, notification, contact, intended, outcome(result), number, result.httpStatus(), latency,
                    switch (result) {
                        case ChannelResult.Delivered d -> null;
                        case ChannelResult.Retryable r -> r.error();
                        case ChannelResult.Permanent p -> p.error();
                    });
            return result;
        });
        try {
            ChannelResult result = Retry.decorateSupplier(retries.get(channel.name()), call).get();
            return result instanceof ChannelResult.Delivered;
        } catch (CallNotPermittedException e) {
            report(incident, notification, contact, intended, NotificationOutcome.SKIPPED, attempts.get() + 1, 0, 0,
                    "circuit-open");
            return false;
        }
    }

    private static ChannelResult send(Channel channel, Page page) {
        try {
            return channel.send(page);
        } catch (RuntimeException e) {
            // a channel must answer a result; a bug in one is treated as permanent so that the fallback takes over
            log.error("Channel {} threw instead of answering a result", channel.name(), e);
            return new ChannelResult.Permanent(0, "channel error: " + e.getClass().getSimpleName());
        }
    }

    private static NotificationOutcome outcome(ChannelResult result) {
        return switch (result) {
            case ChannelResult.Delivered d -> NotificationOutcome.DELIVERED;
            case ChannelResult.Retryable r -> NotificationOutcome.RETRYABLE;
            case ChannelResult.Permanent p -> NotificationOutcome.FAILED;
        };
    }

    private void report(Incident incident, PendingNotification notification, Contact contact, Contact intended,
            NotificationOutcome outcome, int attempt, int httpStatus, long latency, String error) {
        String recipient = contact.equals(intended) ? contact.to() : contact.to() + " (fallback for " + intended + ")";
        audit.record(new NotificationEvent(NotificationEvent.SCHEMA_VERSION, UUID.randomUUID().toString(),
                incident.id(), contact.channel(), notification.action(), notification.step(), notification.repeat(),
                recipient, outcome, attempt, httpStatus, latency, error, clock.instant(), notification.level()));
    }

    /** Reports a notification that was decided but is abandoned unsent (its outcome was in doubt after a restart). */
    public void abandoned(Incident incident, PendingNotification notification) {
        Contact contact = new Contact(notification.channel(), notification.recipient());
        report(incident, notification, contact, contact, NotificationOutcome.SKIPPED, 0, 0, 0,
                "in doubt after a restart: not sent again, it may have been sent before");
    }
}
