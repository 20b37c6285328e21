package io.alertpilot.notifier.channel;

import java.time.Duration;

/**
 * Retry and circuit-breaker settings of every channel.
 *
 * @param maxAttempts attempts per send, the first included
 * @param initialBackoff wait before the second attempt when the provider gave no {@code Retry-After}; doubles each time
 * @param maxBackoff the longest wait between attempts without {@code Retry-After}
 * @param maxRetryAfter the longest {@code Retry-After} honoured; a longer one is cut to this
 * @param breakerWindow the number of recent calls the breaker looks at
 * @param breakerMinimumCalls calls needed before the breaker may open
 * @param breakerFailureRate percentage of failed calls (retryable results) that opens the breaker
 * @param breakerOpenFor how long an open breaker refuses calls before it lets one through
 */
public record DispatchSettings(
        int maxAttempts,
        Duration initialBackoff,
        Duration maxBackoff,
        Duration maxRetryAfter,
        int breakerWindow,
        int breakerMinimumCalls,
        float breakerFailureRate,
        Duration breakerOpenFor) {

    public DispatchSettings {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
    }
}
