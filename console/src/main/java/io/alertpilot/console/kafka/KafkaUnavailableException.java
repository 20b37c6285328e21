package io.alertpilot.console.kafka;

/** The broker did not answer the health page's question in time. */
public class KafkaUnavailableException extends RuntimeException {

    public KafkaUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
