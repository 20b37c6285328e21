package io.alertpilot.model.incident;

/** How one notification attempt ended. */
public enum NotificationOutcome {
    /** The provider accepted it. */
    DELIVERED,
    /** It failed in a way that is worth retrying (timeout, 429, 5xx). */
    RETRYABLE,
    /** It failed for good (400, 401, 403, bad configuration). */
    FAILED,
    /** It was not sent: its breaker was open, or it had been sent before. */
    SKIPPED
}
