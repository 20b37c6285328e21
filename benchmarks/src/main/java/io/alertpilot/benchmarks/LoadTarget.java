package io.alertpilot.benchmarks;

import java.util.List;
import java.util.Map;

/**
 * Something that takes a group of alerts and answers once it holds them durably, or failed. The group is prepared
 * (serialized) before the clock starts, so only delivery is measured. Thread safe.
 *
 * @param <P> the prepared form of a group
 */
interface LoadTarget<P> extends AutoCloseable {

    /** A short name for the result table. */
    String name();

    /** The group in the form {@link #send} takes. */
    P prepare(List<Map<String, String>> group);

    /** Delivers a prepared group; true once the target acknowledged every alert of it. */
    boolean send(P prepared) throws Exception;

    @Override
    default void close() throws Exception {
    }
}
