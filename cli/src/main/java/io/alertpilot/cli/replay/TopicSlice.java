package io.alertpilot.cli.replay;

import java.util.List;

/**
 * The events of one topic in a time range, in record-time order (ties in partition and offset order).
 *
 * @param unreadable how many records in the range were not a valid event and were left out
 */
public record TopicSlice<T>(String topic, List<Recorded<T>> events, int unreadable) {

    public TopicSlice {
        events = List.copyOf(events);
    }
}
