package io.alertpilot.support.maintenance;

import io.alertpilot.model.kafka.Topics;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * Declares the two maintenance topics, with {@code alertpilot.maintenance.replicas}: imported by the services that use
 * windows (remediation and notifier), not by the ingest service, which would otherwise create them with the broker's
 * default replication factor when it starts first. Importing it twice (standalone, one context) declares them once.
 */
@Configuration(proxyBeanMethods = false)
public class MaintenanceTopics {

    /** The compacted topic of the maintenance windows: one partition holds every window of an installation. */
    @Bean
    NewTopic maintenanceWindowsTopic(MaintenanceProperties properties) {
        return topic(properties.topic(), properties)
                .config(TopicConfig.CLEANUP_POLICY_CONFIG, TopicConfig.CLEANUP_POLICY_COMPACT)
                .build();
    }

    @Bean
    NewTopic maintenanceEventsTopic(MaintenanceProperties properties) {
        return topic(properties.eventsTopic(), properties)
                .config(TopicConfig.RETENTION_MS_CONFIG, Topics.HISTORY_MS).build();
    }

    private static TopicBuilder topic(String name, MaintenanceProperties properties) {
        TopicBuilder builder = TopicBuilder.name(name).partitions(1);
        if (properties.replicas() > 0) {
            builder.replicas(properties.replicas());
        }
        return builder;
    }
}
