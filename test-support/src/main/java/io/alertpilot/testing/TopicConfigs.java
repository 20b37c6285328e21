package io.alertpilot.testing;

import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;

/**
 * A topic's configuration as the broker describes it (its own settings and the broker's defaults), for a test to
 * check what a service declared: {@code TopicConfigs.read(brokers, Topics.INCIDENTS).get("cleanup.policy")}.
 */
public final class TopicConfigs {

    private TopicConfigs() {
    }

    /**
     * Every configuration entry of {@code topic} with a value, by name.
     *
     * @throws IllegalStateException when the broker does not answer within 10 s or has no such topic
     */
    public static Map<String, String> read(String bootstrapServers, String topic) {
        ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrapServers))) {
            Config config = admin.describeConfigs(List.of(resource)).all().get(10, TimeUnit.SECONDS).get(resource);
            return config.entries().stream().filter(e -> e.value() != null)
                    .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the configuration of topic " + topic + " could not be read: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the configuration of topic " + topic, e);
        }
    }
}
