package io.alertpilot.console.kafka;

/**
 * How far one consumer group is behind: the sum over its partitions of end offset minus committed offset.
 *
 * @param group the consumer group id
 * @param lag the records not yet consumed; -1 when the group is not known to the broker
 * @param partitions how many partitions the group has committed offsets for
 */
public record GroupLag(String group, long lag, int partitions) {

    /** True when the broker knows the group (it committed at least once). */
    public boolean known() {
        return lag >= 0;
    }
}
