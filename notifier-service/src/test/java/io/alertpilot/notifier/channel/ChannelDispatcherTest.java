package io.alertpilot.notifier.channel;

import static org.assertj.core.api.Assertions.assertThat;

import io.alertpilot.model.alert.Severity;
import io.alertpilot.model.incident.Incident;
import io.alertpilot.model.incident.NotificationEvent;
import io.alertpilot.model.incident.NotificationOutcome;
import io.alertpilot.model.incident.PendingNotification;
import io.alertpilot.notifier.escalation.Contact;
import io.alertpilot.notifier.escalation.IncidentMachine;
import io.alertpilot.notifier.policy.PolicyLoader;
import io.alertpilot.notifier.escalation.ChannelNames;
import io.alertpilot.notifier.testing.Events;
import io.alertpilot.testing.TestClock;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.core.functions.Either;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class ChannelDispatcherTest {

    private static final DispatchSettings SETTINGS = new DispatchSettings(3, Duration.ofMillis(1),
            Duration.ofMillis(4), Duration.ofSeconds(60), 3, 3, 50, Duration.ofMinutes(10));

    private final TestClock clock = new TestClock();
    private final List<NotificationEvent> audit = new CopyOnWriteArrayList<>();

    /** A channel that answers the scripted results in order, then the last one again. */
    static final class Scripted implements Channel {
        final String name;
        final Deque<ChannelResult> script;
        int calls;

        Scripted(String name, ChannelResult... results) {
            this.name = name;
            this.script = new ArrayDeque<>(List.of(results));
        }

        @Override
        public String name() {
            return name;
        }

        @Override
        public boolean configured(String recipient) {
            return !recipient.equals("unknown");
        }

        @Override
        public ChannelResult send(Page page) {
            calls++;
            return script.size() > 1 ? script.poll() : script.peek();
        }
    }

    private Incident incident() {
        IncidentMachine machine = new IncidentMachine(() -> new PolicyLoader(new HashSet<>(ChannelNames.ALL))
                .load(null, true), Duration.ofSeconds(30), Duration.ofMinutes(10));
        return machine.onAlert(null, Events.firing("fp1", Severity.CRITICAL, clock.instant()), clock.instant())
                .incident();
    }

    private static PendingNotification page(String channel, String to, String fallbackChannel, String fallbackTo) {
        return new PendingNotification("r0s0:" + channel + ":" + to, channel, to, "trigger", 0, 0, fallbackChannel,
                fallbackTo);
    }

    @Test
    void retryAfterOfA429IsTheWaitBeforeTheNextAttempt() {
        var interval = ChannelDispatcher.interval(SETTINGS);
        assertThat(interval.apply(1, Either.right(new ChannelResult.Retryable(429, "slow down", Duration.ofSeconds(7)))))
                .isEqualTo(7000L);
        assertThat(interval.apply(1, Either.right(new ChannelResult.Retryable(429, "slow down", Duration.ofHours(1)))))
                .as("capped at maxRetryAfter").isEqualTo(60_000L);
        assertThat(interval.apply(1, Either.right(new ChannelResult.Retryable(503, "down", null)))).isEqualTo(1L);
        assertThat(interval.apply(3, Either.right(new ChannelResult.Retryable(503, "down", null)))).isEqualTo(4L);
        assertThat(interval.apply(9, Either.right(new ChannelResult.Retryable(503, "down", null)))).isEqualTo(4L);
    }

    @Test
    void aRetryableFailureIsRetriedAndEveryAttemptIsAudited() {
        Scripted slack = new Scripted("slack", new ChannelResult.Retryable(429, "rate_limited", Duration.ZERO),
                new ChannelResult.Delivered(200));
        ChannelDispatcher dispatcher = new ChannelDispatcher(List.of(slack), SETTINGS, audit::add, clock);
        Contact to = dispatcher.deliver(incident(), page("slack", "alerts", null, null));
        assertThat(to).isEqualTo(new Contact("slack", "alerts"));
        assertThat(slack.calls).isEqualTo(2);
        assertThat(audit).extracting(NotificationEvent::attempt, NotificationEvent::outcome).containsExactly(
                org.assertj.core.groups.Tuple.tuple(1, NotificationOutcome.RETRYABLE),
                org.assertj.core.groups.Tuple.tuple(2, NotificationOutcome.DELIVERED));
    }

    @Test
    void aPermanentFailureIsNotRetriedAndGoesToTheFallback() {
        Scripted pagerduty = new Scripted("pagerduty", new ChannelResult.Permanent(400, "invalid"));
        Scripted log = new Scripted("log", new ChannelResult.Delivered(0));
        ChannelDispatcher dispatcher = new ChannelDispatcher(List.of(pagerduty, log), SETTINGS, audit::add, clock);
        assertThat(dispatcher.deliver(incident(), page("pagerduty", "primary", "log", "pages")))
                .isEqualTo(new Contact("log", "pages"));
        assertThat(pagerduty.calls).isEqualTo(1);
        assertThat(audit.getLast().recipient()).isEqualTo("pages (fallback for pagerduty:primary)");
    }

    @Test
    void repeatedServerErrorsOpenTheBreakerAndLaterPagesSkipTheChannel() {
        Scripted webhook = new Scripted("webhook", new ChannelResult.Retryable(503, "down", null));
        Scripted slack = new Scripted("slack", new ChannelResult.Delivered(200));
        ChannelDispatcher dispatcher = new ChannelDispatcher(List.of(webhook, slack), SETTINGS, audit::add, clock);
        assertThat(dispatcher.deliver(incident(), page("webhook", "hook", "slack", "fallback")))
                .isEqualTo(new Contact("slack", "fallback"));
        assertThat(webhook.calls).isEqualTo(3);
        assertThat(dispatcher.breaker("webhook").getState()).isEqualTo(CircuitBreaker.State.OPEN);
        assertThat(dispatcher.breakerStates()).as("what health component channelBreakers shows")
                .containsExactly(Map.entry("slack", "CLOSED"), Map.entry("webhook", "OPEN"));

        audit.clear();
        assertThat(dispatcher.deliver(incident(), page("webhook", "hook", "slack", "fallback")))
                .isEqualTo(new Contact("slack", "fallback"));
        assertThat(webhook.calls).isEqualTo(3);
        assertThat(audit).extracting(NotificationEvent::channel, NotificationEvent::outcome, NotificationEvent::error)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple("webhook", NotificationOutcome.SKIPPED, "circuit-open"),
                        org.assertj.core.groups.Tuple.tuple("slack", NotificationOutcome.DELIVERED, null));
    }

    @Test
    void anUnconfiguredRecipientGoesToTheFallbackWithoutACall() {
        Scripted slack = new Scripted("slack", new ChannelResult.Delivered(200));
        Scripted log = new Scripted("log", new ChannelResult.Delivered(0));
        ChannelDispatcher dispatcher = new ChannelDispatcher(List.of(slack, log), SETTINGS, audit::add, clock);
        assertThat(dispatcher.deliver(incident(), page("slack", "unknown", "log", "pages")))
                .isEqualTo(new Contact("log", "pages"));
        assertThat(slack.calls).isZero();
        assertThat(audit.getFirst().outcome()).isEqualTo(NotificationOutcome.SKIPPED);
    }

    @Test
    void nobodyReceivingItAnswersNull() {
        Scripted slack = new Scripted("slack", new ChannelResult.Permanent(404, "no_service"));
        ChannelDispatcher dispatcher = new ChannelDispatcher(List.of(slack), SETTINGS, audit::add, clock);
        assertThat(dispatcher.deliver(incident(), page("slack", "alerts", null, null))).isNull();
    }
}
