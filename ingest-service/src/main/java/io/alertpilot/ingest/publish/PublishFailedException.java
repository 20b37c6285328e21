package io.alertpilot.ingest.publish;

/**
 * Kafka did not acknowledge every record of a request in time. Retryable: the caller answers 503 so that the sender
 * tries again; some records may have reached Kafka, which downstream handles as a redelivery.
 */
public class PublishFailedException extends RuntimeException {

    public PublishFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
