package io.alertpilot.notifier.consume;

import io.alertpilot.model.kafka.EventFormatException;
import java.util.Map;
import org.apache.kafka.common.serialization.Deserializer;

/** Reads each topic's values as that topic's type; throws {@link EventFormatException} for a topic it does not know. */
final class TopicDeserializer implements Deserializer<Object> {

    private final Map<String, Deserializer<?>> byTopic;

    TopicDeserializer(Map<String, Deserializer<?>> byTopic) {
        this.byTopic = Map.copyOf(byTopic);
    }

    @Override
    public Object deserialize(String topic, byte[] data) {
        Deserializer<?> deserializer = byTopic.get(topic);
        if (deserializer == null) {
            throw new EventFormatException("no value type known for topic " + topic, null);
        }
        return deserializer.deserialize(topic, data);
    }
}
