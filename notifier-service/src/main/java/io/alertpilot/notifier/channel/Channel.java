package io.alertpilot.notifier.channel;

/**
 * A way to notify someone. Implementations are thread safe and never throw for a failed send: they answer a
 * {@link ChannelResult}. Retries and the circuit breaker are the {@link ChannelDispatcher}'s business.
 */
public interface Channel {

    /** The channel type, one of {@link io.alertpilot.notifier.escalation.ChannelNames#ALL}. */
    String name();

    /** True when {@code recipient} can be reached (its routing key, webhook URL or mail server is configured). */
    boolean configured(String recipient);

    /** Sends one message. */
    ChannelResult send(Page page);
}
