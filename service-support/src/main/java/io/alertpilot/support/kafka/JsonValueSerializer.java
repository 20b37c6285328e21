package io.alertpilot.support.kafka;

import io.alertpilot.model.kafka.Json;
import org.apache.kafka.common.serialization.Serializer;

/**
 * Serializes any event with {@link Json}'s mapping; for producers configured by class name
 * ({@code value.serializer}). A null value (a tombstone) stays null.
 */
public final class JsonValueSerializer implements Serializer<Object> {

    @Override
    public byte[] serialize(String topic, Object value) {
        return value == null ? null : Json.write(value);
    }
}
