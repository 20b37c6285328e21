package io.alertpilot.console.kafka;

/**
 * How many records a dead-letter topic holds now: its end offsets minus its earliest, over every partition.
 *
 * @param topic the topic name (ends in {@code -dlt})
 */
public record DeadLetterCount(String topic, long count) {
}
