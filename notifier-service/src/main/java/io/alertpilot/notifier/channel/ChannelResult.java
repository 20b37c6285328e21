package io.alertpilot.notifier.channel;

import java.time.Duration;

/** How one send ended: a value, never an exception. */
public sealed interface ChannelResult {

    /** The provider's HTTP status, 0 when there was none. */
    int httpStatus();

    /** The provider accepted it. */
    record Delivered(int httpStatus) implements ChannelResult {
    }

    /**
     * It failed in a way worth retrying (timeout, connection refused, 408, 429, 5xx).
     *
     * @param retryAfter how long the provider asked us to wait ({@code Retry-After}), or null
     */
    record Retryable(int httpStatus, String error, Duration retryAfter) implements ChannelResult {
    }

    /** It failed for good (400, 401, 403, 404, bad configuration): sending it again would fail again. */
    record Permanent(int httpStatus, String error) implements ChannelResult {
    }
}
