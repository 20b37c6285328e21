package io.alertpilot.model.kafka;

/** A record value that cannot be read as the event it should be; not retryable. */
public class EventFormatException extends RuntimeException {

    public EventFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
