package io.alertpilot.readmodel;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.ssl.SslBundle;

/**
 * Finds the followed event topics that keep their records for less than the read model's retention (their
 * {@code retention.ms}, as the broker describes it): a read model restarted on them would hold less history than it
 * says. Stateless.
 */
final class RetentionCheck {

    private static final long TIMEOUT_SECONDS = 10;

    private RetentionCheck() {
    }

    /**
     * The topics of {@code topics} whose {@code retention.ms} is shorter than {@code retention}, each with its
     * retention; {@code -1} (keep forever) is never shorter.
     *
     * @param clientConfig the follower's client settings; the admin client takes the keys it knows
     * @throws IllegalStateException when the broker does not describe the topics in time
     */
    static Map<String, Duration> shorter(Map<String, Object> clientConfig, Collection<String> topics,
            Duration retention) {
        Map<String, Object> config = new HashMap<>(clientConfig);
        Set<String> known = AdminClientConfig.configNames();
        config.keySet().removeIf(key -> !known.contains(key) && !key.equals(SslBundle.class.getName()));
        List<ConfigResource> resources = topics.stream()
                .map(topic -> new ConfigResource(ConfigResource.Type.TOPIC, topic)).toList();
        try (Admin admin = Admin.create(config)) {
            Map<ConfigResource, Config> described = admin.describeConfigs(resources).all()
                    .get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            return described.entrySet().stream()
                    .filter(e -> kept(e.getValue()) >= 0 && kept(e.getValue()) < retention.toMillis())
                    .collect(Collectors.toMap(e -> e.getKey().name(), e -> Duration.ofMillis(kept(e.getValue()))));
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("the retention of " + topics + " could not be read: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while reading the retention of " + topics, e);
        }
    }

    private static long kept(Config config) {
        ConfigEntry entry = config.get(TopicConfig.RETENTION_MS_CONFIG);
        return entry == null || entry.value() == null ? -1 : Long.parseLong(entry.value());
    }
}
