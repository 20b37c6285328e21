package io.alertpilot.support.kafka;

/**
 * Kafka did not acknowledge a record: the broker refused it, the producer could not send it, or the deadline passed
 * first. Retryable (the broker may come back); the record may still have been written, which readers handle as a
 * redelivery. Carries the topic and key of the record, never its value.
 */
public class KafkaNotAcknowledgedException extends RuntimeException {

    private final String topic;
    private final String key;

    public KafkaNotAcknowledgedException(String topic, String key, String reason, Throwable cause) {
        super("Kafka did not acknowledge the record " + key + " on " + topic + ": " + reason, cause);
        this.topic = topic;
        this.key = key;
    }

    /** The topic of the record. */
    public String topic() {
        return topic;
    }

    /** The key of the record (an id: fingerprint, incident id, target key). */
    public String key() {
        return key;
    }
}
