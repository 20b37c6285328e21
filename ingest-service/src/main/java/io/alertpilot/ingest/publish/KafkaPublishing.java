package io.alertpilot.ingest.publish;

import io.alertpilot.ingest.IngestProperties;
import io.alertpilot.model.kafka.Topics;
import java.util.Map;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.config.TopicConfig;
import org.springframework.boot.kafka.autoconfigure.DefaultKafkaProducerFactoryCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.kafka.config.TopicBuilder;

/**
 * The producer setting that the 2xx-only-after-acknowledgement promise adds to service-support's (which forces
 * idempotence and {@code acks=all}, see {@code KafkaClientSettings}), and the topics ingest writes:
 * {@code max.block.ms} follows {@code alertpilot.ingest.publish-timeout} so that a broker that is down cannot hold a
 * request longer. The alerts topic keeps its records {@link Topics#HISTORY_MS} (30 days), the read model's history.
 */
@Configuration(proxyBeanMethods = false)
class KafkaPublishing {

    @Bean
    DefaultKafkaProducerFactoryCustomizer ingestProducerSettings(IngestProperties properties) {
        long timeoutMs = properties.publishTimeout().toMillis();
        return factory -> factory.updateConfigs(Map.of(ProducerConfig.MAX_BLOCK_MS_CONFIG, timeoutMs));
    }

    @Bean
    NewTopic alertsTopic(IngestProperties properties) {
        return topic(properties.topics().alerts(), properties.topics())
                .config(TopicConfig.RETENTION_MS_CONFIG, Topics.HISTORY_MS).build();
    }

    @Bean
    NewTopic rejectedTopic(IngestProperties properties) {
        return topic(properties.topics().rejected(), properties.topics()).build();
    }

    private static TopicBuilder topic(String name, IngestProperties.TopicNames topics) {
        TopicBuilder builder = TopicBuilder.name(name).partitions(topics.partitions());
        if (topics.replicas() > 0) {
            builder.replicas(topics.replicas());
        }
        return builder;
    }
}
